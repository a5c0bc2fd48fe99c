// A gateway's 10 tape drives from DescribeVTLDevices, with the barcode of the tape loaded in each (DescribeTapes' VTLDevice).
import * as vscode from 'vscode';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { DetailNode } from './DetailNode';
import { ContextValues } from './contextValues';
import { loadChildren } from './loadChildren';

export class DrivesNode implements ExplorerNode {
  readonly id: string;

  constructor(
    parentId: string,
    readonly gatewayArn: string,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${parentId}/drives`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Drives', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('record');
    item.contextValue = ContextValues.drives;
    return item;
  }

  getChildren(signal: AbortSignal): Promise<ExplorerNode[]> {
    return loadChildren(this.id, this.context.log, 'tape drives', async () => {
      const [devices, tapes] = await Promise.all([this.context.storageGateway.describeVtlDevices(this.gatewayArn, signal), this.context.storageGateway.describeAllTapes(this.gatewayArn, signal)]);
      const loaded = new Map(tapes.filter((t) => t.vtlDevice).map((t) => [t.vtlDevice, t.barcode]));
      return devices
        .filter((d) => d.driveNumber !== undefined)
        .sort((a, b) => (a.driveNumber ?? 0) - (b.driveNumber ?? 0))
        .map((d) => {
          const barcode = loaded.get(d.arn);
          // mtx numbers drives from 0 (Data Transfer Element 0 = TAPEDRIVE_00001).
          const mtxIndex = (d.driveNumber ?? 1) - 1;
          return new DetailNode(`${this.id}/${d.driveNumber}`, `Drive ${mtxIndex}`, {
            description: barcode ? `${barcode} loaded` : 'empty',
            tooltip: `${d.vendor} ${d.product} · ${d.targetArn ?? d.arn}`,
            contextValue: ContextValues.drive(Boolean(barcode)),
            icon: new vscode.ThemeIcon(barcode ? 'record' : 'circle-large-outline'),
          });
        });
    });
  }
}
