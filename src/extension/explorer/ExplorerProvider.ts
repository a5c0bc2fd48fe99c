// TreeDataProvider of the Tape Gateway view: empty (so the welcome content shows) until connected.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/ConnectionManager';
import type { ExplorerNode } from './ExplorerNode';
import { GatewaysFolderNode } from './GatewaysFolderNode';
import { MessageNode } from './MessageNode';

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private loads = new AbortController();

  constructor(
    private readonly connection: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = connection.onDidChange(() => this.refresh());
  }

  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.loads.abort();
      this.loads = new AbortController();
    }
    this.changed.fire(node);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node) return node.getChildren ? node.getChildren(this.loads.signal) : [];
    const state = this.connection.state;
    if (state.kind === 'none') return [];
    if (state.kind === 'connecting') return [MessageNode.info('connecting', `Connecting to ${state.label}…`)];
    return [new GatewaysFolderNode(state.clients, this.log)];
  }

  dispose(): void {
    this.loads.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
