// The "Stacks" folder: every CloudFormation stack of the region except deleted ones, failed and rolled back included.
import * as vscode from 'vscode';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { MessageNode } from './MessageNode';
import { StackNode } from './StackNode';
import { ContextValues } from './contextValues';
import { loadChildren } from './loadChildren';

export class StacksFolderNode implements ExplorerNode {
  readonly id = 'stacks';

  constructor(private readonly context: ExplorerContext) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Stacks', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = ContextValues.stacksFolder;
    return item;
  }

  getChildren(signal: AbortSignal): Promise<ExplorerNode[]> {
    return loadChildren(this.id, this.context.log, 'stacks', async () => {
      const stacks = await this.context.stacks.listStacks(signal);
      if (stacks.length === 0) return [MessageNode.info('stacks/empty', 'No stacks yet: run "Deploy Stack" to create the gateway and client instances.')];
      // Nested stacks appear under their parent, as the CloudFormation console shows them.
      return stacks.filter((s) => s.parentId === undefined || !stacks.some((parent) => parent.stackId === s.parentId)).map((s) => new StackNode(s, this.context, stacks));
    });
  }
}
