// Host test: the extension keeps secrets. A whole workflow on the AWS path (a profile whose endpoint_url points at a lab,
// with a distinctive secret key and a session token), then a search of everything the extension keeps or writes: the
// output channel's log, global and workspace state, settings, session terminals' scrollback and every file under the
// folders it writes to. None may hold the secret key, the session token, a Session Manager stream token or an activation key.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as vscode from 'vscode';
import type { TapeGatewayApi } from '../../../src/extension/api';
import { startLab, type RunningLab } from '../../../src/lab';
import { sendCommand } from '../../lab/workflows/deployTapeGateway';
import { extensionApi } from './hostLab';
import { eventually } from './treeReader';

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`tapeGateway.${command}`, ...args);
const ACCESS_KEY = 'AKIASECRETPROBE12345';
const SECRET_KEY = 'wJalrXUtnSECRETprobe/K7MDENG+bPxRfiCYzzKEY';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjSESSIONprobeTOKEN0123456789abcdefZZ';
const ENV_KEYS = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
const ACTIVATION_KEY = /\b[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}\b/g;

/** A loopback proxy in front of the lab that remembers the tokens and keys its answers carry (the extension never sees it as special). */
async function recordingProxy(target: string): Promise<{ server: Server; endpoint: string; streamTokens: Set<string>; activationKeys: Set<string> }> {
  const upstream = new URL(target);
  const streamTokens = new Set<string>();
  const activationKeys = new Set<string>();
  const server = createServer((req, res) => {
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        for (const match of text.matchAll(/"TokenValue":"([^"]+)"/g)) streamTokens.add(match[1] ?? '');
        for (const match of text.matchAll(ACTIVATION_KEY)) activationKeys.add(match[0]);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(body);
      });
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, streamTokens, activationKeys };
}

/** Every file under `folder` (skipping ones over 64 MiB), with its bytes read as Latin-1 so binary stores are searched too. */
function filesUnder(folder: string): { path: string; text: string }[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(folder, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return [];
    if (stat.isDirectory()) return filesUnder(path);
    return stat.isFile() && stat.size < 64 * 1024 * 1024 ? [{ path, text: readFileSync(path).toString('latin1') }] : [];
  });
}

