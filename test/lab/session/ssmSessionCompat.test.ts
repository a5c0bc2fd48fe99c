// The lab accepts a client with the quirks of npm `ssm-session`: NUL-padded types, hex-text digests, odd acks, no ClientId.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { StartSessionCommand } from '@aws-sdk/client-ssm';
import WebSocket from 'ws';
import { decodeClientMessage, encodeClientMessage, MessageType, PayloadType } from '../../../src/session/protocol';
import { INSTANCE_ID, startSessionLab, type SessionLab } from './support/sessionLab';
import { PROMPT } from './support/TestShell';

/** Encodes like ssm-session: type right-aligned after NULs, digest = first 32 hex characters as ASCII. */
function quirkyFrame(messageType: string, sequenceNumber: number, flags: number, payloadType: number, payload: Buffer): Buffer {
  const frame = encodeClientMessage({ messageType: 'x', schemaVersion: 1, createdDate: Date.now(), sequenceNumber, flags, messageId: randomUUID(), payloadType, payload });
  frame.fill(0, 4, 36);
  Buffer.from(messageType).copy(frame, 36 - messageType.length);
  Buffer.from(createHash('sha256').update(payload).digest('hex').slice(0, 32), 'ascii').copy(frame, 80);
  return frame;
}

let lab: SessionLab;
before(async () => {
  lab = await startSessionLab();
});
after(() => lab.stop());

test('an ssm-session style client gets its prompt and its echo', async () => {
  const started = await lab.ssm.send(new StartSessionCommand({ Target: INSTANCE_ID }));
  const socket = new WebSocket(started.StreamUrl ?? '');
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ MessageSchemaVersion: '1.0', RequestId: randomUUID(), TokenValue: started.TokenValue }));
  socket.send(quirkyFrame(MessageType.InputStreamData, 0, 1, PayloadType.Size, Buffer.from('{"cols":90,"rows":20}')));
  let text = '';
  const seen = new Set<number>();
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no echo; output so far ${JSON.stringify(text)}`)), 10_000);
    socket.on('message', (data: Buffer) => {
      const { message } = decodeClientMessage(data);
      // ssm-session acks every frame, acks included, with the acked seq in the header and PayloadType 3.
      const ack = { AcknowledgedMessageType: 'output_stream_data', AcknowledgedMessageId: message.messageId, AcknowledgedMessageSequenceNumber: message.sequenceNumber, IsSequentialMessage: true };
      socket.send(quirkyFrame(MessageType.Acknowledge, message.sequenceNumber, 0, PayloadType.Size, Buffer.from(JSON.stringify(ack))));
      if (message.messageType !== MessageType.OutputStreamData || seen.has(message.sequenceNumber)) return;
      seen.add(message.sequenceNumber);
      text += message.payload.toString('utf8');
      if (text === PROMPT) socket.send(quirkyFrame(MessageType.InputStreamData, 1, 0, PayloadType.Output, Buffer.from('echo x\r')));
      if (text.endsWith(`echo x\r\n${PROMPT}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await done;
  assert.equal(text, `${PROMPT}echo x\r\necho x\r\n${PROMPT}`);
  assert.deepEqual(lab.host.shells.at(-1)?.sizes.at(-1), { columns: 90, rows: 20 });
  socket.close();
});
