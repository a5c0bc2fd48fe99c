// Seeded fuzzing of the lab's other doors: the Session Manager WebSocket data channel (bad paths, tokens, garbage frames
// before and after the token), gateway activation pages (random methods and query strings) and the /_lab admin routes.
// The lab never crashes, refuses what is wrong, and a normal session, activation and admin call still work afterwards.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { DescribeSessionsCommand, StartSessionCommand } from '@aws-sdk/client-ssm';
import { WebSocket } from 'ws';
import { collectOutput, INSTANCE_ID, startSessionLab, type SessionLab } from '../session/support/sessionLab';
import { PROMPT } from '../session/support/TestShell';
import { HOSTILE_STRINGS, randomString } from './support/randomInput';
import { sendRaw } from './support/rawRequests';
import { faultSeed, seededRandom, type SeededRandom } from './support/seededRandom';

const CONNECTIONS = 150;
const PAGE_REQUESTS = 200;
const ADMIN_REQUESTS = 200;
const SEED = faultSeed(77);
const POLICY_VIOLATION = 1008;

/** encodeURIComponent of any string (lone surrogates become U+FFFD first instead of throwing). */
function uriComponent(text: string): string {
  return encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));
}

let lab: SessionLab;
before(async () => {
  lab = await startSessionLab();
});
after(() => lab.stop());

interface SocketOutcome {
  readonly opened: boolean;
  readonly closeCode?: number;
  readonly httpStatus?: number;
}

/** Opens a WebSocket on `path`, sends `frames`, and reports how it ended (waits at most 2 s). */
function tryDataChannel(path: string, frames: readonly (string | Buffer)[]): Promise<SocketOutcome> {
  return new Promise((resolveOutcome) => {
    const socket = new WebSocket(`ws://127.0.0.1:${lab.lab.port}${path}`);
    let opened = false;
    const timer = setTimeout(() => {
      socket.terminate();
      resolveOutcome({ opened });
    }, 2000);
    socket.on('open', () => {
      opened = true;
      for (const frame of frames) socket.send(frame, { binary: Buffer.isBuffer(frame) });
      if (frames.length === 0) socket.close();
    });
    socket.on('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      resolveOutcome({ opened, httpStatus: response.statusCode });
      socket.terminate();
    });
    socket.on('error', () => undefined);
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolveOutcome({ opened, closeCode: code });
    });
  });
}

function openInput(token: string): string {
  return JSON.stringify({ MessageSchemaVersion: '1.0', RequestId: '00000000-0000-4000-8000-000000000000', TokenValue: token, ClientId: 'fuzz', ClientVersion: '1.2.0.0' });
}

function randomFrame(random: SeededRandom): string | Buffer {
  switch (random.int(0, 4)) {
    case 0:
      return random.bytes(random.int(0, 300));
    case 1:
      return randomString(random);
    case 2: {
      // A header-shaped binary frame: the 116-byte agent message header with random fields and a lying payload length.
      const frame = random.bytes(116 + random.int(0, 64));
      frame.writeUInt32BE(116, 0);
      frame.write(random.pick(['input_stream_data', 'acknowledge', 'channel_closed', 'output_stream_data']).padEnd(32, ' '), 4, 'utf8');
      frame.writeUInt32BE(random.pick([0, 1, 0xffffffff, 100_000_000]), 112);
      return frame;
    }
    case 3:
      return JSON.stringify({ MessageSchemaVersion: '1.0', TokenValue: random.pick(HOSTILE_STRINGS), RequestId: randomString(random) });
    default:
      return Buffer.alloc(random.pick([1, 1024, 65_536]), random.int(0, 255));
  }
}

test(`${CONNECTIONS} fuzzed data-channel connections: wrong tokens are closed with 1008, garbage never crashes the lab (seed ${SEED})`, async () => {
  const random = seededRandom(SEED);
  const started = await lab.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID }));
  const sessionId = started.SessionId ?? '';
  // A malformed escape in the session id is refused at the HTTP upgrade (it used to throw out of the upgrade handler).
  assert.equal((await tryDataChannel('/v1/data-channel/%E0%A4%A', [])).httpStatus, 400);
  let refused = 0;
  for (let n = 0; n < CONNECTIONS; n += 1) {
    const where = `connection ${n} (FAULT_SEED=${SEED})`;
    const pathKind = random.int(0, 5);
    const id = [sessionId, `${sessionId}x`, uriComponent(randomString(random)), '%E0%A4%A', '..%2F..%2F', ''][pathKind] ?? '';
    const path = random.chance(0.9) ? `/v1/data-channel/${id}?role=publish_subscribe` : `/${uriComponent(randomString(random))}`;
    const frames = Array.from({ length: random.int(0, 4) }, () => randomFrame(random));
    // Never the right token: the fuzzer must not take over the session; a valid-looking OpenDataChannelInput with a wrong token is common.
    if (random.chance(0.4)) frames.unshift(openInput(random.pick(['', 'x', started.TokenValue?.slice(1) ?? 'y', randomString(random)])));
    const outcome = await tryDataChannel(path, frames);
    if (outcome.httpStatus !== undefined) {
      assert.ok(outcome.httpStatus >= 400, `${where}: ${outcome.httpStatus}`);
      continue;
    }
    if (frames.length > 0 && outcome.opened) {
      assert.equal(outcome.closeCode, POLICY_VIOLATION, `${where}: a data channel without a valid token must be closed with 1008`);
      refused += 1;
    }
  }
  assert.ok(refused > CONNECTIONS / 3, `only ${refused} connections were refused by the token check`);

  // Raw bytes at the HTTP port: not HTTP, or an upgrade without a proper key.
  for (const garbage of [Buffer.from('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03'), Buffer.from(`GET /v1/data-channel/${sessionId} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: !!\r\n\r\n`), random.bytes(2048)]) {
    await new Promise<void>((resolveDone) => {
      const socket = connect(lab.lab.port, '127.0.0.1', () => socket.end(garbage));
      socket.on('error', () => resolveDone());
      socket.on('close', () => resolveDone());
      socket.resume();
    });
  }

  // The lab still serves a real session end to end.
  const { channel } = await lab.openChannel();
  const output = collectOutput(channel);
  await channel.open();
  await output.waitFor((text) => text.startsWith(PROMPT));
  channel.sendInput('echo still-here\r');
  await output.waitFor(/still-here\r\n\$ $/);
  await channel.close();
  const sessions = await lab.ssm.send(new DescribeSessionsCommand({ State: 'Active' }));
  assert.ok(Array.isArray(sessions.Sessions));
});

