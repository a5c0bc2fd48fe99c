// A leaf that says something instead of listing items: loading, empty, or an error the user can retry.
import * as vscode from 'vscode';
import type { ExplorerNode } from './ExplorerNode';
import { ContextValues } from './contextValues';

export class MessageNode implements ExplorerNode {
  private constructor(
    readonly id: string,
    readonly label: string,
    private readonly kind: 'info' | 'error',
    private readonly detail?: string,
    private readonly command?: vscode.Command,
  ) {}

  static info(id: string, label: string): MessageNode {
    return new MessageNode(id, label, 'info');
  }

  /** An error node: clicking it refreshes the tree; the detail shows as tooltip. */
  static error(id: string, message: string): MessageNode {
    return new MessageNode(id, `${message} (click to retry, see the log)`, 'error', message);
  }

  /** An error whose remedy is a command (clicking the node runs it), e.g. restarting the lab. */
  static action(id: string, message: string, command: vscode.Command): MessageNode {
    return new MessageNode(id, `${message} (click to ${command.title.toLowerCase()})`, 'error', message, command);
  }

  get isError(): boolean {
    return this.kind === 'error';
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    if (this.kind === 'error') {
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.contextValue = ContextValues.error;
      item.tooltip = this.detail;
      item.command = this.command ?? { command: 'tapeGateway.refreshExplorer', title: 'Retry' };
    } else {
      item.iconPath = new vscode.ThemeIcon('info');
      item.contextValue = ContextValues.message;
    }
    return item;
  }
}
