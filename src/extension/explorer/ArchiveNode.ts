// The archive (virtual tape shelf) seen from a gateway: archived, retrieving and retrieved tapes of the account and region.
import * as vscode from 'vscode';
import type { ArchivedTape } from '../../tape/model';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { MessageNode } from './MessageNode';
import { tapeStatusIcon } from './TapeNode';
import { ContextValues } from './contextValues';
import { formatBytes, loadChildren } from './loadChildren';

export class ArchivedTapeNode implements ExplorerNode {
  readonly id: string;
  readonly transitional: boolean;

  constructor(
    parentId: string,
    readonly tape: ArchivedTape,
    /** The gateway whose Archive node shows this tape (retrieve target by default). */
    readonly gatewayArn: string,
  ) {
    this.id = `${parentId}/${tape.barcode}`;
    this.transitional = tape.status === 'RETRIEVING';
  }

  toTreeItem(): vscode.TreeItem {
    const t = this.tape;
    const item = new vscode.TreeItem(t.barcode, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const retrievedTo = t.retrievedTo ? ` to ${t.retrievedTo.split('/').pop()}` : '';
    item.description = [`${t.status}${retrievedTo}`, `${t.usedInBytes === undefined ? '' : `${formatBytes(t.usedInBytes)} of `}${formatBytes(t.sizeInBytes)}`, t.poolId, t.worm ? 'WORM' : undefined].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(`**${t.barcode}**: ${t.status}\n\n${t.tapeArn}${t.completionTime ? `\n\nArchived ${t.completionTime.toISOString()}` : ''}\n\nArchived tapes are billed for at least 90 days.`);
    item.iconPath = t.status === 'ARCHIVED' ? new vscode.ThemeIcon('archive') : tapeStatusIcon(t.status);
    item.contextValue = ContextValues.archivedTape(t.status);
    return item;
  }
}

export class ArchiveNode implements ExplorerNode {
  readonly id: string;

  constructor(
    parentId: string,
    readonly gatewayArn: string,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${parentId}/archive`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Archive', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('archive');
    item.tooltip = 'Tapes in the virtual tape shelf (S3 Glacier or Deep Archive) of this account and region.';
    item.contextValue = ContextValues.archive;
    return item;
  }

  getChildren(signal: AbortSignal): Promise<ExplorerNode[]> {
    return loadChildren(this.id, this.context.log, 'archived tapes', async () => {
      const tapes = await this.context.storageGateway.describeTapeArchives(signal);
      if (tapes.length === 0) return [MessageNode.info(`${this.id}/none`, 'No archived tapes. A tape is archived when it is moved to an import/export slot.')];
      return tapes.map((t) => new ArchivedTapeNode(this.id, t, this.gatewayArn));
    });
  }
}
