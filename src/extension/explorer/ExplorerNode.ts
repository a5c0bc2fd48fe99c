// What every node of the Tape Gateway tree provides: a stable id, its tree item, and its children if any.
import type * as vscode from 'vscode';

export interface ExplorerNode {
  /** Stable across refreshes and unique in the tree, so VS Code keeps expansion and selection. */
  readonly id: string;
  toTreeItem(): vscode.TreeItem;
  getChildren?(signal: AbortSignal): Promise<ExplorerNode[]>;
  /** True while the node shows something that changes by itself (CREATING, ARCHIVING, *_IN_PROGRESS): its parent is polled. */
  readonly transitional?: boolean;
}
