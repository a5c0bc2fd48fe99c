// A gateway's virtual tape library: import/export and storage slots from the changer, full slots first, empty ranges collapsed.
import * as vscode from 'vscode';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { DetailNode } from './DetailNode';
import { MessageNode } from './MessageNode';
import { ContextValues } from './contextValues';
import { describeRange, groupLibrarySlots, type SlotGroup } from './library/groupLibrarySlots';
import { slotsOfMtxStatus } from './library/librarySlots';
import type { TapeSummary } from '../../tape/model';
import { loadChildren } from './loadChildren';

export class LibraryNode implements ExplorerNode {
  readonly id: string;

  constructor(
    parentId: string,
    readonly gatewayArn: string,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${parentId}/library`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Library', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('library');
    item.contextValue = ContextValues.library;
    item.tooltip = '1,600 storage slots (1–1600) and 1,600 import/export slots (1601–3200); moving a tape to an import/export slot archives it.';
    return item;
  }

  getChildren(signal: AbortSignal): Promise<ExplorerNode[]> {
    return loadChildren(this.id, this.context.log, 'library slots', async () => {
      const reading = await this.context.library.read(this.gatewayArn, signal);
      if (reading.status) return groupLibrarySlots(slotsOfMtxStatus(reading.status)).map((group) => this.groupNode(group));
      return this.fromTapeList(reading.tapes, reading.problem ?? '');
    });
  }

  private groupNode(group: SlotGroup): ExplorerNode {
    const id = `${this.id}/${group.kind}`;
    const emptyCount = group.empty.reduce((n, r) => n + r.last - r.first + 1, 0);
    return new DetailNode(id, `${group.label} ${group.first}–${group.last}`, {
      description: `${group.full.length} full, ${emptyCount} empty`,
      contextValue: ContextValues.slotGroup,
      icon: new vscode.ThemeIcon(group.kind === 'importExport' ? 'arrow-swap' : 'archive'),
      expanded: group.full.length > 0,
      children: async () => [
        ...group.full.map((s) => new DetailNode(`${id}/${s.slot}`, `Slot ${s.slot}`, { description: s.barcode, contextValue: ContextValues.slot, icon: new vscode.ThemeIcon('circle-filled') })),
        ...group.empty.map((r) => new DetailNode(`${id}/empty-${r.first}`, describeRange(r), { description: 'empty', contextValue: ContextValues.slot, icon: new vscode.ThemeIcon('circle-outline') })),
      ],
    });
  }

  /** Without the changer's element status, DescribeTapes still tells which drive holds which tape. */
  private fromTapeList(tapes: readonly TapeSummary[], problem: string): ExplorerNode[] {
    const inDrives = tapes.filter((t) => t.vtlDevice);
    const inSlots = tapes.filter((t) => !t.vtlDevice);
    const driveOf = (arn: string) => Number(/_TAPEDRIVE_(\d+)$/.exec(arn)?.[1] ?? 1) - 1;
    return [
      ...inDrives.map((t) => new DetailNode(`${this.id}/drive-${t.barcode}`, `Drive ${driveOf(t.vtlDevice ?? '')}`, { description: t.barcode, contextValue: ContextValues.slot, icon: new vscode.ThemeIcon('record') })),
      MessageNode.info(`${this.id}/slots-unknown`, `${inSlots.length} tape(s) in slots. ${problem}`),
    ];
  }
}
