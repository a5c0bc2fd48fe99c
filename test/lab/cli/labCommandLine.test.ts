// The tape-gateway-lab command line: ready line, flags, refusals, signals, and protocol-level unknown operations.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListGatewaysCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';

const MAIN = resolve(__dirname, '../../../src/lab/main.ts');
const TSX = ['--import', 'tsx', MAIN];

function runLab(args: string[]) {
  return spawnSync(process.execPath, [...TSX, ...args], { encoding: 'utf8', timeout: 30_000 });
}

interface ReadyLine {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stateDir: string;
  adminToken: string;
}

describe('tape-gateway-lab', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'lab-cli-'));
  const child = spawn(process.execPath, [...TSX, '--port', '0', '--state-dir', stateDir, '--region', 'eu-west-1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let ready: ReadyLine;
  let readyText = '';

  before(async () => {
    readyText = await new Promise<string>((resolveLine, reject) => {
      child.once('exit', (code) => reject(new Error(`lab exited early with ${code}`)));
      createInterface({ input: child.stdout }).once('line', resolveLine);
    });
    ready = JSON.parse(readyText) as ReadyLine;
  });

  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('prints exactly one JSON line with the endpoint, region, credentials and state folder', () => {
    assert.deepEqual(Object.keys(ready), ['endpoint', 'region', 'accessKeyId', 'secretAccessKey', 'stateDir', 'adminToken']);
    // The admin token is also in the state folder, readable by its owner only.
    assert.match(ready.adminToken, /^[0-9a-f]{64}$/);
    assert.equal(readFileSync(join(stateDir, 'admin-token'), 'utf8').trim(), ready.adminToken);
    if (process.platform !== 'win32') assert.equal(statSync(join(stateDir, 'admin-token')).mode & 0o777, 0o600);
    assert.match(ready.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(ready.endpoint.endsWith(':0'), true);
    assert.equal(ready.region, 'eu-west-1');
    assert.equal(ready.accessKeyId, 'test');
    assert.equal(ready.secretAccessKey, 'test');
    assert.equal(ready.stateDir, stateDir);
  });

  it('answers an unknown JSON 1.1 operation with UnknownOperationException', async () => {
    const client = new StorageGatewayClient({ endpoint: ready.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    const UnknownCommand = class extends ListGatewaysCommand {};
    // Ask for an operation no service has by rewriting the target header.
    client.middlewareStack.add((next) => async (args) => {
      const request = args.request as { headers: Record<string, string> };
      request.headers['x-amz-target'] = 'StorageGateway_20130630.NoSuchOperation';
      return next(args);
    }, { step: 'build' });
    await assert.rejects(client.send(new UnknownCommand({})), (error: Error & { $metadata: { httpStatusCode: number } }) => {
      assert.equal(error.name, 'UnknownOperationException');
      assert.equal(error.$metadata.httpStatusCode, 400);
      return true;
    });
  });

  it('answers an unknown query action with InvalidAction in AWS XML', async () => {
    const client = new CloudFormationClient({ endpoint: ready.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    client.middlewareStack.add((next) => async (args) => {
      const request = args.request as { body: string };
      request.body = request.body.replace('Action=ListStacks', 'Action=NoStackOp1'); // same length: content-length is already set
      return next(args);
    }, { step: 'build' });
    await assert.rejects(client.send(new ListStacksCommand({})), (error: Error) => {
      assert.equal(error.name, 'InvalidAction');
      assert.match(error.message, /NoStackOp1 is not valid/);
      return true;
    });
  });

  it('refuses a request signed with the wrong secret', async () => {
    const client = new StorageGatewayClient({ endpoint: ready.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' }, maxAttempts: 1 });
    await assert.rejects(client.send(new ListGatewaysCommand({})), { name: 'InvalidSignatureException' });
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException', async () => {
    const response = await fetch(ready.endpoint, { method: 'POST', headers: { 'X-Amz-Target': 'StorageGateway_20130630.ListGateways', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' });
    assert.equal(response.status, 403);
    const body = (await response.json()) as { __type: string };
    assert.equal(body.__type, 'MissingAuthenticationTokenException');
    assert.ok(response.headers.get('x-amzn-requestid'));
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal(readyText.split('\n').length, 1);
  });
});

it('tape-gateway-lab whose parent stopped reading its output still stops on SIGTERM', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'lab-cli-orphan-'));
  const lab = spawn(process.execPath, [...TSX, '--port', '0', '--state-dir', stateDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolveLine, reject) => {
      lab.once('exit', (code) => reject(new Error(`lab exited early with ${code}`)));
      createInterface({ input: lab.stdout }).once('line', () => resolveLine());
    });
    // Our ends of its pipes close, as when the editor that started it goes away; its next log line meets EPIPE.
    lab.stdout.destroy();
    lab.stderr.destroy();
    const exited = new Promise<number | string | null>((resolveExit) => lab.once('exit', (code, signal) => resolveExit(code ?? signal)));
    lab.kill('SIGTERM');
    const outcome = await Promise.race([exited, new Promise<'still running'>((resolveLater) => setTimeout(() => resolveLater('still running'), 10_000))]);
    // What matters is that it stops: before, the failed log write was reported on stderr in a loop that never ended.
    // Under heavy load the signal is now and then seen by Node's default action (a 'SIGTERM' exit), also a stop.
    assert.ok(outcome === 0 || outcome === 'SIGTERM', `the lab stops although it cannot write its log (${String(outcome)})`);
  } finally {
    if (lab.exitCode === null) lab.kill('SIGKILL');
    rmSync(stateDir, { recursive: true, force: true });
  }
});

describe('tape-gateway-lab refuses bad flags with one clear line', () => {
  for (const [args, pattern] of [
    [['--port', 'notaport'], /--port "notaport" is not a TCP port/],
    [['--host', '0.0.0.0'], /not a loopback address/],
    [['--time-scale=-1'], /--time-scale "-1" must be a number of 0 or more/],
    [['--time-scale', 'fast'], /--time-scale "fast" must be a number/],
    [['--region', 'mars'], /not an AWS region name/],
    [['--bogus'], /Unknown option '--bogus'/],
  ] as const) {
    it(args.join(' '), () => {
      const result = runLab([...args]);
      assert.notEqual(result.status, 0);
      assert.equal(result.stdout, '');
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0] ?? '', pattern);
    });
  }
});
