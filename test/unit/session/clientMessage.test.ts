// Pins the ClientMessage codec to the golden vector produced by the plugin's own SerializeClientMessage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acknowledgeMessage, decodeClientMessage, encodeClientMessage, MessageType, parseAcknowledge, PayloadType, type ClientMessage } from '../../../src/session/protocol';

const GOLDEN_HEX = [
  '00000074696e7075745f73747265616d',
  '5f646174612020202020202020202020',
  '20202020000000010000018bcfe5687b',
  '00000000000000050000000000000000',
  'a508b5f073f31b16dd01e56bff48483e',
  'd53ca1ea7dce87c11432052a8550ed26',
  '15cf715ca843c89710ed83325b691cba',
  '0000000300000015',
].join('') + Buffer.from('{"cols":80,"rows":24}').toString('hex');

const GOLDEN_MESSAGE: ClientMessage = {
  messageType: 'input_stream_data',
  schemaVersion: 1,
  createdDate: 1700000000123,
  sequenceNumber: 5,
  flags: 0,
  messageId: 'dd01e56b-ff48-483e-a508-b5f073f31b16',
  payloadType: 3,
  payload: Buffer.from('{"cols":80,"rows":24}'),
};

test('encoding the golden message gives the plugin\'s 141 bytes exactly', () => {
  const frame = encodeClientMessage(GOLDEN_MESSAGE);
  assert.equal(frame.length, 141);
  assert.equal(frame.toString('hex'), GOLDEN_HEX);
});

test('decoding the golden vector gives back every field and a matching digest', () => {
  const decoded = decodeClientMessage(Buffer.from(GOLDEN_HEX, 'hex'));
  assert.deepEqual(decoded.message, GOLDEN_MESSAGE);
  assert.equal(decoded.digestMatches, true);
  assert.equal(decoded.problem, undefined);
});

test('a corrupted digest is reported as a problem, not thrown', () => {
  const frame = Buffer.from(GOLDEN_HEX, 'hex');
  frame[0x50] ^= 0xff;
  const decoded = decodeClientMessage(frame);
  assert.equal(decoded.digestMatches, false);
  assert.match(decoded.problem ?? '', /PayloadDigest/);
});

test('NUL-padded message types (ssm-session style) and zero CreatedDate are read leniently and flagged', () => {
  const frame = encodeClientMessage({ ...GOLDEN_MESSAGE, createdDate: 0 });
  frame.fill(0, 4, 36);
  Buffer.from('input_stream_data').copy(frame, 36 - 'input_stream_data'.length);
  const decoded = decodeClientMessage(frame);
  assert.equal(decoded.message.messageType, 'input_stream_data');
  assert.equal(decoded.problem, 'CreatedDate is zero');
});

test('the payload is everything after HeaderLength+4, whatever PayloadLength says', () => {
  const frame = encodeClientMessage(GOLDEN_MESSAGE);
  frame.writeUInt32BE(3, 116);
  const decoded = decodeClientMessage(frame);
  assert.equal(decoded.message.payload.toString(), '{"cols":80,"rows":24}');
});

test('a frame shorter than the header is refused with a sentence', () => {
  assert.throws(() => decodeClientMessage(Buffer.alloc(50)), /at least 120 bytes/);
});

test('acknowledgements use seq 0, flags 3, PayloadType 0 and carry the acked sequence number', () => {
  const ack = acknowledgeMessage({ ...GOLDEN_MESSAGE, messageType: MessageType.OutputStreamData, sequenceNumber: 7 }, 1700000000999);
  const decoded = decodeClientMessage(encodeClientMessage(ack)).message;
  assert.equal(decoded.sequenceNumber, 0);
  assert.equal(decoded.flags, 3);
  assert.equal(decoded.payloadType, PayloadType.None);
  const content = parseAcknowledge(decoded.payload);
  assert.equal(content.AcknowledgedMessageSequenceNumber, 7);
  assert.equal(content.AcknowledgedMessageType, 'output_stream_data');
  assert.equal(content.AcknowledgedMessageId, GOLDEN_MESSAGE.messageId);
});

test('64-bit sequence numbers survive a round trip', () => {
  const big = { ...GOLDEN_MESSAGE, sequenceNumber: 2 ** 40 + 3 };
  assert.equal(decodeClientMessage(encodeClientMessage(big)).message.sequenceNumber, 2 ** 40 + 3);
});
