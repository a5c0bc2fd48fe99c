// Fault tests of the data channel through a frame-mangling proxy: duplicates, reordering, delayed acks, bad digests, dropped sockets.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { ResumeSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import type { SessionChannel, SessionEnd } from '../../../src/session';
import { MessageType, PayloadType } from '../../../src/session/protocol';
import { FaultProxy, forward, frameKind, type FrameHook, type Send } from './support/FaultProxy';
import { collectOutput, startSessionLab, type SessionLab } from './support/sessionLab';
import { catBytes, PROMPT } from './support/TestShell';

const STREAM_BYTES = 512 * 1024;

/** Runs `cat STREAM_BYTES` then `echo done` and checks the output byte for byte: nothing lost, duplicated or reordered. */
async function streamAndCheck(channel: SessionChannel, onStarted?: () => void): Promise<void> {
  const output = collectOutput(channel);
  await channel.open();
  await output.waitFor((text) => text.startsWith(PROMPT));
  channel.sendInput(`cat ${STREAM_BYTES}\r`);
  onStarted?.();
  const head = Buffer.from(`${PROMPT}cat ${STREAM_BYTES}\r\n`);
  const tail = Buffer.from(`${PROMPT}echo done\r\necho done\r\n${PROMPT}`);
  await output.waitFor(() => output.byteCount() >= head.length + STREAM_BYTES + PROMPT.length, 20_000);
  channel.sendInput('echo done\r');
  const expected = Buffer.concat([head, catBytes(STREAM_BYTES), tail]);
  await output.waitFor(() => output.byteCount() >= expected.length, 20_000);
  const bytes = output.bytes();
  assert.equal(bytes.length, expected.length, 'no byte lost or duplicated');
  assert.ok(bytes.equals(expected), 'every byte in order');
}

function swapAdjacentFrames(): FrameHook {
  let held: { data: Buffer; send: Send } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const release = () => {
    if (held) held.send(held.data, true);
    held = undefined;
  };
  return (data, isBinary, send) => {
    if (!isBinary) return send(data, isBinary);
    if (held) {
      clearTimeout(timer);
      send(data, true);
      release();
    } else {
      held = { data, send };
      timer = setTimeout(release, 5);
    }
  };
}

function delayAcks(delayMs: number): FrameHook {
  return (data, isBinary, send) => {
    if (isBinary && frameKind(data)?.messageType === MessageType.Acknowledge) setTimeout(() => send(data, true), delayMs);
    else send(data, isBinary);
  };
}

