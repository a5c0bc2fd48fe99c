// The one terminal of an instance: a Pseudoterminal on its own native Session Manager channel, shared by the user's typing and the workflows.
import * as vscode from 'vscode';
import { AwsFailure } from '../../aws/AwsFailure';
import type { SessionChannel, SessionEnd, TerminalSize } from '../../session/index';
import { MarkerFilter } from '../../tape/shellMarker';
import type { ShellChannel } from '../workflows/ShellChannel';
import type { NativeSession } from './startNativeSession';

/** Starts a session for the terminal (StartSession + a channel that is not yet open). */
type SessionStarter = (size: TerminalSize) => Promise<NativeSession>;

type SessionTerminalState = 'starting' | 'open' | 'reconnecting' | 'ended';

const TRANSCRIPT_LIMIT = 256 * 1024;
/** Held text that may be the start of a workflow's exit-status marker is shown after this much silence (a user typing `;`). */
const FLUSH_AFTER_MS = 30;
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export class SessionTerminal implements vscode.Pseudoterminal, ShellChannel, vscode.Disposable {
  // One emitter per terminal instance: a shared one would write every session's output into every terminal.
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  private readonly stateEmitter = new vscode.EventEmitter<SessionTerminalState>();
  private readonly outputEmitter = new vscode.EventEmitter<string>();
  private readonly endEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires with a sentence when the session ends or fails (the user closed it, `exit`, the network, a refused token). */
  readonly onDidEnd = this.endEmitter.event;
  private readonly filter = new MarkerFilter();
  private flushTimer: NodeJS.Timeout | undefined;

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

  /** Raw session output, workflow markers included (ShellChannel; runVisible reads exit statuses from it). */
  onOutput(listener: (text: string) => void): vscode.Disposable {
    return this.outputEmitter.event(listener);
  }

  /** Types text into the shell as if the user had (ShellChannel); throws a sentence when the session has ended. */
  sendText(text: string): void {
    if (this.channel) this.channel.sendInput(text);
    else if (this.currentState === 'starting' && !this.closed) this.typedAhead += text;
    else throw new Error(`The Session Manager session on ${this.instanceId} has ended. Press Enter in its terminal to start a new one, or run the command again.`);
  }

  /** ShellChannel: the sentence of onDidEnd. */
  onEnd(listener: (sentence: string) => void): vscode.Disposable {
    return this.endEmitter.event(listener);
  }

  /** Resolves once the session accepts input; rejects with a sentence if it ends first. */
  whenOpen(): Promise<void> {
    if (this.currentState === 'open' || this.currentState === 'reconnecting') return Promise.resolve();
    if (this.closed || this.currentState === 'ended') return Promise.reject(new Error(`The Session Manager session on ${this.instanceId} has ended. Run the command again to open a new one.`));
    return new Promise<void>((resolve, reject) => {
      const opened = this.stateEmitter.event((state) => {
        if (state !== 'open') return;
        opened.dispose();
        ended.dispose();
        resolve();
      });
      const ended = this.endEmitter.event((sentence) => {
        opened.dispose();
        ended.dispose();
        reject(new Error(sentence));
      });
    });
  }

  /** After the session ended with an error: starts a new one in the same terminal (what pressing Enter does). */
  restart(): boolean {
    if (!this.offerRestart) return false;
    this.offerRestart = false;
    void this.start();
    return true;
  }

  get isClosed(): boolean {
    return this.closed;
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
    if (this.closed) return;
    this.closed = true;
    this.offerRestart = false;
    const channel = this.channel;
    this.channel = undefined;
    void channel?.close();
    this.setState('ended');
    this.endEmitter.fire(`The terminal on ${this.instanceId} was closed, which ended its Session Manager session.`);
  }

  dispose(): void {
    this.close();
    clearTimeout(this.flushTimer);
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
    this.stateEmitter.dispose();
    this.outputEmitter.dispose();
    this.endEmitter.dispose();
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
    channel.onOutput((text) => {
      this.outputEmitter.fire(text);
      this.show(text);
    });
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
    this.write(this.filter.flush());
    if (end.reason === 'channelClosed') {
      this.write(`\r\n\r\n${end.message}\r\n\r\n`);
      this.log.info(`Session ${this.currentSessionId ?? ''} on ${this.instanceId} ended: ${end.message}`);
      this.setState('ended');
      this.endEmitter.fire(end.message);
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
    this.endEmitter.fire(sentence);
  }

  /** Shows session output with the workflows' exit-status markers taken out. */
  private show(text: string): void {
    clearTimeout(this.flushTimer);
    const visible = this.filter.push(text);
    if (this.filter.holding) this.flushTimer = setTimeout(() => this.write(this.filter.flush()), FLUSH_AFTER_MS);
    if (visible) this.write(visible);
  }

  private write(text: string): void {
    if (!text) return;
    this.text = (this.text + text).slice(-TRANSCRIPT_LIMIT);
    this.writeEmitter.fire(text);
  }

  private setState(state: SessionTerminalState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }
}
