// Native Session Manager data-channel client: handshake, input, resize, acks, retransmission, reordering, reconnect with ResumeSession.
import { randomUUID } from 'node:crypto';
import type WebSocket from 'ws';
import { dialDataChannel } from './dialDataChannel';
import { Emitter, type Disposable, type Event } from './events';
import { respondToHandshake } from './handshakeResponse';
import {
  decodeClientMessage, MessageType, parseChannelClosedOutput, parseHandshakeComplete, parseHandshakeRequest, PayloadType, RETRANSMISSION,
  SequencedChannel, toJsonPayload, WriteBatch, type ClientMessage, type Corkable,
} from './protocol';
import { seconds, SessionChannelError, type SessionChannelErrorCode } from './SessionChannelError';
import type { SessionChannelOptions, SessionChannelState, SessionEnd, TerminalSize } from './SessionChannelOptions';

export const CLIENT_VERSION = '1.2.0.0';
/** Every Session Manager client process uses one ClientId across sessions and reconnects. */
const PROCESS_CLIENT_ID = randomUUID();
const MAX_INPUT_CHUNK_BYTES = 1024;
const MAX_RESENDS = 3000;
const PING_INTERVAL_MS = 5 * 60_000;
const TOKEN_REFUSED_CLOSE_CODE = 1008;

export class SessionChannel implements Disposable {
  private readonly dataEmitter = new Emitter<Uint8Array>();
  private readonly outputEmitter = new Emitter<string>();
  private readonly stateEmitter = new Emitter<SessionChannelState>();
  private readonly endEmitter = new Emitter<SessionEnd>();
  /** Raw output bytes (PT1, 11, 12) in order. */
  readonly onData: Event<Uint8Array> = this.dataEmitter.event;
  /** The same output decoded as UTF-8 (characters split across frames are joined). */
  readonly onOutput: Event<string> = this.outputEmitter.event;
  readonly onStateChange: Event<SessionChannelState> = this.stateEmitter.event;
  /** Fires once when the session ends, whatever the cause. */
  readonly onEnd: Event<SessionEnd> = this.endEmitter.event;

  private readonly streams = new SequencedChannel(MessageType.InputStreamData, false);
  private readonly decoder = new TextDecoder('utf-8');
  private readonly log: (line: string) => void;
  private socket: WebSocket | undefined;
  private batch = new WriteBatch(undefined);
  private currentState: SessionChannelState = 'idle';
  private size: TerminalSize;
  private sessionTypeValue: string | undefined;
  private ready = false;
  private paused = false;
  private reconnecting = false;
  private failedReconnects = 0;
  private queuedInput: Uint8Array[] = [];
  private resendTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private readyTimer: NodeJS.Timeout | undefined;
  private readonly readyPromise: Promise<void>;
  private settleReady: (error?: Error) => void = () => undefined;

