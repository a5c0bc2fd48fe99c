// The agent/service end of one session's data channel: sequencing, acks, retransmission, handshake, shell bridge (as the SSM agent speaks it; message formats in src/session/protocol/).
import type { WebSocket } from 'ws';
import type { Disposable, InteractiveShell, OutputFlow } from '../../hosts/ClientHost';
import {
  ActionStatus, channelClosedMessage, decodeClientMessage, encodeClientMessage, MessageType, parseFlagPayload, parseHandshakeResponse, parseSize,
  PayloadFlag, PayloadType, RETRANSMISSION, SequencedChannel, toJsonPayload, WriteBatch, type ClientMessage, type Corkable, type HandshakeRequestPayload,
} from '../../../session/protocol';

/**
 * Largest output_stream_data payload the lab sends. The agent reads its pty 1,024 bytes at a time, but the plugin takes
 * a payload as the rest of the frame whatever its size, so output that piled up behind the window leaves in payloads
 * of up to 64 KiB (small output, an echo or a prompt, still leaves at once in its own message).
 */
export const MAX_OUTPUT_PAYLOAD_BYTES = 64 * 1024;
/** Unacked output allowed in flight once the client has acked once, in bytes of frames and in messages (the plugin buffers 10,000). */
export const MAX_IN_FLIGHT_BYTES = 2 * 1024 * 1024;
const MAX_IN_FLIGHT_MESSAGES = 2048;
/** The agent waits 15 s for the handshake response. */
const HANDSHAKE_TIMEOUT_MS = 15_000;
/** The plugin gives up after 3,000 resends of one message (about 5 minutes). */
const MAX_RESENDS = 3000;
/** How long a finished shell's last output may wait for acks before channel_closed is sent anyway. */
const DRAIN_TIMEOUT_MS = 5000;
const AGENT_VERSION = '3.3.0.0';
/** Session Manager's default idle timeout: a session nobody reconnects to ends after 20 minutes. */
const DISCONNECTED_TIMEOUT_MS = 20 * 60_000;
/**
 * Output queued behind the unacked window before the shell is asked to pause, and the level at which it may go on.
 * With the window (MAX_IN_FLIGHT_BYTES) that bounds what a session holds to about 3 MiB plus one producer chunk.
 */
export const OUTPUT_HIGH_WATER_BYTES = 1024 * 1024;
export const OUTPUT_LOW_WATER_BYTES = 256 * 1024;

export interface AgentDataChannelOptions {
  readonly sessionId: string;
  readonly sessionType: string;
  readonly handshake: boolean;
  readonly openShell: () => InteractiveShell;
  readonly log: (line: string) => void;
  /** Called once when the session ends, with the reason given to the client. */
  readonly onEnded: (reason: string) => void;
}

interface PendingOutput {
  readonly payloadType: number;
  readonly payload: Buffer;
}

export class AgentDataChannel {
  private readonly streams = new SequencedChannel(MessageType.OutputStreamData, true);
  /** Output not yet framed; `pendingHead` is the next to send (a head index keeps dequeuing O(1)). */
  private pendingOutput: PendingOutput[] = [];
  private pendingHead = 0;
  private queuedBytes = 0;
  private writableWaiters: (() => void)[] = [];
  private socket: WebSocket | undefined;
  private batch = new WriteBatch(undefined);
  private shell: InteractiveShell | undefined;
  private readonly shellSubscriptions: Disposable[] = [];
  private handshakeState: 'none' | 'awaiting' | 'complete';
  private handshakeStartedAt = 0;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private disconnectedTimer: NodeJS.Timeout | undefined;
  private clientHasAcked = false;
  private shellExited = false;
  private ended = false;
  private readonly resendTimer: NodeJS.Timeout;

