// A simple leaf or folder of the tree: a label, a description, an icon, and optionally children built by a function.
import * as vscode from 'vscode';
import type { ExplorerNode } from './ExplorerNode';

interface DetailOptions {
  readonly description?: string;
  readonly tooltip?: string | vscode.MarkdownString;
  readonly icon?: vscode.ThemeIcon;
  readonly contextValue: string;
  readonly transitional?: boolean;
  readonly children?: (signal: AbortSignal) => Promise<ExplorerNode[]>;
  readonly expanded?: boolean;
}

export class DetailNode implements ExplorerNode {
  readonly transitional: boolean;
  readonly getChildren?: (signal: AbortSignal) => Promise<ExplorerNode[]>;

  constructor(
    readonly id: string,
    readonly label: string,
    readonly options: DetailOptions,
  ) {
    this.transitional = options.transitional ?? false;
    this.getChildren = options.children;
  }

  toTreeItem(): vscode.TreeItem {
    const state = this.options.children ? (this.options.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(this.label, state);
    item.id = this.id;
    item.description = this.options.description;
    item.tooltip = this.options.tooltip;
    item.iconPath = this.options.icon;
    item.contextValue = this.options.contextValue;
    return item;
  }
}
