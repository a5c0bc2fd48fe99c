// The "Gateways" folder: lists the account's gateways in the region with their state and address, or says why it cannot.
import * as vscode from 'vscode';
import type { GatewayDetails } from '../../tape/model';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { GatewayNode } from './GatewayNode';
import { MessageNode } from './MessageNode';
import { ContextValues } from './contextValues';
import { loadChildren } from './loadChildren';

export class GatewaysFolderNode implements ExplorerNode {
  readonly id = 'gateways';

  constructor(private readonly context: ExplorerContext) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Gateways', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('server');
    item.contextValue = ContextValues.gatewaysFolder;
    return item;
  }

  getChildren(signal: AbortSignal): Promise<ExplorerNode[]> {
    return loadChildren(this.id, this.context.log, 'gateways', async () => {
      const gateways = await this.context.storageGateway.listGateways(signal);
      if (gateways.length === 0) return [MessageNode.info('gateways:empty', 'No gateways yet in this region: deploy a stack, then run "Activate Gateway".')];
      // DescribeGatewayInformation adds the running/shut-down state and the address; a gateway that cannot be described still shows.
      const details = await Promise.all(gateways.map((g) => this.context.storageGateway.describeGateway(g.gatewayArn, signal).catch((error: unknown): GatewayDetails | undefined => {
        this.context.log.warn(`DescribeGatewayInformation for ${g.gatewayArn} failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      })));
      return gateways.map((g, i) => new GatewayNode(g, details[i], this.context));
    });
  }
}
