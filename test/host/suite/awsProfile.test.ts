// Host tests of the AWS path without AWS: a temporary AWS config whose profiles point endpoint_url at the lab (DESIGN.md).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TapeGatewayApi } from '../../../src/extension/api';
import { extensionApi, TreeReader } from './treeReader';

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`tapeGateway.${command}`, ...args);
const ENV_KEYS = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

describe('AWS profiles (endpoint_url pointing at the lab)', function () {
  this.timeout(60_000);
  let api: TapeGatewayApi;
  let tree: TreeReader;
  let dir = '';
  const savedEnv = new Map<string, string | undefined>();

  before(async () => {
    api = await extensionApi();
    tree = new TreeReader(api.explorer);
    if (api.connectionState().kind !== 'none') await run('disconnect');
    await run('startLocalLab');
    const state = api.connectionState();
    assert.ok(state.kind === 'connected' && state.target.kind === 'lab');
    const endpoint = state.target.endpoint;
    // A pool made through the lab connection proves later that the profile reaches the same endpoint.
    assert.ok(await run<string>('createTapePool', { name: 'made-on-lab', storageClass: 'GLACIER', retentionLockType: 'NONE' }));
    dir = mkdtempSync(join(tmpdir(), 'tgw-aws-config-'));
    writeFileSync(
      join(dir, 'config'),
      [
        '[profile labprofile]', 'region = us-east-1', `endpoint_url = ${endpoint}`, '',
        '[profile badkeys]', 'region = us-east-1', `endpoint_url = ${endpoint}`, '',
        '[profile ssoprofile]', 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Admin', 'region = us-east-1', `endpoint_url = ${endpoint}`, '',
        '[sso-session corp]', 'sso_start_url = https://example.invalid/start', 'sso_region = us-east-1', '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'credentials'), ['[labprofile]', 'aws_access_key_id = test', 'aws_secret_access_key = test', '', '[badkeys]', 'aws_access_key_id = test', 'aws_secret_access_key = not-the-lab-secret', ''].join('\n'));
    for (const key of ENV_KEYS) savedEnv.set(key, process.env[key]);
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  afterEach(() => api.prompts.restore());

  after(async () => {
    await run('stopLocalLab');
    await run('disconnect');
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects with a profile and region, shows them in the status bar, and the whole tree follows the switch', async () => {
    let changes = 0;
    const listener = api.explorer.onDidChangeTreeData?.(() => (changes += 1));
    await run('connectToAws', 'labprofile', 'us-east-1');
    listener?.dispose();
    assert.ok(changes > 0, 'switching fired a tree refresh');
    assert.match(api.statusBarText(), /Tape Gateway: labprofile \/ us-east-1/);
    const state = api.connectionState();
    assert.ok(state.kind === 'connected' && state.target.kind === 'aws');
    assert.deepEqual((await tree.children()).map((r) => r.label), ['Stacks', 'Gateways', 'Tape Pools']);
    assert.ok((await tree.childrenAt('Tape Pools')).some((p) => p.label === 'made-on-lab'), 'the profile endpoint_url reached the lab');
  });

  it('says how to check keys the endpoint refuses, naming the profile', async () => {
    await run('connectToAws', 'badkeys', 'us-east-1');
    const [node] = await tree.childrenAt('Gateways');
    assert.equal(node?.contextValue, 'error');
    assert.match(node?.label ?? '', /aws sts get-caller-identity --profile badkeys/);
    assert.match(node?.label ?? '', /click to retry/);
  });

  it('says to run aws sso login for an SSO profile without a valid session', async () => {
    await run('connectToAws', 'ssoprofile', 'us-east-1');
    const [node] = await tree.childrenAt('Gateways');
    assert.equal(node?.contextValue, 'error');
    assert.match(node?.label ?? '', /aws sso login --profile ssoprofile/);
  });

  it('reads the profiles the connect quick pick offers from the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name', async () => {
    const { listProfiles } = await import('../../../src/aws/profiles');
    assert.deepEqual((await listProfiles()).map((p) => `${p.name}:${p.kind}`).sort(), ['badkeys:keys', 'labprofile:keys', 'ssoprofile:sso']);
  });
});