describe('The extension keeps secrets on the AWS path', function () {
  this.timeout(240_000);
  let api: TapeGatewayApi;
  let lab: RunningLab;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let dir = '';
  let ssm: SSMClient;
  const savedEnv = new Map<string, string | undefined>();

  before(async () => {
    api = await extensionApi();
    if (api.connectionState().kind !== 'none') await run('disconnect');
    dir = mkdtempSync(join(tmpdir(), 'tgw-secrets-'));
    lab = await startLab({ port: 0, stateDir: join(dir, 'lab'), timeScale: 0.001, accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY });
    proxy = await recordingProxy(lab.endpoint);
    writeFileSync(join(dir, 'config'), ['[profile secretprobe]', 'region = us-east-1', `endpoint_url = ${proxy.endpoint}`, ''].join('\n'));
    writeFileSync(join(dir, 'credentials'), ['[secretprobe]', `aws_access_key_id = ${ACCESS_KEY}`, `aws_secret_access_key = ${SECRET_KEY}`, `aws_session_token = ${SESSION_TOKEN}`, ''].join('\n'));
    for (const key of ENV_KEYS) savedEnv.set(key, process.env[key]);
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    for (const key of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[key];
    ssm = new SSMClient({ endpoint: lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN } });
  });

  afterEach(() => api.prompts.restore());

  after(async () => {
    ssm?.destroy();
    await run('disconnect');
    for (const terminal of vscode.window.terminals) terminal.dispose();
    await new Promise<void>((resolveClose) => (proxy ? proxy.server.close(() => resolveClose()) : resolveClose()));
    await lab?.stop();
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs deploy, activation, disks, tapes, a session terminal and a tape write and read through the profile', async () => {
    await run('connectToAws', 'secretprobe', 'us-east-1');
    const state = api.connectionState();
    assert.ok(state.kind === 'connected' && state.target.kind === 'aws');
    assert.equal(await run<string>('deployStack', { stackName: 'secret-stack', parameters: { ClientOperatingSystem: 'AL2' }, confirmed: true }), 'CREATE_COMPLETE');
    const outputs = await import('@aws-sdk/client-cloudformation').then(async ({ CloudFormationClient, DescribeStacksCommand }) => {
      const cfn = new CloudFormationClient({ endpoint: lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
      try {
        return (await cfn.send(new DescribeStacksCommand({ StackName: 'secret-stack' }))).Stacks?.[0]?.Outputs ?? [];
      } finally {
        cfn.destroy();
      }
    });
    const clientInstanceId = outputs.find((o) => o.OutputKey === 'ClientInstanceId')?.OutputValue ?? '';
    assert.match(clientInstanceId, /^i-/);

    const gatewayArn = (await run<string>('activateGateway', { stackName: 'secret-stack', name: 'secret-gateway', timezone: 'GMT', mediumChangerType: 'AWS-Gateway-VTL' })) ?? '';
    assert.match(gatewayArn, /:gateway\/sgw-/);
    const disks = await run<{ cache: string[]; uploadBuffer: string[] }>('configureDisks', { gatewayArn, cacheDiskIds: ['/dev/nvme1n1'], uploadBufferDiskIds: ['/dev/nvme2n1'], acceptSmallDisks: true });
    assert.ok(disks?.cache.length);
    const [tapeArn] = (await run<string[]>('createTapes', { gatewayArn, barcode: 'SECRET01', sizeGiB: 100, poolId: 'GLACIER', worm: false })) ?? [];
    assert.ok(tapeArn);

    const terminal = await run<unknown>('openSessionTerminal', { instanceId: clientInstanceId });
    assert.ok(terminal);
    const session = await eventually('a session terminal', async () => api.sessionTerminals().find((t) => t.state === 'open'));
    session.handleInput('echo "secret-probe"-done\r');
    await eventually('the command output in the terminal', async () => (/secret-probe-done/.test(session.transcript()) ? true : undefined));

    await eventually('the tape AVAILABLE', async () => {
      const { StorageGatewayClient, ListTapesCommand } = await import('@aws-sdk/client-storage-gateway');
      const sg = new StorageGatewayClient({ endpoint: lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
      try {
        return (await sg.send(new ListTapesCommand({}))).TapeInfos?.some((t) => t.TapeStatus === 'AVAILABLE') ? true : undefined;
      } finally {
        sg.destroy();
      }
    });
    assert.deepEqual((await run<{ drives: number[] }>('connectLibrary', { gatewayArn, clientInstanceId, drives: [0] }))?.drives, [0]);
    assert.ok(await run('loadTape', { gatewayArn, barcode: 'SECRET01', drive: 0 }));
    assert.equal((await sendCommand(ssm, clientInstanceId, "echo 'probe' > /home/ssm-user/probe.txt")).code, 0);
    assert.equal((await run<{ archive: number }>('writeFilesToTape', { gatewayArn, drive: 0, paths: ['/home/ssm-user/probe.txt'] }))?.archive, 0);
    assert.deepEqual((await run<{ names: string[] }>('readFilesFromTape', { gatewayArn, drive: 0, archive: 0, directory: '/home/ssm-user/restore' }))?.names, ['home/ssm-user/probe.txt']);
  });

  it('no secret, session token, stream token or activation key is in the log, state, settings, scrollback or any file it writes', async () => {
    const streamTokens = [...proxy.streamTokens].filter(Boolean);
    const activationKeys = [...proxy.activationKeys];
    assert.ok(streamTokens.length > 0, 'the workflow opened Session Manager sessions (their tokens are searched for)');
    assert.ok(activationKeys.length > 0, 'the workflow fetched an activation key (it is searched for)');
    const secrets = new Map<string, string>([
      ['the secret access key', SECRET_KEY],
      ['the session token', SESSION_TOKEN],
      ...streamTokens.map((token, i): [string, string] => [`stream token ${i}`, token]),
      ...activationKeys.map((key, i): [string, string] => [`activation key ${i}`, key]),
    ]);
    const stored = api.storedState();
    const places: { what: string; text: string }[] = [
      { what: 'global state', text: JSON.stringify(stored.globalState) },
      { what: 'workspace state', text: JSON.stringify(stored.workspaceState) },
      { what: 'settings', text: JSON.stringify(vscode.workspace.getConfiguration('tapeGateway')) },
      ...api.sessionTerminals().map((t, i) => ({ what: `session terminal ${i} scrollback`, text: t.transcript() })),
    ];
    // The extension's folders, and the whole user data folder around them (settings.json, state databases, every log).
    const userData = dirname(dirname(stored.folders[0] ?? ''));
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    for (const folder of new Set([...stored.folders, userData, ...(workspace ? [workspace] : [])])) {
      for (const file of filesUnder(folder)) places.push({ what: file.path, text: file.text });
    }
    const log = places.find((place) => /Tape Gateway\.log$/.test(place.what));
    assert.ok(log && /CreateStack secret-stack/.test(log.text), `the output channel's log was found and searched: ${places.filter((p) => p.what.endsWith('.log')).map((p) => p.what).join(', ')}`);
    const leaks = places.flatMap((place) => [...secrets].filter(([, value]) => place.text.includes(value)).map(([name]) => `${name} in ${place.what}`));
    assert.deepEqual(leaks, []);
  });
});
