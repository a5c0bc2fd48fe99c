// Running session-manager-plugin like the AWS CLI: six arguments, the StartSession response in an AWS_SSM_START_SESSION_RESPONSE variable (never argv), found on PATH or at a set path.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { buildPluginLaunch, describePluginLaunch, findSessionManagerPlugin, installerDirectories, ssmEndpointFor, START_SESSION_RESPONSE_VARIABLE } from '../../../src/extension/shell/pluginLaunch';
import { CLIENT_INSTANCE_ID, startClientHostLab, type ClientHostLab } from './clientHostLab';

let env: ClientHostLab;
before(async () => {
  env = await startClientHostLab();
});
after(() => env.stop());

test('the launch passes six arguments and the token only through the environment', () => {
  const session = { sessionId: 's-1', tokenValue: 'SECRET-TOKEN-VALUE', streamUrl: 'ws://127.0.0.1:1/v1/data-channel/s-1?role=publish_subscribe' };
  const launch = buildPluginLaunch(session, 'i-0123456789abcdef0', { kind: 'aws', profile: 'work', region: 'ap-northeast-1' });
  assert.deepEqual(launch.args, [START_SESSION_RESPONSE_VARIABLE, 'ap-northeast-1', 'StartSession', 'work', '{"Target":"i-0123456789abcdef0"}', 'https://ssm.ap-northeast-1.amazonaws.com']);
  assert.ok(launch.args.every((arg) => !arg.includes('SECRET-TOKEN-VALUE')));
  assert.deepEqual(JSON.parse(launch.env[START_SESSION_RESPONSE_VARIABLE] ?? ''), { SessionId: 's-1', TokenValue: 'SECRET-TOKEN-VALUE', StreamUrl: session.streamUrl });
  assert.equal(launch.env.AWS_ACCESS_KEY_ID, undefined, 'AWS profiles bring their own credentials');
  assert.ok(!describePluginLaunch('/usr/local/bin/session-manager-plugin', launch).includes('SECRET-TOKEN-VALUE'));
  assert.equal(buildPluginLaunch(session, 'i-0123456789abcdef0', { kind: 'aws', profile: undefined, region: 'us-east-1' }).args[3], '', 'default credential chain');
  assert.equal(ssmEndpointFor({ kind: 'aws', profile: undefined, region: 'cn-north-1' }), 'https://ssm.cn-north-1.amazonaws.com.cn');
});

test('the plugin is found at the set path, on PATH, or reported missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plugin-path-'));
  try {
    const plugin = join(dir, 'session-manager-plugin');
    writeFileSync(plugin, '#!/bin/sh\n');
    // No installer folders: what this machine has installed must not change the answers.
    const none: string[] = [];
    assert.equal(findSessionManagerPlugin(undefined, { PATH: dir }, 'linux', none), undefined, 'not executable yet');
    chmodSync(plugin, 0o755);
    assert.equal(findSessionManagerPlugin(undefined, { PATH: `/nonexistent:${dir}` }, 'linux', none), plugin);
    assert.equal(findSessionManagerPlugin(plugin, { PATH: '' }, 'linux', none), plugin);
    assert.equal(findSessionManagerPlugin(join(dir, 'missing'), { PATH: dir }, 'linux', none), undefined, 'a set path that is wrong is not replaced by PATH');
    assert.equal(findSessionManagerPlugin(undefined, { PATH: '/nonexistent' }, 'linux', none), undefined);
    assert.equal(findSessionManagerPlugin(undefined, { PATH: '/nonexistent' }, 'linux', ['/nonexistent-installer', dir]), plugin, 'an installer folder is searched after PATH');
    assert.deepEqual(installerDirectories({}, 'linux'), ['/usr/local/sessionmanagerplugin/bin', '/usr/local/bin']);
    assert.deepEqual(installerDirectories({ ProgramFiles: 'D:\\Apps' }, 'win32'), [join('D:\\Apps', 'Amazon', 'SessionManagerPlugin', 'bin')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a plugin started with the launch reaches the lab session and a command comes back', async () => {
  const session = await env.api.startSession(CLIENT_INSTANCE_ID);
  const launch = buildPluginLaunch(session, CLIENT_INSTANCE_ID, env.clients.target);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, 'fakeSessionManagerPlugin.ts'), ...launch.args], { env: { ...process.env, ...launch.env }, timeout: 20_000 });
  const [header = '{}', ...rest] = stdout.split('\n');
  assert.deepEqual(JSON.parse(header), { region: env.lab.region, operation: 'StartSession', profile: '', target: CLIENT_INSTANCE_ID, endpoint: env.lab.endpoint, sessionId: session.sessionId, fromVariable: true, keyId: env.lab.accessKeyId });
  assert.match(rest.join('\n'), /\r\nfrom plugin\r\n/);
  assert.ok(!stdout.includes(session.tokenValue));
});
