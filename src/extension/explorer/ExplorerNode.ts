// What every node of the Tape Gateway tree provides: a stable id, its tree item, and its children if any.
import type * as vscode from 'vscode';

export interface ExplorerNode {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  readonly id: string;
  toTreeItem(): vscode.TreeItem;
  getChildren?(signal: AbortSignal): Promise<ExplorerNode[]>;
}
