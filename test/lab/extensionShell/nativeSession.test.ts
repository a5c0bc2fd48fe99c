// The terminal's session against the lab: StartSession through the extension's SSM wrapper, output, resize, ResumeSession after a drop, TerminateSession on close, errors as sentences, no token in any log.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AwsFailure } from '../../../src/aws/AwsFailure';
import { startNativeSession } from '../../../src/extension/shell/startNativeSession';
import type { SessionEnd } from '../../../src/session';
import { FaultProxy } from '../session/support/FaultProxy';
import { CLIENT_INSTANCE_ID, startClientHostLab, type ClientHostLab } from './clientHostLab';
import { eventuallyMatches } from '../../eventually';

let env: ClientHostLab;
before(async () => {
  env = await startClientHostLab();
});
after(() => env.stop());

const waitFor = (read: () => string, pattern: RegExp, timeoutMs = 10_000) => eventuallyMatches(read, pattern, timeoutMs);

test('a shell command typed into the session comes back, resizing reaches the shell, and closing terminates the session', async () => {
  const logs: string[] = [];
  const { channel, sessionId } = await startNativeSession(env.api, { target: CLIENT_INSTANCE_ID, size: { columns: 100, rows: 30 }, log: (line) => logs.push(line) });
  let text = '';
  channel.onOutput((chunk) => (text += chunk));
  await channel.open();
  await waitFor(() => text, /sh-4\.2\$ $/);
  channel.sendInput('echo tape  lab\r');
  await waitFor(() => text, /\r\ntape lab\r\nsh-4\.2\$ $/);
  channel.sendInput('echo $COLUMNS x $LINES\r');
  await waitFor(() => text, /\r\n100 x 30\r\n/);
  channel.resize(132, 43);
  channel.sendInput('echo $COLUMNS x $LINES\r');
  await waitFor(() => text, /\r\n132 x 43\r\n/);
  await channel.close();
  assert.equal(await env.api.sessionStatus(sessionId), 'Terminated');
  assert.ok(logs.some((line) => line.includes(`Session ${sessionId} terminated.`)));
});

test('the session ends with channel_closed when the shell exits', async () => {
  const { channel, sessionId } = await startNativeSession(env.api, { target: CLIENT_INSTANCE_ID, size: { columns: 80, rows: 24 }, log: () => undefined });
  const end = new Promise<SessionEnd>((resolve) => channel.onEnd(resolve));
  await channel.open();
  channel.sendInput('exit\r');
  const result = await end;
  assert.equal(result.reason, 'channelClosed');
  assert.match(result.message, new RegExp(`Exiting session with sessionId: ${sessionId}\\.`));
});

test('a target that is not connected is a sentence that says what to do', async () => {
  await assert.rejects(
    startNativeSession(env.api, { target: 'i-0aaaaaaaaaaaaaaaa', size: { columns: 80, rows: 24 }, log: () => undefined }),
    (error: unknown) => error instanceof AwsFailure && error.code === 'TargetNotConnected' && /not connected to Session Manager\. Check that the instance is running/.test(error.userMessage),
  );
});

test('session tokens never reach the extension log or the lab log', async () => {
  const logs: string[] = [];
  const tokens: string[] = [];
  const realStart = env.api.startSession.bind(env.api);
  env.api.startSession = async (target) => {
    const started = await realStart(target);
    tokens.push(started.tokenValue);
    return started;
  };
  try {
    const { channel } = await startNativeSession(env.api, { target: CLIENT_INSTANCE_ID, size: { columns: 80, rows: 24 }, log: (line) => logs.push(line) });
    let text = '';
    channel.onOutput((chunk) => (text += chunk));
    await channel.open();
    await waitFor(() => text, /\$ $/);
    channel.sendInput('echo hi\r');
    await waitFor(() => text, /hi\r\n/);
    await channel.close();
  } finally {
    env.api.startSession = realStart;
  }
  assert.equal(tokens.length, 1);
  assert.ok(tokens[0]!.length >= 16);
  assert.ok(logs.length > 0);
  for (const line of [...logs, ...env.labLog]) assert.ok(!line.includes(tokens[0]!), `token in log line: ${line.replace(tokens[0]!, '<token>')}`);
});

test('a dropped socket is resumed with ResumeSession and the session carries on', async () => {
  const proxy = await FaultProxy.start(env.lab.port);
  const logs: string[] = [];
  const realStart = env.api.startSession.bind(env.api);
  env.api.startSession = async (target) => {
    const started = await realStart(target);
    return { ...started, streamUrl: proxy.url(started.streamUrl) };
  };
  try {
    const { channel } = await startNativeSession(env.api, { target: CLIENT_INSTANCE_ID, size: { columns: 80, rows: 24 }, log: (line) => logs.push(line) });
    let text = '';
    channel.onOutput((chunk) => (text += chunk));
    await channel.open();
    await waitFor(() => text, /\$ $/);
    proxy.drop('client');
    channel.sendInput('echo after   drop\r');
    await waitFor(() => text, /\r\nafter drop\r\n/);
    assert.ok(logs.some((line) => /connection lost, calling ResumeSession/.test(line)), logs.join('\n'));
    assert.equal(channel.state, 'open');
    await channel.close();
  } finally {
    env.api.startSession = realStart;
    await proxy.stop();
  }
});
