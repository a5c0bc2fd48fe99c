// The Tape Gateway tree's data provider: lazy roots per connection, and polling only while something is transitional.
import * as vscode from 'vscode';
import { AwsClients } from '../../aws/AwsClients';
import type { ConnectionManager } from '../connection/ConnectionManager';
import { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { GatewaysFolderNode } from './GatewaysFolderNode';
import { MessageNode } from './MessageNode';
import { StacksFolderNode } from './StacksFolderNode';
import { TapePoolsFolderNode } from './TapePoolsFolderNode';
import { LibraryReader } from './library/LibraryReader';
import type { WorkflowHub } from '../workflows/WorkflowHub';

/** How long a folder's children loaded ahead of VS Code's request wait for it (it asks within a second when the folder shows). */
const EARLY_LOAD_KEPT_MS = 10_000;

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private loads = new AbortController();
  private readonly polls = new Map<string, NodeJS.Timeout>();
  private context: ExplorerContext | undefined;
  private view: vscode.TreeView<ExplorerNode> | undefined;
  /** Children of expanded folders loaded before VS Code asked for them, by node id. */
  private readonly early = new Map<string, Promise<ExplorerNode[]>>();

  constructor(
    private readonly connection: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
    private readonly workflows: WorkflowHub,
  ) {
    this.subscription = connection.onDidChange((state) => {
      // The lab process starts now; the SDK files the first paint needs are read meanwhile (the lab runs in its own process).
      if (state.kind === 'connecting') this.preloadSdk();
      this.context = undefined;
      this.refresh();
      this.loadExpandedFolders();
    });
  }

  /** The view that shows this tree: folders are loaded ahead of its request only while it is visible. */
  showIn(view: vscode.TreeView<ExplorerNode>): void {
    this.view = view;
  }

  /**
   * VS Code shows nothing until every expanded folder has its children, and asks the extension for them one folder
   * after another; started here together, as soon as the connection is up, the first paint waits for the slowest call
   * instead of the sum. Each result is handed out once, to the next request for that folder; one that VS Code does not
   * ask for soon (the user had collapsed that folder) is dropped, so a later expand loads afresh.
   */
  private loadExpandedFolders(): void {
    if (!this.view?.visible || this.connection.state.kind !== 'connected') return;
    for (const folder of this.topLevel()) {
      if (folder.toTreeItem().collapsibleState !== vscode.TreeItemCollapsibleState.Expanded || !folder.getChildren) continue;
      const load = folder.getChildren(this.loads.signal);
      this.early.set(folder.id, load);
      setTimeout(() => {
        if (this.early.get(folder.id) === load) this.early.delete(folder.id);
      }, EARLY_LOAD_KEPT_MS);
    }
  }

  private preloadSdk(): void {
    const started = performance.now();
    AwsClients.preload(['storageGateway', 'cloudFormation']).then(
      () => this.log.debug(`Explorer: SDK files for Storage Gateway and CloudFormation read in ${(performance.now() - started).toFixed(0)} ms.`),
      (error: unknown) => this.log.warn(`Explorer: could not read the SDK files ahead of use: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  refresh(node?: ExplorerNode): void {
    if (node) this.early.delete(node.id);
    else {
      this.early.clear();
      this.loads.abort();
      this.loads = new AbortController();
      this.stopPolling();
    }
    this.changed.fire(node);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node) {
      const early = this.early.get(node.id);
      this.early.delete(node.id);
      const children = await (early ?? node.getChildren?.(this.loads.signal) ?? []);
      this.pollWhileTransitional(node, children);
      return children;
    }
    const state = this.connection.state;
    if (state.kind === 'none') return [];
    if (state.kind === 'connecting') return [MessageNode.info('connecting', `Connecting to ${state.label}…`)];
    if (state.kind === 'labExited') return [MessageNode.action('labExited', state.message, { command: 'tapeGateway.startLocalLab', title: 'Restart the lab' })];
    return this.topLevel();
  }

  private topLevel(): ExplorerNode[] {
    const state = this.connection.state;
    if (state.kind !== 'connected') return [];
    this.context ??= new ExplorerContext(state.clients, this.log, LibraryReader.over(state.clients, (arn) => this.workflows.library(arn)?.clientInstanceId), () => vscode.workspace.getConfiguration('tapeGateway.explorer').get<number>('tapePageSize', 100));
    return [new StacksFolderNode(this.context), new GatewaysFolderNode(this.context), new TapePoolsFolderNode(this.context)];
  }

  /** Nodes currently polled because a child is in a transitional state (for tests and the log). */
  get polledNodeIds(): string[] {
    return [...this.polls.keys()];
  }

  private pollWhileTransitional(node: ExplorerNode, children: readonly ExplorerNode[]): void {
    const existing = this.polls.get(node.id);
    if (existing) clearTimeout(existing);
    this.polls.delete(node.id);
    if (!children.some((c) => c.transitional)) return;
    const seconds = vscode.workspace.getConfiguration('tapeGateway.explorer').get<number>('pollIntervalSeconds', 5);
    const timer = setTimeout(() => {
      this.polls.delete(node.id);
      this.changed.fire(node);
    }, Math.max(0.2, seconds) * 1000);
    this.polls.set(node.id, timer);
  }

  private stopPolling(): void {
    for (const timer of this.polls.values()) clearTimeout(timer);
    this.polls.clear();
  }

  dispose(): void {
    this.stopPolling();
    this.early.clear();
    this.loads.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
