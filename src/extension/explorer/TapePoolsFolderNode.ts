// The "Tape Pools" folder: custom pools with storage class and retention lock (GLACIER and DEEP_ARCHIVE are built in).
import * as vscode from 'vscode';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { DetailNode } from './DetailNode';
import { MessageNode } from './MessageNode';
import { ContextValues } from './contextValues';
import { loadChildren } from './loadChildren';

export class TapePoolsFolderNode implements ExplorerNode {
  readonly id = 'pools';

  constructor(private readonly context: ExplorerContext) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Tape Pools', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('folder-library');
    item.contextValue = ContextValues.poolsFolder;
    return item;
  }

  getChildren(signal: AbortSignal): Promise<ExplorerNode[]> {
    return loadChildren(this.id, this.context.log, 'tape pools', async () => {
      const pools = await this.context.storageGateway.listTapePools(signal);
      if (pools.length === 0) return [MessageNode.info('pools/none', 'No custom pools; tapes archive to the built-in GLACIER or DEEP_ARCHIVE pools.')];
      return pools.map(
        (p) =>
          new PoolNode(`pools/${p.poolId}`, p.name, {
            description: `${p.poolId} · ${p.storageClass}${p.retentionLockType === 'NONE' ? '' : ` · ${p.retentionLockType} lock ${p.retentionLockTimeInDays} days`}`,
            tooltip: p.poolArn,
            contextValue: ContextValues.pool,
            icon: new vscode.ThemeIcon(p.retentionLockType === 'NONE' ? 'folder' : 'lock'),
          }, p.poolArn),
      );
    });
  }
}

export class PoolNode extends DetailNode {
  constructor(id: string, label: string, options: ConstructorParameters<typeof DetailNode>[2], readonly poolArn: string) {
    super(id, label, options);
  }
}
