// What a web page in the user's browser can do to a running lab: nothing. Each refusal is shown with the real curl and a
// WebSocket client against the lab CLI: foreign Host names (DNS rebinding) and web-page Origins on the AWS APIs, the
// admin routes, activation pages and the data channel; admin routes without the lab's token or without a JSON body;
// SigV4 requests that leave host or an x-amz-* header unsigned. Loopback names and --allowed-host names still work.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { labClients, type LabClients } from './support/awsClients';
import { LabChild } from './support/labChild';
import { assertJsonProtocolAnswer, assertQueryProtocolAnswer, sendRaw, type RawRequest } from './support/rawRequests';

const ALLOWED = 'tapelab.example.test';
let lab: LabChild;
let clients: LabClients;
let stateDir: string;
let port = 0;
let pagePort = 0;
/** Every refusal this file shows, for the reliability figures. */
let refusals = 0;

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'lab-origin-'));
  lab = await LabChild.start(stateDir, ['--time-scale', '0', '--allowed-host', ALLOWED]);
  port = Number(new URL(lab.ready.endpoint).port);
  clients = labClients(lab.ready.endpoint);
  const created = curl(['-X', 'POST', '-H', `Authorization: Bearer ${lab.ready.adminToken}`, '-H', 'Content-Type: application/json', '--data', '{}', `${lab.ready.endpoint}/_lab/appliances`]);
  assert.equal(created.status, 201, created.body);
  const appliance = JSON.parse(created.body) as { activationUrl: string };
  pagePort = Number(new URL(appliance.activationUrl).port);
});

