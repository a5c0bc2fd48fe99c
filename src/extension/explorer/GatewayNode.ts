// A gateway in the tree: name, state, type and address; Disks, Drives, Library, Tapes and Archive below.
import * as vscode from 'vscode';
import type { GatewayDetails, GatewaySummary } from '../../tape/model';
import { ArchiveNode } from './ArchiveNode';
import { DisksNode } from './DisksNode';
import { DrivesNode } from './DrivesNode';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { LibraryNode } from './LibraryNode';
import { MessageNode } from './MessageNode';
import { TapesNode } from './TapesNode';
import { ContextValues } from './contextValues';

export class GatewayNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly gateway: GatewaySummary,
    readonly details: GatewayDetails | undefined,
    private readonly context: ExplorerContext,
  ) {
    this.id = `gateway:${gateway.gatewayArn}`;
  }

  /** STATE_RUNNING / STATE_SHUTDOWN from DescribeGatewayInformation; DISABLED from ListGateways wins. */
  get state(): string {
    if (this.gateway.operationalState === 'DISABLED') return 'DISABLED';
    return this.details?.state ?? this.gateway.operationalState;
  }

  get running(): boolean {
    return this.state === 'STATE_RUNNING';
  }

  toTreeItem(): vscode.TreeItem {
    const g = this.gateway;
    const state = this.state.replace(/^STATE_/, '');
    const address = this.details?.ipv4Address;
    const item = new vscode.TreeItem(g.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = [state, g.type, address].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(
      `**${g.name}** (${g.gatewayId})\n\n${g.gatewayArn}\n\nType: ${g.type} · State: ${state}${address ? ` · iSCSI portal ${address}:3260` : ''}${g.ec2InstanceId ? ` · Instance: ${g.ec2InstanceId}` : ''}${this.details?.timezone ? ` · ${this.details.timezone}` : ''}`,
    );
    item.iconPath = new vscode.ThemeIcon(this.running ? 'server-environment' : this.state === 'DISABLED' ? 'circle-slash' : 'debug-pause');
    item.contextValue = ContextValues.gateway(this.state);
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    if (this.state === 'DISABLED') return [MessageNode.info(`${this.id}/disabled`, 'This gateway is disabled; its tapes can be recovered onto another gateway. Delete it when done.')];
    if (!this.running) return [MessageNode.info(`${this.id}/shutdown`, 'The gateway is shut down: run "Start Gateway" to see its disks, drives and tapes.')];
    const arn = this.gateway.gatewayArn;
    return [new DisksNode(this.id, arn, this.context), new DrivesNode(this.id, arn, this.context), new LibraryNode(this.id, arn, this.context), new TapesNode(this.id, arn, this.context), new ArchiveNode(this.id, arn, this.context)];
  }
}
