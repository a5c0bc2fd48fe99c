// A gateway's tapes, one DescribeTapes page at a time with a "load more" node; polled while a tape is transitional.
import * as vscode from 'vscode';
import type { TapeSummary } from '../../tape/model';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { MessageNode } from './MessageNode';
import { TapeNode } from './TapeNode';
import { ContextValues } from './contextValues';
import { loadChildren } from './loadChildren';

export class LoadMoreNode implements ExplorerNode {
  readonly id: string;

  constructor(readonly owner: TapesNode) {
    this.id = `${owner.id}/load-more`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = ContextValues.loadMore;
    item.command = { command: 'tapeGateway.loadMoreTapes', title: 'Load more', arguments: [this] };
    return item;
  }
}

export class TapesNode implements ExplorerNode {
  readonly id: string;
  /** How many pages the user has asked for; a refresh reloads that many. */
  private pages = 1;

  constructor(
    parentId: string,
    readonly gatewayArn: string,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${parentId}/tapes`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Tapes', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('files');
    item.contextValue = ContextValues.tapes;
    return item;
  }

  /** Asks for one more page on the next load. */
  loadMore(): void {
    this.pages += 1;
  }

  getChildren(signal: AbortSignal): Promise<ExplorerNode[]> {
    return loadChildren(this.id, this.context.log, 'tapes', async () => {
      const tapes: TapeSummary[] = [];
      let marker: string | undefined;
      for (let page = 0; page < this.pages; page += 1) {
        const result = await this.context.storageGateway.describeTapesPage(this.gatewayArn, marker, this.context.tapePageSize(), signal);
        tapes.push(...result.tapes);
        marker = result.marker;
        if (!marker) break;
      }
      if (tapes.length === 0) return [MessageNode.info(`${this.id}/none`, 'No tapes: run "Create Tapes" (configure a cache disk first).')];
      const nodes: ExplorerNode[] = tapes.map((t) => new TapeNode(this.id, t, this.gatewayArn));
      if (marker) nodes.push(new LoadMoreNode(this));
      return nodes;
    });
  }
}
