// A CloudFormation stack: its status with an icon for every kind of status, and Outputs, Resources and Events below.
import * as vscode from 'vscode';
import { isTransitionalStackStatus, stackHealth, type StackSummary } from '../../tape/model';
import { DetailNode } from './DetailNode';
import type { ExplorerContext } from './ExplorerContext';
import type { ExplorerNode } from './ExplorerNode';
import { MessageNode } from './MessageNode';
import { ContextValues } from './contextValues';
import { loadChildren } from './loadChildren';

const RECENT_EVENTS = 25;

function stackStatusIcon(status: string): vscode.ThemeIcon {
  switch (stackHealth(status)) {
    case 'inProgress':
      return new vscode.ThemeIcon('sync~spin');
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    case 'rolledBack':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'deleted':
      return new vscode.ThemeIcon('trash');
    case 'complete':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  }
}

/** The stack's client instance (output ClientInstanceId): "Open Session Terminal" runs from it (contextValue clientInstance). */
class ClientInstanceNode extends DetailNode {
  constructor(
    id: string,
    readonly instanceId: string,
  ) {
    super(id, 'ClientInstanceId', { description: instanceId, tooltip: 'SSM-managed client instance: iscsiadm, mt, mtx. Open a terminal on it from the context menu.', contextValue: ContextValues.clientInstance, icon: new vscode.ThemeIcon('vm') });
  }
}

export class StackNode implements ExplorerNode {
  readonly id: string;
  readonly transitional: boolean;

  constructor(
    readonly stack: StackSummary,
    private readonly context: ExplorerContext,
    /** Every listed stack, to find this one's nested stacks. */
    private readonly allStacks: readonly StackSummary[] = [],
  ) {
    this.id = `stack:${stack.stackId}`;
    this.transitional = isTransitionalStackStatus(stack.status);
  }

  toTreeItem(): vscode.TreeItem {
    const s = this.stack;
    const item = new vscode.TreeItem(s.stackName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = s.status;
    item.tooltip = new vscode.MarkdownString(`**${s.stackName}**: ${s.status}${s.statusReason ? `\n\n${s.statusReason}` : ''}\n\n${s.stackId}`);
    item.iconPath = stackStatusIcon(s.status);
    item.contextValue = ContextValues.stack(s.status);
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const name = this.stack.stackName;
    const section = (key: string, label: string, icon: string, load: (signal: AbortSignal) => Promise<ExplorerNode[]>) =>
      new DetailNode(`${this.id}/${key}`, label, { contextValue: ContextValues.stackSection, icon: new vscode.ThemeIcon(icon), children: (signal) => loadChildren(`${this.id}/${key}`, this.context.log, label.toLowerCase(), () => load(signal)) });
    const nested = this.allStacks.filter((s) => s.parentId === this.stack.stackId);
    return [
      ...(nested.length === 0 ? [] : [new DetailNode(`${this.id}/nested`, 'Nested stacks', { contextValue: ContextValues.stackSection, icon: new vscode.ThemeIcon('layers'), description: String(nested.length), children: () => Promise.resolve(nested.map((s) => new StackNode(s, this.context, this.allStacks))) })]),
      section('outputs', 'Outputs', 'output', async (signal) => {
        const { outputs } = await this.context.stacks.describeStack(name, signal);
        if (outputs.length === 0) return [MessageNode.info(`${this.id}/outputs/none`, 'No outputs (yet).')];
        return outputs.map((o) => o.key === 'ClientInstanceId' ? new ClientInstanceNode(`${this.id}/outputs/${o.key}`, o.value) : new DetailNode(`${this.id}/outputs/${o.key}`, o.key, { description: o.value, tooltip: o.description ? `${o.description}\n\n${o.value}` : o.value, contextValue: ContextValues.stackItem, icon: new vscode.ThemeIcon('symbol-constant') }));
      }),
      section('resources', 'Resources', 'symbol-class', async (signal) => {
        const resources = await this.context.stacks.listResources(name, signal);
        return resources.map((r) => new DetailNode(`${this.id}/resources/${r.logicalId}`, r.logicalId, { description: `${r.type} · ${r.status}`, tooltip: [r.physicalId, r.statusReason].filter(Boolean).join('\n\n') || undefined, contextValue: ContextValues.stackItem, icon: stackStatusIcon(r.status), transitional: isTransitionalStackStatus(r.status) }));
      }),
      section('events', 'Recent events', 'history', async (signal) => {
        const events = await this.context.stacks.recentEvents(name, RECENT_EVENTS, signal);
        return events.map((e) => new DetailNode(`${this.id}/events/${e.eventId}`, `${e.logicalId} ${e.status}`, { description: e.timestamp.toLocaleTimeString(), tooltip: e.statusReason ?? e.type, contextValue: ContextValues.stackItem, icon: stackStatusIcon(e.status) }));
      }),
    ];
  }
}
