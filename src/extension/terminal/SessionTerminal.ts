// One "Tape Gateway: <instance>" terminal: a Pseudoterminal backed by its own native Session Manager channel and its own emitters.
import * as vscode from 'vscode';
import { AwsFailure } from '../../aws/AwsFailure';
import type { SessionChannel, SessionEnd, TerminalSize } from '../../session/index';
import type { NativeSession } from './startNativeSession';

/** Starts a session for the terminal (StartSession + a channel that is not yet open). */
export type SessionStarter = (size: TerminalSize) => Promise<NativeSession>;

export type SessionTerminalState = 'starting' | 'open' | 'reconnecting' | 'ended';

const TRANSCRIPT_LIMIT = 256 * 1024;
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export class SessionTerminal implements vscode.Pseudoterminal, vscode.Disposable {
  // One emitter per terminal instance: a shared one would write every session's output into every terminal.
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  private readonly stateEmitter = new vscode.EventEmitter<SessionTerminalState>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;

  private channel: SessionChannel | undefined;
  private currentSessionId: string | undefined;
  private size: TerminalSize = { columns: 80, rows: 24 };
  private currentState: SessionTerminalState = 'starting';
  private offerRestart = false;
  private closed = false;
  private text = '';
  private typedAhead = '';

  constructor(
    readonly instanceId: string,
    private readonly startSession: SessionStarter,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): SessionTerminalState {
    return this.currentState;
  }

  /** The size VS Code last gave the terminal (sent to the session as a Size message). */
  get dimensions(): TerminalSize {
    return this.size;
  }

  get sessionId(): string | undefined {
    return this.currentSessionId;
  }

  /** What the terminal has shown so far (the last 256 KiB), for tests and the workflow commands. */
  transcript(): string {
    return this.text;
  }

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    if (initialDimensions) this.size = { columns: initialDimensions.columns, rows: initialDimensions.rows };
    void this.start();
  }

  handleInput(data: string): void {
    if (this.offerRestart) {
      this.offerRestart = false;
      if (data === '\r') void this.start();
      else this.closeEmitter.fire();
      return;
    }
    // Typed while StartSession is still running: the channel queues it until the session is ready.
    if (!this.channel && this.currentState === 'starting') this.typedAhead += data;
    else this.channel?.sendInput(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.size = { columns: dimensions.columns, rows: dimensions.rows };
    this.channel?.resize(dimensions.columns, dimensions.rows);
  }

  /** The user closed the terminal: end the session with TerminateSession. */
  close(): void {
    this.closed = true;
    const channel = this.channel;
    this.channel = undefined;
    void channel?.close();
    this.setState('ended');
  }

  dispose(): void {
    this.close();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
    this.stateEmitter.dispose();
  }

  private async start(): Promise<void> {
    this.setState('starting');
    this.write(`${DIM}Starting a Session Manager session on ${this.instanceId}…${RESET}\r\n`);
    let session: NativeSession;
    try {
      session = await this.startSession(this.size);
    } catch (error) {
      this.fail(error instanceof AwsFailure ? error.userMessage : `The session could not start: ${(error as Error).message}`, error);
      return;
    }
    if (this.closed) {
      void session.channel.close();
      return;
    }
    this.channel = session.channel;
    this.currentSessionId = session.sessionId;
    const channel = session.channel;
    channel.onOutput((text) => this.write(text));
    channel.onStateChange((state) => {
      if (state === 'reconnecting') {
        this.setState('reconnecting');
        this.write(`\r\n${DIM}Connection lost; resuming the session…${RESET}\r\n`);
      } else if (state === 'open' && this.currentState === 'reconnecting') {
        this.setState('open');
      }
    });
    channel.onEnd((end) => this.onSessionEnd(channel, end));
    channel.resize(this.size.columns, this.size.rows);
    if (this.typedAhead) channel.sendInput(this.typedAhead);
    this.typedAhead = '';
    try {
      await channel.open();
      if (this.channel === channel) this.setState('open');
    } catch {
      // onEnd has already reported why the session could not open.
    }
  }

  private onSessionEnd(channel: SessionChannel, end: SessionEnd): void {
    if (this.channel !== channel) return;
    this.channel = undefined;
    if (end.reason === 'closedByClient') return;
    if (end.reason === 'channelClosed') {
      this.write(`\r\n\r\n${end.message}\r\n\r\n`);
      this.log.info(`Session ${this.currentSessionId ?? ''} on ${this.instanceId} ended: ${end.message}`);
      this.setState('ended');
      this.closeEmitter.fire();
      return;
    }
    this.fail(end.message, end.error);
  }

  private fail(sentence: string, error: unknown): void {
    this.log.error(`Session terminal for ${this.instanceId}: ${error instanceof AwsFailure ? error.logLine() : sentence}`);
    this.write(`\r\n${RED}${sentence}${RESET}\r\n${DIM}Press Enter to start a new session, or any other key to close this terminal.${RESET}\r\n`);
    this.setState('ended');
    this.typedAhead = '';
    this.offerRestart = !this.closed;
  }

  private write(text: string): void {
    this.text = (this.text + text).slice(-TRANSCRIPT_LIMIT);
    this.writeEmitter.fire(text);
  }

  private setState(state: SessionTerminalState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }
}