  constructor(private readonly options: SessionChannelOptions) {
    this.log = options.log ?? (() => undefined);
    this.size = options.initialSize ?? { columns: 80, rows: 24 };
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.settleReady = (error) => (error ? reject(error) : resolve());
    });
    this.readyPromise.catch(() => undefined);
  }

  get state(): SessionChannelState {
    return this.currentState;
  }

  /** Standard_Stream, InteractiveCommands, … once known. */
  get sessionType(): string | undefined {
    return this.sessionTypeValue;
  }

  /** Connects and resolves once the session is ready for input; rejects with a SessionChannelError. */
  async open(): Promise<void> {
    if (this.currentState !== 'idle') return this.readyPromise;
    this.setState('connecting');
    try {
      const { socket, transport } = await dialDataChannel({ streamUrl: this.options.streamUrl, tokenValue: this.options.tokenValue, clientId: PROCESS_CLIENT_ID, clientVersion: CLIENT_VERSION, timeoutMs: this.options.openTimeoutMs ?? 10_000 });
      if (this.isClosed()) {
        socket.close(1000);
        return this.readyPromise;
      }
      this.bind(socket, transport);
    } catch (error) {
      this.finish({ reason: 'error', message: (error as Error).message, error: error as SessionChannelError });
      return this.readyPromise;
    }
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 20_000;
    this.readyTimer = setTimeout(() => this.fail('ClosedBeforeReady', `The session did not start within ${seconds(readyTimeoutMs)} s. Check that the instance's SSM Agent is online and try again.`, true), readyTimeoutMs);
    this.resendTimer = setInterval(() => this.resendOldest(), RETRANSMISSION.resendIntervalMs);
    this.pingTimer = setInterval(() => this.socket?.ping('keepalive'), PING_INTERVAL_MS);
    this.pingTimer.unref();
    return this.readyPromise;
  }

  /** Keystrokes as typed (VS Code already sends \r for Enter and \x03 for Ctrl-C). */
  sendInput(data: string | Uint8Array): void {
    if (this.isClosed()) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    if (!this.ready) {
      this.queuedInput.push(bytes);
      return;
    }
    for (let offset = 0; offset < bytes.length; offset += MAX_INPUT_CHUNK_BYTES) {
      this.sendStream(PayloadType.Output, bytes.subarray(offset, offset + MAX_INPUT_CHUNK_BYTES));
    }
  }

  /** Terminal dimensions; sent once the session type is known and again on every call. */
  resize(columns: number, rows: number): void {
    this.size = { columns, rows };
    if (this.ready && !this.isClosed()) this.sendSize();
  }

  /** Ends the session: closes the socket and calls TerminateSession. */
  async close(): Promise<void> {
    if (this.isClosed()) return;
    this.finish({ reason: 'closedByClient', message: `Session ${this.options.sessionId} closed.` });
    await this.callTerminate();
  }

  dispose(): void {
    void this.close();
  }

  private bind(socket: WebSocket, transport: Corkable | undefined): void {
    this.socket = socket;
    this.batch = new WriteBatch(transport);
    socket.on('message', (data, isBinary) => {
      if (this.socket !== socket || !isBinary) return;
      try {
        this.receive(Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]));
      } catch (error) {
        // A malformed payload from the service must not crash the host process; the message is dropped.
        this.log(`session ${this.options.sessionId}: dropped a message that could not be handled: ${(error as Error).message}`);
      }
    });
    socket.on('close', (code) => this.onSocketClosed(socket, code));
    socket.on('error', (error) => this.log(`session ${this.options.sessionId}: socket error: ${error.message}`));
    if (this.currentState !== 'reconnecting') this.setState(this.ready ? 'open' : 'connecting');
  }

  private onSocketClosed(socket: WebSocket, code: number): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    if (this.isClosed()) return;
    if (!this.ready) {
      if (code === TOKEN_REFUSED_CLOSE_CODE) this.fail('TokenRefused', 'Session Manager refused the session token. Start a new session; tokens are valid for one connection.', false);
      else this.fail('ClosedBeforeReady', 'The session closed before it started. Check the instance and try again.', true);
      return;
    }
    void this.reconnect();
  }

  /** ResumeSession, then re-dial the original StreamUrl with the new token; sequence state carries on. */
  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    const resume = this.options.resume;
    if (!resume) return this.fail('ConnectionLost', 'The connection to the session was lost. Start a new session.', true);
    this.reconnecting = true;
    this.setState('reconnecting');
    const maxAttempts = this.options.maxReconnectAttempts ?? 5;
    const backoffMs = this.options.reconnectBackoffMs ?? 200;
    try {
      while (this.failedReconnects < maxAttempts) {
        if (this.isClosed()) return;
        this.failedReconnects += 1;
        try {
          const token = await resume();
          if (this.isClosed()) return;
          if (token === undefined) return this.fail('SessionTimedOut', `Session: ${this.options.sessionId} timed out.`, false);
          const { socket, transport } = await dialDataChannel({ streamUrl: this.options.streamUrl, tokenValue: token, clientId: PROCESS_CLIENT_ID, clientVersion: CLIENT_VERSION, timeoutMs: this.options.openTimeoutMs ?? 10_000 });
          if (this.isClosed()) {
            socket.close(1000);
            return;
          }
          this.log(`session ${this.options.sessionId}: reconnected`);
          this.reconnecting = false;
          this.bind(socket, transport);
          this.setState('open');
          for (const frame of this.streams.pendingFrames()) socket.send(frame);
          return;
        } catch (error) {
          this.log(`session ${this.options.sessionId}: reconnect attempt ${this.failedReconnects} failed: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (this.failedReconnects - 1)));
        }
      }
      this.fail('ConnectionLost', `The connection to the session was lost and ${maxAttempts} attempts to resume it failed. Start a new session.`, true);
    } finally {
      this.reconnecting = false;
    }
  }

  private receive(frame: Buffer): void {
    let decoded;
    try {
      decoded = decodeClientMessage(frame);
    } catch (error) {
      this.log(`session ${this.options.sessionId}: dropped a malformed frame: ${(error as Error).message}`);
      return;
    }
    if (decoded.problem) {
      // Dropped without an ack, like the plugin: the sender retransmits it.
      this.log(`session ${this.options.sessionId}: dropped an invalid message: ${decoded.problem}`);
      return;
    }
    const message = decoded.message;
    this.failedReconnects = 0;
    switch (message.messageType) {
      case MessageType.ChannelClosed: {
        const output = parseChannelClosedOutput(message.payload);
        this.finish({ reason: 'channelClosed', message: output ? `SessionId: ${this.options.sessionId} : ${output}` : `Exiting session with sessionId: ${this.options.sessionId}.` });
        return;
      }
      case MessageType.PausePublication:
        this.paused = true;
        return;
      case MessageType.StartPublication:
        this.paused = false;
        return;
      default: {
        const result = this.streams.accept(message);
        if (result.ack) {
          // The acks of every message in one read leave in one write.
          this.batch.begin();
          this.socket?.send(result.ack);
        }
        for (const item of result.deliver) this.handleOutput(item);
      }
    }
  }

  private handleOutput(message: ClientMessage): void {
    if (this.isClosed()) return;
    switch (message.payloadType) {
      case PayloadType.HandshakeRequest: {
        const outcome = respondToHandshake(parseHandshakeRequest(message.payload), CLIENT_VERSION);
        this.sessionTypeValue = outcome.sessionType;
        this.sendStream(PayloadType.HandshakeResponse, toJsonPayload(outcome.response));
        if (outcome.failure) this.fail('HandshakeFailed', outcome.failure, true);
        return;
      }
      case PayloadType.HandshakeComplete: {
        const customerMessage = parseHandshakeComplete(message.payload).CustomerMessage;
        if (customerMessage) this.emitOutput(Buffer.from(`${customerMessage}\r\n`));
        this.becomeReady();
        return;
      }
      case PayloadType.EncChallengeRequest:
        this.fail('HandshakeFailed', 'The session asked for an encryption challenge, which the built-in client does not support; use the session-manager-plugin.', true);
        return;
      case PayloadType.Output:
      case PayloadType.StdErr:
      case PayloadType.ExitCode:
      case PayloadType.Error:
        // Without a handshake, the first output means a shell (the plugin's ProcessFirstMessage).
        if (!this.ready) {
          this.sessionTypeValue ??= 'Standard_Stream';
          this.emitOutput(message.payload);
          this.becomeReady();
        } else {
          this.emitOutput(message.payload);
        }
        return;
      default:
        return;
    }
  }

  private becomeReady(): void {
    if (this.ready) return;
    this.ready = true;
    clearTimeout(this.readyTimer);
    this.setState('open');
    this.sendSize();
    const queued = this.queuedInput;
    this.queuedInput = [];
    for (const bytes of queued) this.sendInput(bytes);
    this.settleReady();
  }

  private sendSize(): void {
    this.sendStream(PayloadType.Size, toJsonPayload({ cols: this.size.columns, rows: this.size.rows }));
  }

  private emitOutput(bytes: Uint8Array): void {
    this.dataEmitter.fire(bytes);
    if (!this.outputEmitter.hasListeners) return;
    const text = this.decoder.decode(bytes, { stream: true });
    if (text) this.outputEmitter.fire(text);
  }

  /** SequencedChannel buffers the message before it is sent, so an ack racing the send still finds it. */
  private sendStream(payloadType: number, payload: Uint8Array): void {
    const frame = this.streams.frame(payloadType, payload);
    this.socket?.send(frame);
  }

  private resendOldest(): void {
    if (!this.socket || this.paused) return;
    const due = this.streams.takeDueForResend();
    if (!due) return;
    if (due.resendCount > MAX_RESENDS) return this.fail('NotAcknowledged', 'Session Manager stopped acknowledging input. The session was ended; start a new one.', true);
    this.socket.send(due.frame);
  }

  private fail(code: SessionChannelErrorCode, message: string, terminate: boolean): void {
    if (this.isClosed()) return;
    this.finish({ reason: 'error', message, error: new SessionChannelError(code, message) });
    if (terminate) void this.callTerminate();
  }

  private finish(end: SessionEnd): void {
    if (this.isClosed()) return;
    this.setState('closed');
    clearTimeout(this.readyTimer);
    clearInterval(this.resendTimer);
    clearInterval(this.pingTimer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000);
    const tail = this.decoder.decode();
    if (tail) this.outputEmitter.fire(tail);
    this.settleReady(this.ready ? undefined : end.error ?? new SessionChannelError('ClosedBeforeReady', end.message));
    this.endEmitter.fire(end);
    for (const emitter of [this.dataEmitter, this.outputEmitter, this.stateEmitter, this.endEmitter]) emitter.dispose();
  }

  private async callTerminate(): Promise<void> {
    try {
      await this.options.terminate?.();
    } catch (error) {
      this.log(`session ${this.options.sessionId}: TerminateSession failed: ${(error as Error).message}`);
    }
  }

  private isClosed(): boolean {
    return this.currentState === 'closed';
  }

  private setState(state: SessionChannelState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }
}
