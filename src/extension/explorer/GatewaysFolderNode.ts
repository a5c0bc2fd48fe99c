// The "Gateways" folder: lists the account's gateways in the region, or says why it cannot.
import * as vscode from 'vscode';
import type { AwsClients } from '../../aws/AwsClients';
import { AwsFailure } from '../../aws/AwsFailure';
import { StorageGatewayApi } from '../../aws/StorageGatewayApi';
import type { ExplorerNode } from './ExplorerNode';
import { GatewayNode } from './GatewayNode';
import { MessageNode } from './MessageNode';
import { ContextValues } from './contextValues';

export class GatewaysFolderNode implements ExplorerNode {
  readonly id = 'gateways';

  constructor(
    private readonly clients: AwsClients,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Gateways', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('server');
    item.contextValue = ContextValues.gatewaysFolder;
    return item;
  }

  async getChildren(signal: AbortSignal): Promise<ExplorerNode[]> {
    try {
      const gateways = await new StorageGatewayApi(this.clients).listGateways(signal);
      if (gateways.length === 0) return [MessageNode.info('gateways:empty', 'No gateways yet in this region.')];
      return gateways.map((g) => new GatewayNode(g));
    } catch (error) {
      const failure = error instanceof AwsFailure ? error : undefined;
      this.log.error(failure ? failure.logLine() : `ListGateways failed: ${String(error)}`);
      return [MessageNode.error('gateways:error', failure ? failure.userMessage : 'Could not list gateways.')];
    }
  }
}
