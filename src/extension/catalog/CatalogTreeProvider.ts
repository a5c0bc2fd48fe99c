// The Catalog view: per gateway its tapes, per tape its archives, and per archive its files.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../ExtensionServices';
import type { CatalogHit, TapeEntry } from './CatalogIndex';
import type { ArchiveRecord } from './catalogRecords';
import { catalogOf, connectionScope } from './catalogOf';

/** Files listed under an archive before a "… more" line; Find on Tape reaches the rest. */
const FILES_SHOWN = 500;

export type CatalogNode =
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'gateway'; readonly gatewayArn: string; readonly tapes: readonly TapeEntry[] }
  | { readonly kind: 'tape'; readonly tape: TapeEntry }
  | { readonly kind: 'archive'; readonly record: ArchiveRecord }
  | { readonly kind: 'file'; readonly hit: CatalogHit }
  | { readonly kind: 'more'; readonly count: number };

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function hitsOfArchive(record: ArchiveRecord): CatalogHit[] {
  return record.members.map((member) => ({ barcode: record.barcode, gatewayArn: record.gatewayArn, archive: record.archive, blockSize: record.blockSize, writtenAt: record.writtenAt, member }));
}

class CatalogTreeProvider implements vscode.TreeDataProvider<CatalogNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CatalogNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly services: ExtensionServices) {
    this.subscriptions = [services.connection.onDidChange(() => this.refresh()), services.workflows.onDidChange(() => this.refresh())];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: CatalogNode): Promise<CatalogNode[]> {
    if (!node) {
      if (this.services.connection.state.kind !== 'connected') return [{ kind: 'message', text: 'Connect to the lab or to AWS to see what was written to tape.' }];
      const journals = await catalogOf(this.services).inScope(connectionScope(this.services));
      const tapes = journals.flatMap((journal) => journal.index.allTapes());
      if (tapes.length === 0) return [{ kind: 'message', text: 'Nothing catalogued yet: Write Files to Tape records what it writes, Rebuild Catalog from Tape reads older tapes.' }];
      // A tape goes under the gateway its newest archive was written through.
      const byGateway = new Map<string, TapeEntry[]>();
      for (const tape of tapes) {
        const newest = [...tape.archives.values()].sort((a, b) => b.writtenAt - a.writtenAt)[0];
        const arn = newest?.gatewayArn ?? '';
        byGateway.set(arn, [...(byGateway.get(arn) ?? []), tape]);
      }
      return [...byGateway].sort((a, b) => a[0].localeCompare(b[0])).map(([gatewayArn, grouped]) => ({ kind: 'gateway', gatewayArn, tapes: grouped }));
    }
    if (node.kind === 'gateway') return node.tapes.map((tape) => ({ kind: 'tape', tape }));
    if (node.kind === 'tape') return [...node.tape.archives.values()].sort((a, b) => a.archive - b.archive).map((record) => ({ kind: 'archive', record }));
    if (node.kind === 'archive') {
      const hits = hitsOfArchive(node.record);
      const shown: CatalogNode[] = hits.slice(0, FILES_SHOWN).map((hit) => ({ kind: 'file', hit }));
      return hits.length > FILES_SHOWN ? [...shown, { kind: 'more', count: hits.length - FILES_SHOWN }] : shown;
    }
    return [];
  }

  getTreeItem(node: CatalogNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      case 'more': {
        const item = new vscode.TreeItem(`… ${node.count.toLocaleString('en-US')} more files`, vscode.TreeItemCollapsibleState.None);
        item.command = { command: 'tapeGateway.findOnTape', title: 'Find on Tape…' };
        return item;
      }
      case 'gateway': {
        const item = new vscode.TreeItem(node.gatewayArn.split('/').pop() ?? node.gatewayArn, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `catalog-gateway:${node.gatewayArn}`;
        item.description = `${node.tapes.length} tape${node.tapes.length === 1 ? '' : 's'}`;
        item.tooltip = node.gatewayArn;
        item.iconPath = new vscode.ThemeIcon('server');
        item.contextValue = 'catalogGateway';
        return item;
      }
      case 'tape': {
        const archives = [...node.tape.archives.values()];
        const files = archives.reduce((sum, record) => sum + record.members.length, 0);
        const item = new vscode.TreeItem(node.tape.barcode, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `catalog:${node.tape.barcode}`;
        item.description = `${archives.length} archive${archives.length === 1 ? '' : 's'} · ${files.toLocaleString('en-US')} files`;
        item.tooltip = `Written through ${archives[0]?.gatewayArn ?? 'an unknown gateway'}`;
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'catalogTape';
        return item;
      }
      case 'archive': {
        const { record } = node;
        const bytes = record.members.reduce((sum, member) => sum + member.size, 0);
        const item = new vscode.TreeItem(`Archive ${record.archive}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `catalog:${record.barcode}:${record.archive}`;
        item.description = `${new Date(record.writtenAt).toLocaleString()} · ${record.members.length} files · ${formatBytes(bytes)}${record.source === 'rebuild' ? ' · read back' : ''}`;
        item.tooltip = `Tape file ${record.archive} of ${record.barcode}, ${record.blockSize}-byte blocks`;
        item.iconPath = new vscode.ThemeIcon('archive');
        item.contextValue = 'catalogArchive';
        return item;
      }
      case 'file': {
        const { member } = node.hit;
        const item = new vscode.TreeItem(member.path.split('/').filter(Boolean).pop() ?? member.path, vscode.TreeItemCollapsibleState.None);
        item.id = `catalog:${node.hit.barcode}:${node.hit.archive}:${member.path}`;
        item.description = `${member.path} · ${formatBytes(member.size)}`;
        item.tooltip = `${member.path}\n${member.owner} ${member.mode.toString(8)} · modified ${new Date(member.mtime).toLocaleString()}${member.sha256 ? `\nSHA-256 ${member.sha256}` : ''}`;
        item.iconPath = new vscode.ThemeIcon(member.type === 'directory' ? 'folder' : 'file');
        item.contextValue = 'catalogFile';
        return item;
      }
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

const providers = new WeakMap<ExtensionServices, CatalogTreeProvider>();

/** Registers the Catalog view (called once from the composition root). */
export function registerCatalogView(services: ExtensionServices): vscode.Disposable[] {
  const provider = new CatalogTreeProvider(services);
  providers.set(services, provider);
  return [provider, vscode.window.createTreeView('tapeGateway.catalog', { treeDataProvider: provider, showCollapseAll: true })];
}

export function refreshCatalogView(services: ExtensionServices): void {
  providers.get(services)?.refresh();
}
