// One side's sequencing of the data channel: frames stream data, handles acks, re-acks duplicates, reorders input. Pure.
import { Buffer } from 'node:buffer';
import { encodeClientMessage, type ClientMessage } from './clientMessage';
import { IncomingStream } from './IncomingStream';
import { acknowledgeMessage, streamDataMessage } from './messageBuilders';
import { MessageFlags, MessageType } from './messageTypes';
import { OutgoingStream, type UnackedMessage } from './OutgoingStream';
import { parseAcknowledge } from './payloads';

interface AcceptResult {
  /** The ack to put on the wire for stream data (also for duplicates and future messages). */
  readonly ack: Buffer | undefined;
  /** Stream messages now deliverable, in sequence order. */
  readonly deliver: readonly ClientMessage[];
  /** True when the message was an ack that removed one of our unacked messages. */
  readonly acknowledged: boolean;
}

const NOTHING: AcceptResult = { ack: undefined, deliver: [], acknowledged: false };

export class SequencedChannel {
  private readonly outgoing = new OutgoingStream();
  private readonly incoming = new IncomingStream<ClientMessage>();

  /**
   * @param sendsAs output_stream_data (the agent) or input_stream_data (the client).
   * @param synOnFirst the agent marks its seq 0 with the SYN flag; the plugin always sends 0.
   */
  constructor(private readonly sendsAs: string, private readonly synOnFirst: boolean, private readonly now: () => number = Date.now) {}

  get inFlight(): number {
    return this.outgoing.inFlight;
  }

  get inFlightBytes(): number {
    return this.outgoing.inFlightBytes;
  }

  /** Frames the next stream message and records it as unacked before the caller sends it (no ack race). */
  frame(payloadType: number, payload: Uint8Array): Buffer {
    const sequence = this.outgoing.allocate();
    const flags = this.synOnFirst && sequence === 0 ? MessageFlags.Syn : MessageFlags.None;
    const frame = encodeClientMessage(streamDataMessage(this.sendsAs, sequence, payloadType, payload, this.now(), flags));
    this.outgoing.record(sequence, frame, this.now());
    return frame;
  }

  /** Acks remove unacked messages (unknown ones are ignored); the peer's stream data is acked and reordered; other types give nothing. */
  accept(message: ClientMessage): AcceptResult {
    if (message.messageType === MessageType.Acknowledge) {
      const acknowledged = this.outgoing.acknowledge(parseAcknowledge(message.payload).AcknowledgedMessageSequenceNumber, this.now());
      return { ...NOTHING, acknowledged };
    }
    const peerType = this.sendsAs === MessageType.OutputStreamData ? MessageType.InputStreamData : MessageType.OutputStreamData;
    if (message.messageType !== peerType) return NOTHING;
    const verdict = this.incoming.accept(message.sequenceNumber, message);
    // A full reorder buffer drops the message unacked so the peer retransmits it.
    if (verdict.kind === 'overflow') return NOTHING;
    const ack = encodeClientMessage(acknowledgeMessage(message, this.now()));
    return { ack, deliver: verdict.kind === 'deliver' ? verdict.items : [], acknowledged: false };
  }

  /** The oldest unacked message when it has waited past the RTO. */
  takeDueForResend(): UnackedMessage | undefined {
    return this.outgoing.takeDueForResend(this.now());
  }

  /** Unacked frames, oldest first, to resend after a reconnect. */
  pendingFrames(): Uint8Array[] {
    return this.outgoing.pending().map((message) => message.frame);
  }
}
