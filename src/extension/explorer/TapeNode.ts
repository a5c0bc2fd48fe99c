// A tape in a gateway's library: barcode, status, size, used, pool and WORM; its contextValue carries the status.
import * as vscode from 'vscode';
import { isTransitionalTapeStatus, type TapeSummary } from '../../tape/model';
import type { ExplorerNode } from './ExplorerNode';
import { ContextValues } from './contextValues';
import { formatBytes } from './loadChildren';

export function tapeStatusIcon(status: string): vscode.ThemeIcon {
  if (isTransitionalTapeStatus(status)) return new vscode.ThemeIcon('sync~spin');
  if (status === 'AVAILABLE') return new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (status === 'IRRECOVERABLE') return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  if (status === 'RETRIEVED' || status === 'RECOVERED') return new vscode.ThemeIcon('lock');
  return new vscode.ThemeIcon('circle-outline');
}

export class TapeNode implements ExplorerNode {
  readonly id: string;
  readonly transitional: boolean;

  constructor(
    parentId: string,
    readonly tape: TapeSummary,
    readonly gatewayArn: string,
  ) {
    this.id = `${parentId}/${tape.barcode}`;
    this.transitional = isTransitionalTapeStatus(tape.status);
  }

  toTreeItem(): vscode.TreeItem {
    const t = this.tape;
    const item = new vscode.TreeItem(t.barcode, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const used = t.usedInBytes === undefined ? '' : `${formatBytes(t.usedInBytes)} of `;
    item.description = [t.status + (t.progress !== undefined && this.transitional ? ` ${Math.round(t.progress)}%` : ''), `${used}${formatBytes(t.sizeInBytes)}`, t.poolId, t.worm ? 'WORM' : undefined].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(`**${t.barcode}**: ${t.status}\n\n${t.tapeArn}${t.vtlDevice ? `\n\nLoaded in ${t.vtlDevice.split('/').pop()}` : ''}`);
    item.iconPath = tapeStatusIcon(t.status);
    item.contextValue = ContextValues.tape(t.status);
    return item;
  }
}
