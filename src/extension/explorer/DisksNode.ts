// A gateway's local disks: allocation (cache, upload buffer, available) and size, from ListLocalDisks.
import * as vscode from 'vscode';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { DetailNode } from './DetailNode';
import { MessageNode } from './MessageNode';
import { ContextValues } from './contextValues';
import { formatBytes, loadChildren } from './loadChildren';

const ALLOCATION_LABELS: Record<string, string> = { CACHE_STORAGE: 'cache', UPLOAD_BUFFER: 'upload buffer', AVAILABLE: 'not allocated' };

export class DisksNode implements ExplorerNode {
  readonly id: string;

  constructor(
    parentId: string,
    readonly gatewayArn: string,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${parentId}/disks`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Disks', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = ContextValues.disks;
    return item;
  }

  getChildren(signal: AbortSignal): Promise<ExplorerNode[]> {
    return loadChildren(this.id, this.context.log, 'local disks', async () => {
      const disks = await this.context.storageGateway.listLocalDisks(this.gatewayArn, signal);
      if (disks.length === 0) return [MessageNode.info(`${this.id}/none`, 'No local disks: attach EBS volumes to the gateway instance.')];
      return disks.map(
        (d) =>
          new DetailNode(`${this.id}/${d.diskId}`, d.path ?? d.diskId, {
            description: `${ALLOCATION_LABELS[d.allocationType] ?? d.allocationType} · ${formatBytes(d.sizeInBytes)}`,
            tooltip: `Disk id ${d.diskId}${d.node ? ` · node ${d.node}` : ''} · status ${d.status ?? 'unknown'}`,
            contextValue: ContextValues.disk(d.allocationType),
            icon: new vscode.ThemeIcon(d.allocationType === 'AVAILABLE' ? 'circle-outline' : 'database'),
          }),
      );
    });
  }
}
