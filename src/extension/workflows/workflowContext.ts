// Resolves where a workflow runs (connection, gateway, client instance, library) from arguments or quick picks, and runs it with progress.
import * as vscode from 'vscode';
import type { AwsClients } from '../../aws/AwsClients';
import { SsmApi } from '../../aws/SsmApi';
import { StorageGatewayApi } from '../../aws/StorageGatewayApi';
import type { LibraryTargets } from '../../tape/libraryTargets';
import type { MtxStatus } from '../../tape/mtxStatus';
import { LibraryReader } from '../explorer/library/LibraryReader';
import { showError } from '../commands/showError';
import type { ExtensionServices } from '../ExtensionServices';
import type { TapeWorkflows } from './TapeWorkflows';
import { WorkflowError } from './TapeWorkflows';
import type { WorkflowArgs } from './workflowArgs';
import type { ConnectedLibrary, WorkflowHub } from './WorkflowHub';

/** The user closed a quick pick: the command ends quietly. */
export class Cancelled extends Error {}

export interface WorkflowContext {
  readonly hub: WorkflowHub;
  readonly clients: AwsClients;
  readonly gatewayArn: string;
  readonly clientInstanceId: string;
  readonly targets: LibraryTargets;
  readonly workflows: TapeWorkflows;
  /** Set once Connect Library has logged in through this client. */
  readonly library: ConnectedLibrary | undefined;
  /** The changer's slots and drives now, read by the library reader (`mtx status` by Run Command), as the tree and the library view read them. */
  status(): Promise<MtxStatus>;
}

const CLIENT_KEY = 'tapeGateway.workflows.clientInstance.';

export function connectedClients(services: ExtensionServices): AwsClients {
  const state = services.connection.state;
  if (state.kind !== 'connected') throw new WorkflowError('Connect to the local lab or to AWS first (Tape Gateway: Start Local Lab or Connect to AWS).');
  return state.clients;
}

/** Gateway, client and (when `requireLibrary`) a connected library, from the arguments or by asking. */
export async function resolveWorkflowContext(services: ExtensionServices, args: WorkflowArgs, requireLibrary: boolean): Promise<WorkflowContext> {
  const hub = services.workflows;
  const clients = connectedClients(services);
  const connected = hub.allLibraries();
  const gatewayArn = args.gatewayArn ?? (requireLibrary && connected.length === 1 ? connected[0]?.gatewayArn : undefined) ?? (await pickGateway(clients, requireLibrary ? connected : undefined));
  const library = hub.library(gatewayArn);
  if (requireLibrary && !library) throw new WorkflowError('Connect the library first (Tape Gateway: Connect Library), then try again.');
  const clientInstanceId = args.clientInstanceId ?? library?.clientInstanceId ?? (await pickClientInstance(services, clients, gatewayArn));
  const targets = library?.targets ?? (await new StorageGatewayApi(clients).describeLibraryTargets(gatewayArn));
  const workflows = await hub.workflows(clientInstanceId, targets);
  const reader = LibraryReader.over(clients, () => clientInstanceId);
  const status = async () => {
    const reading = await reader.read(gatewayArn, AbortSignal.timeout(120_000));
    if (!reading.status) throw new WorkflowError(reading.problem ?? 'The library status could not be read.');
    return reading.status;
  };
  return { hub, clients, gatewayArn, clientInstanceId, targets, workflows, library, status };
}

async function pickGateway(clients: AwsClients, among: readonly ConnectedLibrary[] | undefined): Promise<string> {
  const gateways = (await new StorageGatewayApi(clients).listGateways()).filter((gateway) => gateway.type === 'VTL' && (!among || among.some((library) => library.gatewayArn === gateway.gatewayArn)));
  if (gateways.length === 0) throw new WorkflowError(among ? 'No library is connected. Run Tape Gateway: Connect Library first.' : 'There is no activated tape gateway (VTL) here. Deploy the stack and activate the gateway first.');
  if (gateways.length === 1) return gateways[0]?.gatewayArn ?? '';
  const picked = await vscode.window.showQuickPick(
    gateways.map((gateway) => ({ label: gateway.name, description: gateway.gatewayId, detail: gateway.ec2InstanceId, arn: gateway.gatewayArn })),
    { title: 'Tape gateway', placeHolder: 'Which gateway’s library?' },
  );
  if (!picked) throw new Cancelled();
  return picked.arn;
}

/** SSM-managed instances that are online, except the gateway itself; remembered per gateway. */
async function pickClientInstance(services: ExtensionServices, clients: AwsClients, gatewayArn: string): Promise<string> {
  const gateway = (await new StorageGatewayApi(clients).listGateways()).find((candidate) => candidate.gatewayArn === gatewayArn);
  const instances = (await new SsmApi(clients).listManagedInstances())
    .filter((info) => info.pingStatus === 'Online' && info.instanceId !== gateway?.ec2InstanceId)
    .map((info) => ({ id: info.instanceId, name: info.computerName ?? '', platform: info.platformName ?? '' }));
  const remembered = services.context.workspaceState.get<string>(CLIENT_KEY + gatewayArn);
  if (remembered && instances.some((instance) => instance.id === remembered)) return remembered;
  if (instances.length === 0) throw new WorkflowError('No client instance is online in Session Manager. Deploy the stack (its client instance has the tape tools) and wait until the instance is Online.');
  let chosen = instances[0]?.id ?? '';
  if (instances.length > 1) {
    const picked = await vscode.window.showQuickPick(
      instances.map((instance) => ({ label: instance.id, description: instance.name, detail: instance.platform })),
      { title: 'Client instance', placeHolder: 'Which instance runs iscsiadm, mtx, mt and tar?' },
    );
    if (!picked) throw new Cancelled();
    chosen = picked.label;
  }
  await services.context.workspaceState.update(CLIENT_KEY + gatewayArn, chosen);
  return chosen;
}

/** Runs a workflow with a progress notification; shows failures as sentences; refreshes the tree and the library view after it. */
export async function runWorkflow<T>(services: ExtensionServices, title: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, work);
  } catch (error) {
    if (error instanceof Cancelled) return undefined;
    if (error instanceof WorkflowError) {
      services.log.warn(`${title}: ${error.message}${error.output ? `\n${error.output}` : ''}`);
      void vscode.window.showErrorMessage(error.message);
      return undefined;
    }
    return showError(services.log, error, title.replace(/…$/, '') + ' failed');
  } finally {
    services.workflows.changed();
    void vscode.commands.executeCommand('tapeGateway.refreshExplorer');
  }
}
