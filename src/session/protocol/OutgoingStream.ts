// Sender half of one direction of the data channel: sequence numbers, unacked buffer, retransmission timeout as the agent computes it. Pure; the caller owns timers.

/** Timings from the plugin's and agent's config: RTO starts at 200 ms, capped at 1 s; RTT starts at 100 ms. */
export const RETRANSMISSION = {
  initialTimeoutMs: 200,
  maxTimeoutMs: 1000,
  initialRoundTripMs: 100,
  clockGranularityMs: 10,
  resendIntervalMs: 100,
} as const;

export interface UnackedMessage {
  readonly sequenceNumber: number;
  readonly frame: Uint8Array;
  readonly firstSentAt: number;
  lastSentAt: number;
  resendCount: number;
}

export class OutgoingStream {
  private nextSequence = 0;
  private readonly unacked = new Map<number, UnackedMessage>();
  private unackedBytes = 0;
  private roundTripMs: number = RETRANSMISSION.initialRoundTripMs;
  private roundTripVariationMs = 0;
  private timeoutMs: number = RETRANSMISSION.initialTimeoutMs;

  /** The sequence number the next stream message takes. */
  get nextSequenceNumber(): number {
    return this.nextSequence;
  }

  get inFlight(): number {
    return this.unacked.size;
  }

  /** Bytes of the unacked frames (a sender's window can be counted in bytes when payload sizes vary). */
  get inFlightBytes(): number {
    return this.unackedBytes;
  }

  get retransmissionTimeoutMs(): number {
    return this.timeoutMs;
  }

  /** Reserves the next sequence number. */
  allocate(): number {
    const sequence = this.nextSequence;
    this.nextSequence += 1;
    return sequence;
  }

  /** Records a message as unacked; call before putting it on the wire so a fast ack cannot race it. */
  record(sequenceNumber: number, frame: Uint8Array, nowMs: number): void {
    const previous = this.unacked.get(sequenceNumber);
    if (previous) this.unackedBytes -= previous.frame.byteLength;
    this.unacked.set(sequenceNumber, { sequenceNumber, frame, firstSentAt: nowMs, lastSentAt: nowMs, resendCount: 0 });
    this.unackedBytes += frame.byteLength;
  }

  /**
   * Removes an acked message and updates the RTO Jacobson/Karels style from its round trip (messages that were
   * resent give no sample). Returns false for an unknown sequence number, which callers ignore.
   */
  acknowledge(sequenceNumber: number, nowMs: number): boolean {
    const message = this.unacked.get(sequenceNumber);
    if (!message) return false;
    this.unacked.delete(sequenceNumber);
    this.unackedBytes -= message.frame.byteLength;
    if (message.resendCount === 0) this.updateTimeout(Math.max(0, nowMs - message.lastSentAt));
    return true;
  }

  /** The oldest unacked message if it has waited longer than the RTO; it is marked as resent now. */
  takeDueForResend(nowMs: number): UnackedMessage | undefined {
    const oldest = this.unacked.values().next();
    if (oldest.done) return undefined;
    const message = oldest.value;
    if (nowMs - message.lastSentAt < this.timeoutMs) return undefined;
    message.lastSentAt = nowMs;
    message.resendCount += 1;
    return message;
  }

  /** Every unacked message, oldest first (what a reconnect resends). */
  pending(): UnackedMessage[] {
    return [...this.unacked.values()];
  }

  private updateTimeout(sampleMs: number): void {
    this.roundTripVariationMs = 0.75 * this.roundTripVariationMs + 0.25 * Math.abs(this.roundTripMs - sampleMs);
    this.roundTripMs = 0.875 * this.roundTripMs + 0.125 * sampleMs;
    const timeout = this.roundTripMs + Math.max(RETRANSMISSION.clockGranularityMs, 4 * this.roundTripVariationMs);
    this.timeoutMs = Math.min(timeout, RETRANSMISSION.maxTimeoutMs);
  }
}