describe('data channel faults', () => {
  let lab: SessionLab;
  let proxy: FaultProxy;
  before(async () => {
    lab = await startSessionLab();
  });
  after(() => lab.stop());
  afterEach(() => proxy.stop());

  async function channelThroughProxy(overrides: Parameters<SessionLab['openChannel']>[0] = {}) {
    proxy = await FaultProxy.start(lab.lab.port);
    return lab.openChannel({ mapStreamUrl: (url) => proxy.url(url), ...overrides });
  }

  test('every frame duplicated in both directions: output once, input once', async () => {
    const { channel } = await channelThroughProxy();
    const twice: FrameHook = (data, isBinary, send) => {
      send(data, isBinary);
      if (isBinary) send(data, isBinary);
    };
    proxy.toClient = twice;
    proxy.toLab = twice;
    await streamAndCheck(channel);
    await channel.close();
  });

  test('adjacent frames swapped in both directions: output reassembled in order', async () => {
    const { channel } = await channelThroughProxy();
    proxy.toClient = swapAdjacentFrames();
    proxy.toLab = swapAdjacentFrames();
    await streamAndCheck(channel);
    await channel.close();
  });

  test('acks delayed past the RTO in both directions: retransmissions, but no duplicate output or input', async () => {
    const { channel } = await channelThroughProxy();
    const delayedToLab = delayAcks(350);
    const seen = new Set<number>();
    let resent = 0;
    proxy.toLab = (data, isBinary, send) => {
      const kind = isBinary ? frameKind(data) : undefined;
      if (kind?.messageType === MessageType.InputStreamData) {
        if (seen.has(kind.sequenceNumber)) resent += 1;
        seen.add(kind.sequenceNumber);
      }
      delayedToLab(data, isBinary, send);
    };
    proxy.toClient = delayAcks(350);
    await streamAndCheck(channel);
    assert.ok(resent > 0, 'the client retransmitted input whose ack was late');
    await channel.close();
  });

  test('corrupted digests towards the client are dropped unacked and recovered by retransmission', async () => {
    const logs: string[] = [];
    const { channel } = await channelThroughProxy({ log: (line) => logs.push(line) });
    let outputFrames = 0;
    proxy.toClient = (data, isBinary, send) => {
      if (isBinary && frameKind(data)?.messageType === MessageType.OutputStreamData && (outputFrames += 1) % 50 === 7) {
        const corrupted = Buffer.from(data);
        corrupted[80] ^= 0xff;
        send(corrupted, true);
      } else send(data, isBinary);
    };
    await streamAndCheck(channel);
    assert.ok(logs.some((line) => line.includes('PayloadDigest does not match')));
    await channel.close();
  });

  test('corrupted digests towards the lab are accepted leniently, like the agent', async () => {
    const { channel } = await channelThroughProxy();
    proxy.toLab = (data, isBinary, send) => {
      if (!isBinary) return send(data, isBinary);
      const corrupted = Buffer.from(data);
      corrupted[85] ^= 0xff;
      send(corrupted, true);
    };
    await streamAndCheck(channel);
    await channel.close();
  });

  for (const side of ['client', 'lab'] as const) {
    test(`the socket dropped on the ${side} side mid-stream: ResumeSession, re-dial, output complete`, async () => {
      const states: string[] = [];
      const clientLogs: string[] = [];
      const tokens: string[] = [];
      let sessionId = '';
      const { channel, tokenValue, sessionId: id } = await channelThroughProxy({
        reconnectBackoffMs: 20,
        log: (line) => clientLogs.push(line),
        resume: async () => {
          const token = (await lab.ssm.send(new ResumeSessionCommand({ SessionId: sessionId }))).TokenValue;
          if (token) tokens.push(token);
          return token;
        },
      });
      sessionId = id;
      tokens.push(tokenValue);
      channel.onStateChange((state) => states.push(state));
      await streamAndCheck(channel, () => {
        // Dropped once about half the output has passed (payloads are up to 64 KiB, so counted in bytes, not frames).
        let bytes = 0;
        proxy.toClient = (data, isBinary, send) => {
          send(data, isBinary);
          if (isBinary && (bytes += data.length) >= STREAM_BYTES / 2) {
            proxy.toClient = forward;
            setImmediate(() => proxy.drop(side));
          }
        };
      });
      assert.equal(proxy.connections, 2);
      assert.ok(states.includes('reconnecting') && states.at(-1) === 'open', states.join(','));
      assert.equal(tokens.length, 2);
      assert.ok(clientLogs.some((line) => line.includes('reconnected')));
      for (const line of [...clientLogs, ...lab.logs]) for (const token of tokens) assert.ok(!line.includes(token), 'tokens never reach a log');
      await channel.close();
    });
  }

  test('a session terminated while the socket is down ends with a clear timed-out error', async () => {
    let sessionId = '';
    const { channel, sessionId: id } = await channelThroughProxy({
      reconnectBackoffMs: 20,
      resume: async () => {
        await lab.ssm.send(new TerminateSessionCommand({ SessionId: sessionId }));
        return (await lab.ssm.send(new ResumeSessionCommand({ SessionId: sessionId }))).TokenValue;
      },
    });
    sessionId = id;
    const end = new Promise<SessionEnd>((resolve) => channel.onEnd(resolve));
    await channel.open();
    proxy.drop('lab');
    const result = await end;
    assert.equal(result.error?.code, 'SessionTimedOut');
    assert.equal(result.message, `Session: ${sessionId} timed out.`);
  });

  test('garbage frames do not crash the lab; the session carries on', async () => {
    const { channel } = await channelThroughProxy();
    const output = collectOutput(channel);
    await channel.open();
    await output.waitFor((text) => text.startsWith(PROMPT));
    proxy.toLab = (data, isBinary, send) => {
      send(Buffer.from('short'), true);
      send(Buffer.from('{"not":"a token"}'), false);
      send(Buffer.alloc(200, 0xff), true);
      send(data, isBinary);
    };
    channel.sendInput('still here\r');
    await output.waitFor(/still here\r\nstill here\r\n\$ $/);
    await channel.close();
  });
});

describe('the handshake on the wire', () => {
  let lab: SessionLab;
  let proxy: FaultProxy;
  before(async () => {
    lab = await startSessionLab({ sessionHandshake: 'always' });
    proxy = await FaultProxy.start(lab.lab.port);
  });
  after(async () => {
    await proxy.stop();
    await lab.stop();
  });

  test('the lab sends HandshakeRequest first (SYN), the client answers HandshakeResponse before any input', async () => {
    const toClient: { payloadType: number; sequenceNumber: number }[] = [];
    const toLab: { payloadType: number; messageType: string }[] = [];
    proxy.toClient = (data, isBinary, send) => {
      const kind = isBinary ? frameKind(data) : undefined;
      if (kind?.messageType === MessageType.OutputStreamData) toClient.push(kind);
      send(data, isBinary);
    };
    proxy.toLab = (data, isBinary, send) => {
      const kind = isBinary ? frameKind(data) : undefined;
      if (kind?.messageType === MessageType.InputStreamData) toLab.push(kind);
      send(data, isBinary);
    };
    const { channel } = await lab.openChannel({ mapStreamUrl: (url) => proxy.url(url) });
    const output = collectOutput(channel);
    await channel.open();
    channel.sendInput('hi\r');
    await output.waitFor(/hi\r\nhi\r\n\$ $/);
    assert.deepEqual(toClient.slice(0, 2), [{ messageType: MessageType.OutputStreamData, payloadType: PayloadType.HandshakeRequest, sequenceNumber: 0 }, { messageType: MessageType.OutputStreamData, payloadType: PayloadType.HandshakeComplete, sequenceNumber: 1 }]);
    assert.deepEqual(toLab.map((m) => m.payloadType).slice(0, 3), [PayloadType.HandshakeResponse, PayloadType.Size, PayloadType.Output]);
    await channel.close();
  });
});
