// Show Library: opens (or reveals) the library webview of a gateway.
import * as vscode from 'vscode';
import { StorageGatewayApi } from '../../aws/StorageGatewayApi';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { LibraryPanel } from '../libraryView/LibraryPanel';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { Cancelled, connectedClients, runWorkflow } from '../workflows/workflowContext';
import { LibraryReader } from '../explorer/library/LibraryReader';
import { WorkflowError } from '../workflows/TapeWorkflows';

const panels = new WeakMap<ExtensionServices, Map<string, LibraryPanel>>();

export const showLibrary: TapeGatewayCommand = {
  id: 'tapeGateway.showLibrary',
  async run(services, arg) {
    const args = toWorkflowArgs(arg);
    const opened = await runWorkflow(services, 'Opening the library…', () => openPanel(services, args.gatewayArn));
    if (!opened) return undefined;
    await opened.refresh();
    return { gatewayArn: opened.gatewayArn, title: opened.panel.title, model: opened.model };
  },
};

async function openPanel(services: ExtensionServices, requested: string | undefined): Promise<LibraryPanel> {
  const clients = connectedClients(services);
  const gateways = (await new StorageGatewayApi(clients).listGateways()).filter((gateway) => gateway.type === 'VTL');
  let gateway = requested ? gateways.find((candidate) => candidate.gatewayArn === requested) : gateways.length === 1 ? gateways[0] : undefined;
  if (!gateway && !requested && gateways.length > 1) {
    const picked = await vscode.window.showQuickPick(gateways.map((candidate) => ({ label: candidate.name, description: candidate.gatewayId, gateway: candidate })), { title: 'Show library', placeHolder: 'Which gateway’s library?' });
    if (!picked) throw new Cancelled();
    gateway = picked.gateway;
  }
  if (!gateway) throw new WorkflowError('There is no activated tape gateway (VTL) here. Deploy the stack and activate the gateway first.');
  let open = panels.get(services);
  if (!open) {
    open = new Map();
    panels.set(services, open);
  }
  const existing = open.get(gateway.gatewayArn);
  if (existing) {
    existing.reveal();
    return existing;
  }
  const hub = services.workflows;
  const reader = () => LibraryReader.over(connectedClients(services), (arn) => hub.library(arn)?.clientInstanceId);
  const panel = new LibraryPanel(gateway.gatewayArn, `Library: ${gateway.name}`, hub, reader, services.log);
  const registry = open;
  registry.set(gateway.gatewayArn, panel);
  panel.onDidDispose(() => registry.delete(gateway.gatewayArn));
  services.context.subscriptions.push(panel);
  return panel;
}
