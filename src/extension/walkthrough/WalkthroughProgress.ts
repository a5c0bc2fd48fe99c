// Sets the context keys the walkthrough's completionEvents wait for: connected, and the milestones read from session terminals.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/ConnectionManager';
import type { SessionTerminals } from '../shell/SessionTerminals';
import { TerminalMilestones, type Milestone } from './terminalMilestones';

const CONNECTED_CONTEXT = 'tapeGateway.connected';
const milestoneContext = (milestone: Milestone): string => `tapeGateway.walkthrough.${milestone}`;

export class WalkthroughProgress implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly reached = new Set<Milestone>();

  constructor(connection: ConnectionManager, terminals: SessionTerminals) {
    const setConnected = () => void vscode.commands.executeCommand('setContext', CONNECTED_CONTEXT, connection.state.kind === 'connected');
    setConnected();
    this.subscriptions.push(connection.onDidChange(setConnected));
    this.subscriptions.push(terminals.onDidOpen((terminal) => {
      const milestones = new TerminalMilestones();
      const listener = terminal.onDidWrite((text) => {
        for (const milestone of milestones.feed(text)) this.reach(milestone);
      });
      this.subscriptions.push(listener);
    }));
  }

  /** Milestones reached in this window so far. */
  milestones(): readonly Milestone[] {
    return [...this.reached];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private reach(milestone: Milestone): void {
    if (this.reached.has(milestone)) return;
    this.reached.add(milestone);
    void vscode.commands.executeCommand('setContext', milestoneContext(milestone), true);
  }
}
