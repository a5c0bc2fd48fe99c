// Security boundaries of the lab: loopback only; unsigned, wrongly signed and stale (replayed) requests refused as AWS
// refuses them; a data channel without the session's token is closed.
//
// Replay: AWS SigV4 has no nonce. AWS refuses a request whose X-Amz-Date is more than 15 minutes from its clock
// ("Signature expired"), and accepts an identical copy inside that window (mutations are made safe by idempotency
// tokens such as ClientToken). The lab does the same, which keeps SDK retries working; tests move an injected clock.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { WebSocket } from 'ws';
import { LabStartError, startLab, type RunningLab } from '../../../src/lab/index';
import { readyGateway } from '../storageGateway/sgLabFixture';
import { INSTANCE_ID, startSessionLab } from '../session/support/sessionLab';
import { labBundle } from './support/labChild';
import { assertJsonProtocolAnswer, assertQueryProtocolAnswer, sendRaw, type RawRequest } from './support/rawRequests';

const T0 = Date.parse('2026-03-01T12:00:00Z');
let clock = T0;
let lab: RunningLab;
let stateDir: string;
let gatewayArn: string;

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'lab-security-'));
  lab = await startLab({ port: 0, stateDir, timeScale: 0.001, now: () => new Date(clock) });
  const client = new StorageGatewayClient({ endpoint: lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, systemClockOffset: clock - Date.now() });
  gatewayArn = await readyGateway({ lab, client, stateDir }, 'secure');
  client.destroy();
});
after(async () => {
  await lab.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const listTapes = (extra: Partial<RawRequest> = {}): RawRequest => ({ headers: { 'x-amz-target': 'StorageGateway_20130630.ListTapes', 'content-type': 'application/x-amz-json-1.1' }, body: '{}', ...extra });
const errorType = (answer: { headers: Record<string, string | string[] | undefined> }) => String(answer.headers['x-amzn-errortype'] ?? '').replace(/:.*$/, '');

test('the lab refuses to listen beyond loopback, and its endpoints answer on 127.0.0.1 only', async () => {
  for (const host of ['0.0.0.0', '::', '10.1.2.3', 'example.com']) {
    await assert.rejects(startLab({ port: 0, host, stateDir }), LabStartError, host);
    const cli = spawnSync(process.execPath, [await labBundle(), '--port', '0', '--host', host, '--state-dir', stateDir], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(cli.status, 2, host);
    assert.match(cli.stderr, /not a loopback address/);
  }
  assert.match(lab.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  const appliance = await lab.admin.createGatewayAppliance();
  const pagePort = Number(new URL(appliance.activationUrl ?? '').port);
  assert.match(appliance.activationUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);
  // This machine's other addresses reach neither the API port nor an activation page.
  const external = Object.values(networkInterfaces()).flat().filter((address) => address && !address.internal && address.family === 'IPv4').map((address) => address?.address ?? '');
  for (const address of external) {
    for (const port of [lab.port, pagePort]) {
      const reached = await new Promise<boolean>((resolveReach) => {
        const socket = connect(port, address, () => {
          socket.destroy();
          resolveReach(true);
        });
        socket.on('error', () => resolveReach(false));
      });
      assert.equal(reached, false, `${address}:${port} is reachable`);
    }
  }
});

test('unsigned, unknown-key, wrongly signed and tampered requests are refused with the AWS error of each protocol', async () => {
  const signedAt = new Date(clock);
  const cases: [string, RawRequest, number, string][] = [
    ['unsigned', listTapes(), 403, 'MissingAuthenticationTokenException'],
    ['wrong secret', listTapes({ sign: { service: 'storagegateway', secretAccessKey: 'not-the-secret', signingDate: signedAt } }), 400, 'InvalidSignatureException'],
    ['wrong service scope', listTapes({ sign: { service: 'ssm', signingDate: signedAt } }), 400, 'InvalidSignatureException'],
    ['garbled Authorization', listTapes({ headers: { 'x-amz-target': 'StorageGateway_20130630.ListTapes', 'content-type': 'application/x-amz-json-1.1', authorization: 'AWS4-HMAC-SHA256 Credential=test', 'x-amz-date': '20260301T120000Z' } }), 400, 'IncompleteSignatureException'],
  ];
  for (const [what, request, status, code] of cases) {
    const answer = await sendRaw(lab.endpoint, request);
    assert.ok(answer);
    assertJsonProtocolAnswer(answer, what);
    assert.equal(answer.status, status, what);
    assert.equal(errorType(answer), code, what);
  }
  // A body changed after signing no longer matches the signature.
  const signed = await signedHeaders(listTapes({ body: '{"Limit":1}', sign: { service: 'storagegateway', signingDate: signedAt } }));
  const tampered = await sendRaw(lab.endpoint, { headers: signed, body: '{"Limit":2}' });
  assert.equal(tampered?.status, 400);
  assert.equal(tampered && errorType(tampered), 'InvalidSignatureException');

  const query = (extra: Partial<RawRequest>): RawRequest => ({ body: 'Action=DescribeStacks&Version=2010-05-15', headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...extra });
  for (const [what, request, status, code] of [
    ['unsigned query', query({}), 403, 'MissingAuthenticationToken'],
    ['wrong secret query', query({ sign: { service: 'cloudformation', secretAccessKey: 'nope', signingDate: signedAt } }), 403, 'SignatureDoesNotMatch'],
  ] as const) {
    const answer = await sendRaw(lab.endpoint, request);
    assert.ok(answer);
    assert.equal(answer.status, status, what);
    assert.equal(assertQueryProtocolAnswer(answer, what), code, what);
  }
});

/** The exact headers the signer produced, to resend the same bytes later (a replay). */
async function signedHeaders(request: RawRequest): Promise<Record<string, string>> {
  let captured: Record<string, string> = {};
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    captured = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // Same host header as the lab's endpoint, so the signature stays valid when the bytes are replayed there.
  await sendRaw(`http://127.0.0.1:${port}`, { ...request, headers: { ...request.headers, host: new URL(lab.endpoint).host } });
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  const { connection: _connection, 'content-length': _length, ...headers } = captured;
  return headers;
}

test('a replayed request is accepted within the 15-minute window, like AWS, and refused once it is older', async () => {
  clock = T0 + 60_000;
  const body = JSON.stringify({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * 1024 ** 3, ClientToken: 'replayed-create', NumTapesToCreate: 2, TapeBarcodePrefix: 'RPL' });
  const headers = await signedHeaders({ headers: { 'x-amz-target': 'StorageGateway_20130630.CreateTapes', 'content-type': 'application/x-amz-json-1.1' }, body, sign: { service: 'storagegateway', signingDate: new Date(clock) } });
  const first = await sendRaw(lab.endpoint, { headers, body });
  assert.equal(first?.status, 200, first?.body.toString());
  const created = JSON.parse(first?.body.toString() ?? '{}') as { TapeARNs: string[] };

  // The same bytes 14 minutes later: accepted, and the ClientToken makes the mutation idempotent (no new tapes).
  clock = T0 + 15 * 60_000;
  const replay = await sendRaw(lab.endpoint, { headers, body });
  assert.equal(replay?.status, 200);
  assert.deepEqual(JSON.parse(replay?.body.toString() ?? '{}'), created);

  // 16 minutes after signing: refused as AWS does.
  clock = T0 + 17 * 60_000;
  const stale = await sendRaw(lab.endpoint, { headers, body });
  assert.ok(stale);
  assert.equal(stale.status, 400);
  assert.equal(errorType(stale), 'InvalidSignatureException');
  assert.match(JSON.parse(stale.body.toString()).message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);

  // A request dated 16 minutes ahead of the lab clock is refused too.
  const future = await sendRaw(lab.endpoint, listTapes({ sign: { service: 'storagegateway', signingDate: new Date(clock + 16 * 60_000) } }));
  assert.equal(future && errorType(future), 'InvalidSignatureException');
  assert.match(future?.body.toString() ?? '', /is now later than/);

  const query = await sendRaw(lab.endpoint, { body: 'Action=DescribeStacks&Version=2010-05-15', headers: { 'content-type': 'application/x-www-form-urlencoded' }, sign: { service: 'cloudformation', signingDate: new Date(clock - 16 * 60_000) } });
  assert.ok(query);
  assert.equal(assertQueryProtocolAnswer(query, 'stale query'), 'SignatureDoesNotMatch');
  assert.match(query.body.toString(), /Signature expired/);
  clock = T0;
});

test('a data channel is closed (1008) without the token of its own live session', async () => {
  const sessions = await startSessionLab();
  try {
    const first = await sessions.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID }));
    const second = await sessions.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID }));
    const closeCodeFor = (sessionId: string, token: string | undefined) =>
      new Promise<number>((resolveCode) => {
        const socket = new WebSocket(`ws://127.0.0.1:${sessions.lab.port}/v1/data-channel/${sessionId}?role=publish_subscribe`);
        socket.on('open', () => {
          if (token !== undefined) socket.send(JSON.stringify({ MessageSchemaVersion: '1.0', RequestId: '11111111-1111-4111-8111-111111111111', TokenValue: token, ClientId: 'sec', ClientVersion: '1.2.0.0' }));
          else socket.send(Buffer.from([0, 1, 2, 3]));
        });
        socket.on('error', () => undefined);
        socket.on('close', (code) => resolveCode(code));
      });
    assert.equal(await closeCodeFor(first.SessionId ?? '', second.TokenValue), 1008, "another session's token");
    assert.equal(await closeCodeFor(first.SessionId ?? '', ''), 1008, 'empty token');
    assert.equal(await closeCodeFor(first.SessionId ?? '', undefined), 1008, 'binary frame instead of the token');
    await sessions.ssm.send(new TerminateSessionCommand({ SessionId: second.SessionId }));
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    assert.equal(await closeCodeFor(second.SessionId ?? '', second.TokenValue), 1008, 'the token of a terminated session');
  } finally {
    await sessions.stop();
  }
});
