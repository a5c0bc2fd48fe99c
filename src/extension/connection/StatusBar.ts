// The status bar item that shows where the extension is connected (Lab, or profile / region).
import * as vscode from 'vscode';
import type { ConnectionManager, ConnectionState } from './ConnectionManager';

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tapeGateway.connection', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(connection: ConnectionManager) {
    this.item.name = 'Tape Gateway Connection';
    this.subscription = connection.onDidChange((state) => this.show(state));
    this.show(connection.state);
  }

  /** Exposed for tests: what the item currently says. */
  get text(): string {
    return this.item.text;
  }

  private show(state: ConnectionState): void {
    this.item.command = 'tapeGateway.switchConnection';
    if (state.kind === 'none') {
      this.item.text = '$(debug-disconnect) Tape Gateway: not connected';
      this.item.tooltip = 'Click to start the local lab or connect to AWS.';
    } else if (state.kind === 'labExited') {
      this.item.text = '$(error) Tape Gateway: lab stopped';
      this.item.tooltip = `${state.message} Click to restart it.`;
      this.item.command = 'tapeGateway.startLocalLab';
      this.item.show();
      return;
    } else if (state.kind === 'connecting') {
      this.item.text = `$(sync~spin) Tape Gateway: connecting to ${state.label}`;
      this.item.tooltip = undefined;
    } else if (state.target.kind === 'lab') {
      this.item.text = '$(beaker) Tape Gateway: Lab';
      this.item.tooltip = `Connected to the local lab at ${state.target.endpoint} (${state.target.region}). Click to switch.`;
    } else {
      this.item.text = `$(cloud) Tape Gateway: ${state.label}`;
      this.item.tooltip = 'Connected to AWS. Click to switch profile or region.';
    }
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
