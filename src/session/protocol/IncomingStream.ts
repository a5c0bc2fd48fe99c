// Receiver half of one direction of the data channel: expected sequence number and reorder buffer. Pure.

/** The plugin's and agent's incoming buffer capacity. */
const REORDER_CAPACITY = 10000;

type IncomingVerdict<T> =
  /** In order: deliver these items (the message and any buffered successors), then ack. */
  | { readonly kind: 'deliver'; readonly items: readonly T[] }
  /** Ahead of the expected number: buffered; ack it. */
  | { readonly kind: 'buffered' }
  /** Already delivered: re-ack it, deliver nothing. */
  | { readonly kind: 'duplicate' }
  /** Ahead, but the reorder buffer is full: dropped without an ack so the sender retransmits. */
  | { readonly kind: 'overflow' };

export class IncomingStream<T> {
  private expected = 0;
  private readonly ahead = new Map<number, T>();

  constructor(private readonly capacity: number = REORDER_CAPACITY) {}

  get expectedSequenceNumber(): number {
    return this.expected;
  }

  get buffered(): number {
    return this.ahead.size;
  }

  accept(sequenceNumber: number, item: T): IncomingVerdict<T> {
    if (sequenceNumber < this.expected) return { kind: 'duplicate' };
    if (sequenceNumber > this.expected) {
      if (this.ahead.has(sequenceNumber)) return { kind: 'buffered' };
      if (this.ahead.size >= this.capacity) return { kind: 'overflow' };
      this.ahead.set(sequenceNumber, item);
      return { kind: 'buffered' };
    }
    const items = [item];
    this.expected += 1;
    for (let next = this.ahead.get(this.expected); next !== undefined; next = this.ahead.get(this.expected)) {
      this.ahead.delete(this.expected);
      items.push(next);
      this.expected += 1;
    }
    return { kind: 'deliver', items };
  }
}