test(`${PAGE_REQUESTS} fuzzed activation-page requests are answered (or refused) and the page still issues a key (seed ${SEED})`, async () => {
  const random = seededRandom(SEED + 1);
  const appliance = await lab.lab.admin.createGatewayAppliance();
  const pageUrl = appliance.activationUrl ?? '';
  for (let n = 0; n < PAGE_REQUESTS; n += 1) {
    const where = `page request ${n} (FAULT_SEED=${SEED})`;
    const query = Array.from({ length: random.int(0, 5) }, () => `${uriComponent(random.pick(['activationRegion', 'gatewayType', 'no_redirect', 'vpcEndpoint', randomString(random)]))}=${uriComponent(random.pick(['us-east-1', 'VTL', 'FILE_S3', ...HOSTILE_STRINGS]))}`).join('&');
    const method = random.pick(['GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']);
    // Keys issued by a fuzzed GET stay unused: only the last fetch below activates (and a used key would close the page).
    const answer = await sendRaw(pageUrl, { method, path: `/${random.chance(0.2) ? uriComponent(randomString(random)) : ''}?${query}`, body: method === 'GET' || method === 'HEAD' ? undefined : random.bytes(random.int(0, 100)) });
    assert.ok(answer && answer.status >= 200 && answer.status < 600, `${where}: ${answer?.status}`);
    assert.notEqual(answer?.status, 500, `${where}: the appliance failed`);
  }
  const key = await (await fetch(`${pageUrl}?activationRegion=us-east-1&gatewayType=VTL&no_redirect`)).text();
  assert.match(key, /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
});

test(`${ADMIN_REQUESTS} fuzzed admin requests get JSON errors with a message, and the admin API still works (seed ${SEED})`, async () => {
  const random = seededRandom(SEED + 2);
  for (let n = 0; n < ADMIN_REQUESTS; n += 1) {
    const where = `admin request ${n} (FAULT_SEED=${SEED})`;
    const route = random.pick(['appliances', 'tapes/ABCDE12345/eject', `tapes/${uriComponent(randomString(random))}/eject`, uriComponent(randomString(random)), 'appliances/x', '']);
    const method = random.pick(['GET', 'POST', 'POST', 'PUT', 'DELETE']);
    const body = random.pick([JSON.stringify({ diskSizesInBytes: [random.pick([-1, 0, 1.5, 2 ** 60, 'x', null])], region: random.pick(['us-east-1', 'xx', ...HOSTILE_STRINGS]) }), JSON.stringify({ diskSizesInBytes: Array(17).fill(1) }), randomString(random), '[]', 'null', '{']);
    // Never a valid appliance request, so the fuzzer creates nothing.
    const answer = await sendRaw(lab.lab.endpoint, { method, path: `/_lab/${route}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${lab.lab.adminToken}` }, body: method === 'GET' ? undefined : body });
    assert.ok(answer, where);
    const value = JSON.parse(answer.body.toString('utf8')) as { message?: unknown; appliances?: unknown };
    if (answer.status === 200) {
      assert.ok(Array.isArray(value.appliances), `${where}: ${answer.body.toString('utf8').slice(0, 200)}`);
      continue;
    }
    assert.ok(answer.status >= 400 && answer.status < 500, `${where}: status ${answer.status} ${answer.body.toString('utf8').slice(0, 200)}`);
    assert.equal(typeof value.message, 'string', where);
  }
  const created = await sendRaw(lab.lab.endpoint, { method: 'POST', path: '/_lab/appliances', headers: { 'content-type': 'application/json', authorization: `Bearer ${lab.lab.adminToken}` }, body: '{}' });
  assert.equal(created?.status, 201);
});
