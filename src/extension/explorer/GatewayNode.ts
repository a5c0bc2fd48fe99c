// A gateway in the tree: name, type and state, with its ARN in the tooltip.
import * as vscode from 'vscode';
import type { GatewaySummary } from '../../tape/model';
import type { ExplorerNode } from './ExplorerNode';
import { ContextValues } from './contextValues';

export class GatewayNode implements ExplorerNode {
  readonly id: string;

  constructor(readonly gateway: GatewaySummary) {
    this.id = `gateway:${gateway.gatewayArn}`;
  }

  toTreeItem(): vscode.TreeItem {
    const g = this.gateway;
    const item = new vscode.TreeItem(g.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${g.gatewayId} · ${g.type} · ${g.operationalState}`;
    item.tooltip = new vscode.MarkdownString(`**${g.name}**\n\n${g.gatewayArn}\n\nType: ${g.type} · State: ${g.operationalState}${g.ec2InstanceId ? ` · Instance: ${g.ec2InstanceId}` : ''}`);
    item.iconPath = new vscode.ThemeIcon(g.operationalState === 'RUNNING' ? 'server-environment' : 'debug-pause');
    item.contextValue = ContextValues.gateway(g.operationalState);
    return item;
  }
}
