// Reorder buffer and retransmission rules of the data channel, driven with explicit clocks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acknowledgeMessage, decodeClientMessage, IncomingStream, MessageType, OutgoingStream, parseAcknowledge, RETRANSMISSION, SequencedChannel } from '../../../src/session/protocol';

test('in-order messages are delivered at once', () => {
  const stream = new IncomingStream<string>();
  assert.deepEqual(stream.accept(0, 'a'), { kind: 'deliver', items: ['a'] });
  assert.deepEqual(stream.accept(1, 'b'), { kind: 'deliver', items: ['b'] });
  assert.equal(stream.expectedSequenceNumber, 2);
});

test('future messages are buffered and drained in order when the gap fills', () => {
  const stream = new IncomingStream<string>();
  assert.equal(stream.accept(2, 'c').kind, 'buffered');
  assert.equal(stream.accept(1, 'b').kind, 'buffered');
  assert.equal(stream.accept(2, 'c').kind, 'buffered');
  assert.deepEqual(stream.accept(0, 'a'), { kind: 'deliver', items: ['a', 'b', 'c'] });
  assert.equal(stream.buffered, 0);
});

test('duplicates are recognised so they can be re-acked without delivery', () => {
  const stream = new IncomingStream<string>();
  stream.accept(0, 'a');
  assert.deepEqual(stream.accept(0, 'a'), { kind: 'duplicate' });
});

test('a full reorder buffer refuses further future messages', () => {
  const stream = new IncomingStream<number>(2);
  stream.accept(5, 5);
  stream.accept(6, 6);
  assert.equal(stream.accept(7, 7).kind, 'overflow');
});

test('sequence numbers start at 0 and grow by one', () => {
  const stream = new OutgoingStream();
  assert.deepEqual([stream.allocate(), stream.allocate(), stream.allocate()], [0, 1, 2]);
});

test('nothing is resent before the 200 ms initial RTO; the oldest is resent after it', () => {
  const stream = new OutgoingStream();
  stream.record(stream.allocate(), Buffer.from('zero'), 1000);
  stream.record(stream.allocate(), Buffer.from('one'), 1010);
  assert.equal(stream.takeDueForResend(1000 + RETRANSMISSION.initialTimeoutMs - 1), undefined);
  const due = stream.takeDueForResend(1000 + RETRANSMISSION.initialTimeoutMs);
  assert.equal(due?.sequenceNumber, 0);
  assert.equal(due?.resendCount, 1);
  assert.equal(stream.takeDueForResend(1000 + RETRANSMISSION.initialTimeoutMs + 1), undefined, 'a resend restarts its timer');
});

test('acks remove messages; unknown acks are ignored', () => {
  const stream = new OutgoingStream();
  stream.record(stream.allocate(), Buffer.from('zero'), 0);
  assert.equal(stream.acknowledge(9, 5), false);
  assert.equal(stream.acknowledge(0, 5), true);
  assert.equal(stream.inFlight, 0);
  assert.equal(stream.takeDueForResend(10_000), undefined);
});

test('fast acks shrink the RTO towards RTT + 10 ms; slow ones grow it, capped at 1 s', () => {
  const fast = new OutgoingStream();
  for (let i = 0; i < 50; i += 1) {
    const seq = fast.allocate();
    fast.record(seq, Buffer.alloc(1), i * 10);
    fast.acknowledge(seq, i * 10 + 1);
  }
  assert.ok(fast.retransmissionTimeoutMs < 20, `RTO ${fast.retransmissionTimeoutMs}`);
  const slow = new OutgoingStream();
  for (let i = 0; i < 50; i += 1) {
    const seq = slow.allocate();
    slow.record(seq, Buffer.alloc(1), i * 10_000);
    slow.acknowledge(seq, i * 10_000 + 5000);
  }
  assert.equal(slow.retransmissionTimeoutMs, RETRANSMISSION.maxTimeoutMs);
});

test('pending lists unacked messages oldest first for a reconnect', () => {
  const stream = new OutgoingStream();
  for (let i = 0; i < 4; i += 1) stream.record(stream.allocate(), Buffer.from([i]), i);
  stream.acknowledge(1, 10);
  assert.deepEqual(stream.pending().map((m) => m.sequenceNumber), [0, 2, 3]);
});

test('SequencedChannel: the agent marks seq 0 SYN, acks stream data (duplicates too) and ignores unknown acks', () => {
  const agent = new SequencedChannel(MessageType.OutputStreamData, true, () => 1000);
  const client = new SequencedChannel(MessageType.InputStreamData, false, () => 1000);
  const first = decodeClientMessage(agent.frame(1, Buffer.from('a'))).message;
  const second = decodeClientMessage(agent.frame(1, Buffer.from('b'))).message;
  assert.deepEqual([first.flags, second.flags], [1, 0]);
  assert.equal(decodeClientMessage(client.frame(1, Buffer.from('k'))).message.flags, 0);
  const ahead = client.accept(second);
  assert.deepEqual(ahead.deliver, []);
  assert.equal(parseAcknowledge(decodeClientMessage(ahead.ack ?? Buffer.alloc(0)).message.payload).AcknowledgedMessageSequenceNumber, 1);
  assert.deepEqual(client.accept(first).deliver.map((m) => m.payload.toString()), ['a', 'b']);
  const duplicate = client.accept(first);
  assert.ok(duplicate.ack, 'duplicates are re-acked');
  assert.deepEqual(duplicate.deliver, []);
  assert.equal(agent.accept(acknowledgeMessage({ ...first, sequenceNumber: 42 }, 1000)).acknowledged, false);
  assert.equal(agent.accept(acknowledgeMessage(first, 1000)).acknowledged, true);
  assert.equal(agent.inFlight, 1);
  assert.equal(agent.accept(first).ack, undefined, 'an agent does not ack its own kind of message');
});