  constructor(private readonly options: AgentDataChannelOptions) {
    this.handshakeState = options.handshake ? 'awaiting' : 'none';
    this.resendTimer = setInterval(() => this.guard('resend', () => this.resendOldest()), RETRANSMISSION.resendIntervalMs);
    this.resendTimer.unref();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  get isConnected(): boolean {
    return this.socket !== undefined;
  }

  /** Output bytes accepted from the shell and not yet framed (the unacked window holds the framed ones). */
  get bufferedOutputBytes(): number {
    return this.queuedBytes;
  }

  /** The flow control handed to the shell: paused above the high-water mark until the queue drains to the low one. */
  readonly outputFlow: OutputFlow = new ChannelOutputFlow(
    () => !this.ended && this.queuedBytes >= OUTPUT_HIGH_WATER_BYTES,
    (resolve) => this.writableWaiters.push(resolve),
  );

  /** True once a client has opened the channel at least once. */
  get wasConnected(): boolean {
    return this.shell !== undefined;
  }

  /** Takes over a socket whose token was accepted (and its TCP transport, to batch writes); a previous socket is closed. Sequence state carries on. */
  attach(socket: WebSocket, transport?: Corkable): void {
    if (this.ended) {
      socket.close(1000, 'The session has ended.');
      return;
    }
    clearTimeout(this.disconnectedTimer);
    const previous = this.socket;
    this.socket = socket;
    this.batch = new WriteBatch(transport);
    previous?.close(1000, 'Replaced by a newer connection.');
    socket.on('message', (data, isBinary) => this.guard('frame', () => {
      if (this.socket === socket && isBinary) this.receive(toBuffer(data));
    }));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      // Sequence state is kept for ResumeSession; a session nobody resumes ends like an idle one on AWS.
      this.disconnectedTimer = setTimeout(() => this.terminate('The session timed out while disconnected.'), DISCONNECTED_TIMEOUT_MS);
      this.disconnectedTimer.unref();
    });
    socket.on('error', (error) => this.options.log(`ssm session ${this.options.sessionId}: socket error: ${error.message}`));
    for (const frame of this.streams.pendingFrames()) socket.send(frame);
    if (!this.shell) this.start();
    this.pump();
  }

  /** TerminateSession or lab shutdown: tell the client, close the socket, stop the shell. */
  terminate(reason = ''): void {
    if (this.ended) return;
    this.ended = true;
    const socket = this.socket;
    if (socket && socket.readyState === socket.OPEN) {
      socket.send(encodeClientMessage(channelClosedMessage(this.options.sessionId, reason, new Date())));
      socket.close(1000, 'Session ended.');
    }
    this.socket = undefined;
    clearInterval(this.resendTimer);
    clearTimeout(this.handshakeTimer);
    clearTimeout(this.drainTimer);
    clearTimeout(this.disconnectedTimer);
    for (const subscription of this.shellSubscriptions) subscription.dispose();
    this.releaseWriters();
    if (!this.shellExited) this.shell?.close();
    this.options.onEnded(reason);
  }

  private start(): void {
    const shell = this.options.openShell();
    this.shell = shell;
    this.shellSubscriptions.push(
      shell.onOutput((data) => this.guard('output', () => this.queueOutput(PayloadType.Output, Buffer.from(data)))),
      shell.onExit(() => this.guard('exit', () => this.onShellExit())),
    );
    shell.useOutputFlow?.(this.outputFlow);
    if (this.handshakeState === 'awaiting') this.sendHandshakeRequest();
  }

  private sendHandshakeRequest(): void {
    const request: HandshakeRequestPayload = {
      AgentVersion: AGENT_VERSION,
      RequestedClientActions: [{ ActionType: 'SessionType', ActionParameters: { SessionType: this.options.sessionType, Properties: null } }],
    };
    this.handshakeStartedAt = Date.now();
    this.sendStream(PayloadType.HandshakeRequest, toJsonPayload(request));
    this.handshakeTimer = setTimeout(() => this.guard('handshake timeout', () => this.terminate('The client did not complete the session handshake within 15 seconds.')), HANDSHAKE_TIMEOUT_MS);
    this.handshakeTimer.unref();
  }

  private queueOutput(payloadType: number, data: Buffer): void {
    for (let offset = 0; offset < data.length; offset += MAX_OUTPUT_PAYLOAD_BYTES) {
      this.pendingOutput.push({ payloadType, payload: data.subarray(offset, offset + MAX_OUTPUT_PAYLOAD_BYTES) });
    }
    this.queuedBytes += data.length;
    this.pump();
  }

  /**
   * Frames queued output while the window allows: one message until the client first acks (the plugin's handler may
   * not be ready), then up to MAX_IN_FLIGHT_BYTES. Chunks waiting together leave as one payload of up to 64 KiB.
   */
  private pump(): void {
    if (this.ended || !this.socket || this.handshakeState === 'awaiting') return;
    const roomFor = () => (this.clientHasAcked ? this.streams.inFlight < MAX_IN_FLIGHT_MESSAGES && this.streams.inFlightBytes < MAX_IN_FLIGHT_BYTES : this.streams.inFlight === 0);
    while (this.pendingHead < this.pendingOutput.length && roomFor()) {
      const first = this.pendingOutput[this.pendingHead];
      const parts = [first.payload];
      let size = first.payload.length;
      this.pendingHead += 1;
      while (this.pendingHead < this.pendingOutput.length) {
        const next = this.pendingOutput[this.pendingHead];
        if (next.payloadType !== first.payloadType || size + next.payload.length > MAX_OUTPUT_PAYLOAD_BYTES) break;
        parts.push(next.payload);
        size += next.payload.length;
        this.pendingHead += 1;
      }
      this.queuedBytes -= size;
      this.sendStream(first.payloadType, parts.length === 1 ? first.payload : Buffer.concat(parts, size));
    }
    if (this.queuedBytes <= OUTPUT_LOW_WATER_BYTES) this.releaseWriters();
    if (this.pendingHead === this.pendingOutput.length) {
      this.pendingOutput = [];
      this.pendingHead = 0;
    } else if (this.pendingHead > 4096) {
      this.pendingOutput = this.pendingOutput.slice(this.pendingHead);
      this.pendingHead = 0;
    }
    this.finishIfDrained();
  }

  private releaseWriters(): void {
    const waiters = this.writableWaiters;
    if (waiters.length === 0) return;
    this.writableWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private sendStream(payloadType: number, payload: Buffer): void {
    const frame = this.streams.frame(payloadType, payload);
    // Frames sent in one stretch (a pump after a read full of acks) leave in one write.
    this.batch.begin();
    this.socket?.send(frame);
  }

  private resendOldest(): void {
    if (!this.socket) return;
    const due = this.streams.takeDueForResend();
    if (!due) return;
    if (due.resendCount > MAX_RESENDS) {
      this.terminate(`The client did not acknowledge message ${due.sequenceNumber} after ${MAX_RESENDS} resends.`);
      return;
    }
    this.socket.send(due.frame);
  }

  private receive(frame: Buffer): void {
    let message: ClientMessage;
    try {
      // Lenient like the agent: a wrong digest is not rejected (ssm-session writes hex text there).
      message = decodeClientMessage(frame).message;
    } catch (error) {
      this.options.log(`ssm session ${this.options.sessionId}: ignored a malformed frame: ${(error as Error).message}`);
      return;
    }
    const result = this.streams.accept(message);
    if (result.acknowledged) {
      this.clientHasAcked = true;
      this.pump();
    }
    // Duplicates are re-acked: the plugin otherwise resends every 100 ms for 5 minutes.
    if (result.ack) {
      this.batch.begin();
      this.socket?.send(result.ack);
    }
    for (const item of result.deliver) this.guard('input', () => this.handleInput(item));
  }

  private handleInput(message: ClientMessage): void {
    if (message.payloadType === PayloadType.HandshakeResponse) {
      this.completeHandshake(message.payload);
      return;
    }
    // Acked but ignored before the handshake completes, like the agent.
    if (this.handshakeState === 'awaiting' || this.ended) return;
    switch (message.payloadType) {
      case PayloadType.Output:
        this.shell?.write(message.payload);
        break;
      case PayloadType.Size: {
        const size = parseSize(message.payload);
        if (size.cols > 0 && size.rows > 0) this.shell?.resize(size.cols, size.rows);
        break;
      }
      case PayloadType.Flag:
        if (parseFlagPayload(message.payload) === PayloadFlag.TerminateSession) this.terminate();
        break;
      default:
        break;
    }
  }

  private completeHandshake(payload: Buffer): void {
    if (this.handshakeState !== 'awaiting') return;
    clearTimeout(this.handshakeTimer);
    const response = parseHandshakeResponse(payload);
    const failed = response.ProcessedClientActions.find((action) => action.ActionStatus !== ActionStatus.Success);
    if (failed || response.ProcessedClientActions.length === 0) {
      this.terminate(`The client could not process the ${failed?.ActionType ?? 'SessionType'} handshake action${failed?.Error ? `: ${failed.Error}` : ''}.`);
      return;
    }
    this.handshakeState = 'complete';
    const elapsedNanoseconds = (Date.now() - this.handshakeStartedAt) * 1_000_000;
    this.sendStream(PayloadType.HandshakeComplete, toJsonPayload({ HandshakeTimeToComplete: elapsedNanoseconds, CustomerMessage: '' }));
    this.pump();
  }

  private onShellExit(): void {
    this.shellExited = true;
    this.drainTimer = setTimeout(() => this.guard('drain', () => this.terminate()), DRAIN_TIMEOUT_MS);
    this.drainTimer.unref();
    this.finishIfDrained();
  }

  /** After the shell exits, channel_closed waits until its last output is acked. */
  private finishIfDrained(): void {
    if (this.shellExited && this.pendingHead === this.pendingOutput.length && this.streams.inFlight === 0) this.terminate();
  }

  /** Nothing a client sends may crash the lab: failures end this session with a reason instead. */
  private guard(what: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.options.log(`ssm session ${this.options.sessionId}: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** OutputFlow over a channel's queue: `wait` registers a resolver the channel calls once it drains or ends. */
class ChannelOutputFlow implements OutputFlow {
  constructor(
    private readonly isPaused: () => boolean,
    private readonly wait: (resolve: () => void) => void,
  ) {}

  get paused(): boolean {
    return this.isPaused();
  }

  whenWritable(): Promise<void> {
    return this.isPaused() ? new Promise<void>((resolve) => this.wait(resolve)) : Promise.resolve();
  }
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