after(async () => {
  clients.destroy();
  await lab.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** Runs /usr/bin/curl and returns the status and body (`-w` appends the status after the body). */
function curl(args: readonly string[]): { status: number; body: string } {
  const run = spawnSync('curl', ['-sS', '--max-time', '10', '-w', '\n%{http_code}', ...args], { encoding: 'utf8' });
  assert.equal(run.status, 0, `curl ${args.join(' ')}: ${run.stderr}`);
  const cut = run.stdout.lastIndexOf('\n');
  return { status: Number(run.stdout.slice(cut + 1)), body: run.stdout.slice(0, cut) };
}

function refused(answer: { status: number; body: string }, what: string, pattern: RegExp): void {
  assert.equal(answer.status, 403, `${what}: ${answer.body}`);
  assert.match(answer.body, pattern, what);
  refusals += 1;
}

const listTapes = (extra: Partial<RawRequest> = {}): RawRequest => ({ headers: { 'x-amz-target': 'StorageGateway_20130630.ListTapes', 'content-type': 'application/x-amz-json-1.1' }, body: '{}', sign: { service: 'storagegateway' }, ...extra });

test('a Host that is not this machine is refused with 403 on the API, the admin routes and the activation pages', () => {
  for (const host of ['evil.example', `evil.example:${port}`, '10.0.0.5', 'localhost.evil.example', '127.0.0.1.nip.io', `${ALLOWED}.evil.example`]) {
    refused(curl(['-H', `Host: ${host}`, '-X', 'POST', '--data', 'Action=DescribeStacks', lab.ready.endpoint]), `API with Host ${host}`, /<Code>AccessDenied<\/Code>.*answers requests for this machine only/s);
    refused(curl(['-H', `Host: ${host}`, '-H', `Authorization: Bearer ${lab.ready.adminToken}`, `${lab.ready.endpoint}/_lab/appliances`]), `admin with Host ${host}`, /this machine only/);
    refused(curl(['-H', `Host: ${host}`, `http://127.0.0.1:${pagePort}/?activationRegion=us-east-1&no_redirect`]), `activation page with Host ${host}`, /this machine only/);
  }
  // No Host at all: Node's HTTP parser refuses an HTTP/1.1 request without one (400) before the lab sees it.
  for (const url of [lab.ready.endpoint, `http://127.0.0.1:${pagePort}/?activationRegion=us-east-1&no_redirect`]) {
    assert.equal(curl(['-H', 'Host:', url]).status, 400, url);
    refusals += 1;
  }
});

test('loopback names, *.localhost and --allowed-host names are served', async () => {
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `127.8.9.10:${port}`, `[::1]:${port}`, `bucket.localhost:${port}`, `LOCALHOST:${port}`, `${ALLOWED}:${port}`]) {
    const answer = await sendRaw(lab.ready.endpoint, listTapes({ headers: { ...listTapes().headers, host } }));
    assert.ok(answer);
    assertJsonProtocolAnswer(answer, host);
    assert.equal(answer.status, 200, `${host}: ${answer.body.toString()}`);
  }
  const page = curl(['-H', `Host: ${ALLOWED}`, `http://127.0.0.1:${pagePort}/?activationRegion=us-east-1&no_redirect`]);
  assert.equal(page.status, 200);
  assert.match(page.body, /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
});

test('a request from a web page (Origin header) is refused unless the page is on this machine', async () => {
  for (const origin of ['https://evil.example', 'null', `http://evil.example:${port}`, 'file://']) {
    refused(curl(['-H', `Origin: ${origin}`, '-H', 'X-Amz-Target: StorageGateway_20130630.ListGateways', '-H', 'Content-Type: application/x-amz-json-1.1', '--data', '{}', lab.ready.endpoint]), `API from ${origin}`, /"__type":"AccessDeniedException".*refuses requests from web pages/s);
    refused(curl(['-H', `Origin: ${origin}`, `http://127.0.0.1:${pagePort}/?activationRegion=us-east-1&no_redirect`]), `activation page from ${origin}`, /refuses requests from web pages/);
  }
  // A page on this machine gets past the Origin check and meets SigV4 like any client.
  const local = await sendRaw(lab.ready.endpoint, listTapes({ headers: { ...listTapes().headers, origin: 'http://localhost:3000' } }));
  assert.equal(local?.status, 200);
});

test('the data channel refuses a WebSocket upgrade from any web page and for a foreign Host', async () => {
  // The upgrade is refused before any session lookup, so any session id shows it.
  const upgrade = (options: { origin?: string; host?: string }) =>
    new Promise<number>((resolveStatus, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/data-channel/any-session?role=publish_subscribe`, { origin: options.origin, headers: options.host ? { host: options.host } : {} });
      socket.on('unexpected-response', (_request, response) => {
        resolveStatus(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.on('open', () => {
        socket.terminate();
        resolveStatus(101);
      });
      socket.on('error', (error) => reject(error));
    });
  for (const origin of ['https://evil.example', 'http://localhost:8080', 'null']) {
    assert.equal(await upgrade({ origin }), 403, origin);
    refusals += 1;
  }
  assert.equal(await upgrade({ host: 'evil.example' }), 403);
  refusals += 1;
  assert.equal(await upgrade({ origin: `http://${ALLOWED}` }), 101, 'an allowed origin upgrades');
  assert.equal(await upgrade({}), 101, 'a client without Origin (SDKs, session-manager-plugin) upgrades');
});

test('admin routes need the lab token and a JSON body: a cross-site form or text/plain POST changes nothing', () => {
  const before = JSON.parse(curl(['-H', `Authorization: Bearer ${lab.ready.adminToken}`, `${lab.ready.endpoint}/_lab/appliances`]).body) as { appliances: unknown[] };
  const url = `${lab.ready.endpoint}/_lab/appliances`;
  for (const [what, args, status] of [
    ['text/plain POST, no token (what a web page can send without asking)', ['-X', 'POST', '-H', 'Content-Type: text/plain', '--data', '{}', url], 401],
    ['form POST, no token', ['-X', 'POST', '--data', 'a=b', url], 401],
    ['JSON POST, no token', ['-X', 'POST', '-H', 'Content-Type: application/json', '--data', '{}', url], 401],
    ['JSON POST, wrong token', ['-X', 'POST', '-H', 'Authorization: Bearer 0000', '-H', 'Content-Type: application/json', '--data', '{}', url], 401],
    ['GET, no token', [url], 401],
    ['text/plain POST with the token', ['-X', 'POST', '-H', `Authorization: Bearer ${lab.ready.adminToken}`, '-H', 'Content-Type: text/plain', '--data', '{}', url], 415],
    ['eject without the token', ['-X', 'POST', '-H', 'Content-Type: application/json', `${lab.ready.endpoint}/_lab/tapes/ABCDE12345/eject`], 401],
  ] as const) {
    const answer = curl(args);
    assert.equal(answer.status, status, `${what}: ${answer.body}`);
    assert.equal(typeof (JSON.parse(answer.body) as { message?: unknown }).message, 'string', what);
    refusals += 1;
  }
  const afterList = JSON.parse(curl(['-H', `Authorization: Bearer ${lab.ready.adminToken}`, url]).body) as { appliances: unknown[] };
  assert.equal(afterList.appliances.length, before.appliances.length, 'no refused request created an appliance');
  // The token file holds the same token, readable by the user only.
  assert.equal(readFileSync(join(stateDir, 'admin-token'), 'utf8').trim(), lab.ready.adminToken);
});

test('SigV4: a request that leaves host or any x-amz-* header out of SignedHeaders is refused', async () => {
  const jsonCases: [string, RawRequest, string][] = [
    ['X-Amz-Target unsigned (the operation could be swapped after signing)', listTapes({ sign: { service: 'storagegateway', unsigned: ['x-amz-target'] } }), 'InvalidSignatureException'],
    ['host unsigned', listTapes({ sign: { service: 'storagegateway', unsigned: ['host'] } }), 'IncompleteSignatureException'],
    ['x-amz-date unsigned', listTapes({ sign: { service: 'storagegateway', unsigned: ['x-amz-date'] } }), 'InvalidSignatureException'],
    ['x-amz-security-token unsigned', listTapes({ sign: { service: 'storagegateway', unsigned: ['x-amz-security-token'], sessionToken: 'session-token' } }), 'InvalidSignatureException'],
    ['x-amz-content-sha256 unsigned', listTapes({ headers: { ...listTapes().headers, 'x-amz-content-sha256': '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' }, sign: { service: 'storagegateway', unsigned: ['x-amz-content-sha256'] } }), 'InvalidSignatureException'],
  ];
  for (const [what, request, code] of jsonCases) {
    const answer = await sendRaw(lab.ready.endpoint, request);
    assert.ok(answer);
    assertJsonProtocolAnswer(answer, what);
    assert.equal(String(answer.headers['x-amzn-errortype'] ?? '').replace(/:.*$/, ''), code, `${what}: ${answer.body.toString()}`);
    refusals += 1;
  }
  const query = await sendRaw(lab.ready.endpoint, { body: 'Action=DescribeStacks&Version=2010-05-15', headers: { 'content-type': 'application/x-www-form-urlencoded' }, sign: { service: 'cloudformation', unsigned: ['x-amz-date'] } });
  assert.ok(query);
  assert.equal(assertQueryProtocolAnswer(query, 'query x-amz-date unsigned'), 'SignatureDoesNotMatch');
  assert.match(query.body.toString(), /not signed: x-amz-date/);
  refusals += 1;
  // The same requests, fully signed, pass (with the SDKs' unsigned user-agent and amz-sdk-* headers).
  const signed = await sendRaw(lab.ready.endpoint, listTapes({ headers: { ...listTapes().headers, 'user-agent': 'test', 'amz-sdk-request': 'attempt=1; max=1' }, sign: { service: 'storagegateway', unsigned: ['user-agent', 'amz-sdk-request'] } }));
  assert.equal(signed?.status, 200, signed?.body.toString());
});

test('malformed request targets get a 4xx of their protocol, and the lab still answers', async () => {
  for (const path of ['//', '//x//y', '/%', '/%E0%A4%A', '///?Action=DescribeStacks']) {
    const answer = await sendRaw(lab.ready.endpoint, { path, body: 'Action=DescribeStacks&Version=2010-05-15', headers: { 'content-type': 'application/x-www-form-urlencoded' }, sign: { service: 'cloudformation' } });
    assert.ok(answer);
    assertQueryProtocolAnswer(answer, path);
    assert.ok(answer.status < 500, `${path}: ${answer.status} ${answer.body.toString()}`);
  }
  const json = await sendRaw(lab.ready.endpoint, listTapes({ path: '//' }));
  assert.ok(json && json.status < 500, json?.body.toString());
  assert.equal((await sendRaw(lab.ready.endpoint, listTapes()))?.status, 200);
  assert.deepEqual(lab.stderrLines.filter((line) => /unhandled|InternalFailure|handler failed/.test(line)), []);
});

test('figures', (t) => {
  t.diagnostic(`${refusals} refusals shown`);
  assert.ok(refusals >= 40, `${refusals}`);
});
