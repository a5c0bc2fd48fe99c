// A terminal that shows a WorkflowSession (markers filtered out) and forwards the user's keystrokes; one set of emitters per terminal.
import * as vscode from 'vscode';
import { MarkerFilter } from '../../tape/shellMarker';
import type { WorkflowSession } from './WorkflowSession';

/** Held text that may be a marker is shown after this much silence (a user typing `e`). */
const FLUSH_AFTER_MS = 30;

export class WorkflowTerminal implements vscode.Pseudoterminal, vscode.Disposable {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly filter = new MarkerFilter();
  private readonly subscriptions: vscode.Disposable[] = [];
  private opened = false;
  private pending = '';
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly session: WorkflowSession) {
    const output = session.onOutput((text) => this.show(this.filter.push(text)));
    const end = session.onEnd((ended) => {
      this.show(`${this.filter.flush()}\r\n${ended.message}\r\n`);
      this.closeEmitter.fire();
    });
    this.subscriptions.push({ dispose: () => output.dispose() }, { dispose: () => end.dispose() });
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    this.opened = true;
    if (dimensions) this.session.channel.resize(dimensions.columns, dimensions.rows);
    if (this.pending) this.writeEmitter.fire(this.pending);
    this.pending = '';
  }

  handleInput(data: string): void {
    this.session.sendText(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.session.channel.resize(dimensions.columns, dimensions.rows);
  }

  close(): void {
    void this.session.close();
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }

  private show(text: string): void {
    clearTimeout(this.flushTimer);
    if (this.filter.holding) this.flushTimer = setTimeout(() => this.show(this.filter.flush()), FLUSH_AFTER_MS);
    if (!text) return;
    if (this.opened) this.writeEmitter.fire(text);
    else this.pending += text;
  }
}
