// Backpressure on the data channel: while the client's acks do not arrive, the lab frames at most its unacked window,
// queues at most the high-water mark more, and pauses the shell producing output; once acks flow, everything arrives in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageType } from '../../../src/session/protocol';
import { eventually } from '../../eventually';
import { MAX_IN_FLIGHT_BYTES, OUTPUT_HIGH_WATER_BYTES } from '../../../src/lab/services/ssmSessions/AgentDataChannel';
import { FaultProxy, forward, frameKind, type Send } from './support/FaultProxy';
import { collectOutput, startSessionLab } from './support/sessionLab';
import { catBytes, PROMPT } from './support/TestShell';

const TOTAL = 32 * 1024 * 1024;
/** The lab's unacked window, in bytes of frames. */
const WINDOW_BYTES = MAX_IN_FLIGHT_BYTES;
const CHUNK = 64 * 1024;

test('a client that stops acking pauses the producing shell within a few MiB, and the stream resumes intact', async () => {
  const session = await startSessionLab();
  const proxy = await FaultProxy.start(Number(new URL(session.lab.endpoint).port));
  try {
    const { channel } = await session.openChannel({ mapStreamUrl: (url) => proxy.url(url) });
    const output = collectOutput(channel);
    await channel.open();
    await output.waitFor((text) => text.startsWith(PROMPT));
    const held: { data: Buffer; send: Send }[] = [];
    proxy.toLab = (data, isBinary, send) => {
      if (isBinary && frameKind(data)?.messageType === MessageType.Acknowledge) held.push({ data, send });
      else send(data, isBinary);
    };
    channel.sendInput(`cat ${TOTAL}\r`);
    const shell = session.host.shells[0];
    assert.ok(shell);
    // Paused: the shell waits for room and produces nothing more while acks are held.
    await eventually('the shell to be paused by the channel', () => (shell.waitingForRoom ? true : undefined), 20_000, 10);
    const produced = shell.producedBytes;
    assert.ok(produced <= WINDOW_BYTES + OUTPUT_HIGH_WATER_BYTES + CHUNK, `the lab took ${produced} bytes from the shell with no acks`);
    assert.ok(produced < TOTAL);

    proxy.toLab = forward;
    for (const { data, send } of held.splice(0)) send(data, true);
    const head = Buffer.from(`${PROMPT}cat ${TOTAL}\r\n`);
    const expected = Buffer.concat([head, catBytes(TOTAL), Buffer.from(PROMPT)]);
    await output.waitFor(() => output.byteCount() >= expected.length, 60_000);
    assert.ok(output.bytes().equals(expected), 'every byte arrives once, in order');
    await channel.close();
  } finally {
    await proxy.stop();
    await session.stop();
  }
});
