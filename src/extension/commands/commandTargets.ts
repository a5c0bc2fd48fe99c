// Finds what a command acts on: the tree node it was run from, arguments passed by another command or a test, or a quick pick.
import type { AwsClients } from '../../aws/AwsClients';
import { CloudFormationApi } from '../../aws/CloudFormationApi';
import { StorageGatewayApi } from '../../aws/StorageGatewayApi';
import type { ArchivedTape, GatewaySummary, StackSummary, TapePool, TapeSummary } from '../../tape/model';
import type { ExtensionServices } from '../ExtensionServices';
import { ArchivedTapeNode } from '../explorer/ArchiveNode';
import { GatewayNode } from '../explorer/GatewayNode';
import { StackNode } from '../explorer/StackNode';
import { PoolNode } from '../explorer/TapePoolsFolderNode';
import { TapeNode } from '../explorer/TapeNode';

/** Thrown when the user pressed Escape: commands end quietly. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled by the user.');
  }
}

/** Plain arguments a test or another command can pass instead of a tree node. */
interface CommandArgs {
  readonly gatewayArn?: string;
  readonly tapeArn?: string;
  readonly stackName?: string;
  readonly poolArn?: string;
  readonly [key: string]: unknown;
}

export function argsOf(arg: unknown): CommandArgs {
  return typeof arg === 'object' && arg !== null && !(arg instanceof GatewayNode) ? (arg as CommandArgs) : {};
}

export interface Apis {
  readonly clients: AwsClients;
  readonly storageGateway: StorageGatewayApi;
  readonly stacks: CloudFormationApi;
}

export function connectedApis(services: ExtensionServices): Apis {
  const state = services.connection.state;
  if (state.kind !== 'connected') throw new Error('Not connected: run "Tape Gateway: Start Local Lab" or "Tape Gateway: Connect to AWS…" first.');
  return { clients: state.clients, storageGateway: new StorageGatewayApi(state.clients), stacks: new CloudFormationApi(state.clients) };
}

export async function resolveGateway(services: ExtensionServices, apis: Apis, arg: unknown, title: string, filter: (g: GatewaySummary) => boolean = () => true): Promise<GatewaySummary> {
  if (arg instanceof GatewayNode) return arg.gateway;
  const wanted = argsOf(arg).gatewayArn ?? (arg instanceof TapeNode || arg instanceof ArchivedTapeNode ? arg.gatewayArn : undefined);
  const gateways = await apis.storageGateway.listGateways();
  if (wanted) {
    const found = gateways.find((g) => g.gatewayArn === wanted);
    if (!found) throw new Error(`Gateway ${wanted} was not found in ${apis.clients.endpointLabel}; refresh the Tape Gateway view and pick another.`);
    return found;
  }
  const choices = gateways.filter(filter);
  if (choices.length === 0) throw new Error(`No suitable gateway in ${apis.clients.endpointLabel}: deploy a stack and run "Activate Gateway" first.`);
  const picked = await services.prompts.pick(choices.map((g) => ({ label: g.name, description: `${g.gatewayId} · ${g.type}`, value: g })), { title, placeHolder: 'Choose a gateway' });
  if (!picked) throw new Cancelled();
  return picked;
}

export async function resolveTape(services: ExtensionServices, apis: Apis, gatewayArn: string, arg: unknown, title: string, statuses: readonly string[]): Promise<TapeSummary> {
  if (arg instanceof TapeNode) return arg.tape;
  const tapes = await apis.storageGateway.describeAllTapes(gatewayArn);
  const wanted = argsOf(arg).tapeArn;
  if (wanted) {
    const found = tapes.find((t) => t.tapeArn === wanted);
    if (!found) throw new Error(`Tape ${wanted.split('/').pop()} is not in this gateway's library; refresh the view and try again.`);
    return found;
  }
  const choices = tapes.filter((t) => statuses.includes(t.status));
  if (choices.length === 0) throw new Error(`No tape of this gateway is ${statuses.join(' or ')}; nothing to do.`);
  const picked = await services.prompts.pick(choices.map((t) => ({ label: t.barcode, description: `${t.status} · ${t.poolId ?? ''}`, value: t })), { title, placeHolder: 'Choose a tape' });
  if (!picked) throw new Cancelled();
  return picked;
}

export async function resolveArchivedTape(services: ExtensionServices, apis: Apis, arg: unknown, title: string, statuses: readonly string[]): Promise<ArchivedTape> {
  if (arg instanceof ArchivedTapeNode) return arg.tape;
  const tapes = await apis.storageGateway.describeTapeArchives();
  const wanted = argsOf(arg).tapeArn;
  if (wanted) {
    const found = tapes.find((t) => t.tapeArn === wanted);
    if (!found) throw new Error(`Tape ${wanted.split('/').pop()} is not in the archive; refresh the view and try again.`);
    return found;
  }
  const choices = tapes.filter((t) => statuses.includes(t.status));
  if (choices.length === 0) throw new Error(`No archived tape is ${statuses.join(' or ')}; nothing to do.`);
  const picked = await services.prompts.pick(choices.map((t) => ({ label: t.barcode, description: `${t.status} · ${t.poolId ?? ''}`, value: t })), { title, placeHolder: 'Choose an archived tape' });
  if (!picked) throw new Cancelled();
  return picked;
}

export async function resolveStack(services: ExtensionServices, apis: Apis, arg: unknown, title: string): Promise<StackSummary> {
  if (arg instanceof StackNode) return arg.stack;
  const stacks = await apis.stacks.listStacks();
  const wanted = argsOf(arg).stackName;
  if (wanted) {
    const found = stacks.find((s) => s.stackName === wanted);
    if (!found) throw new Error(`Stack ${wanted} was not found in ${apis.clients.endpointLabel}; refresh the view and pick another.`);
    return found;
  }
  if (stacks.length === 0) throw new Error(`No stacks in ${apis.clients.endpointLabel}: run "Deploy Stack" first.`);
  const picked = await services.prompts.pick(stacks.map((s) => ({ label: s.stackName, description: s.status, value: s })), { title, placeHolder: 'Choose a stack' });
  if (!picked) throw new Cancelled();
  return picked;
}

export async function resolvePool(services: ExtensionServices, apis: Apis, arg: unknown, title: string): Promise<TapePool> {
  const pools = await apis.storageGateway.listTapePools();
  const wanted = arg instanceof PoolNode ? arg.poolArn : argsOf(arg).poolArn;
  if (wanted) {
    const found = pools.find((p) => p.poolArn === wanted);
    if (!found) throw new Error(`Tape pool ${wanted} was not found; refresh the view and pick another.`);
    return found;
  }
  if (pools.length === 0) throw new Error('There are no custom tape pools to choose from.');
  const picked = await services.prompts.pick(pools.map((p) => ({ label: p.name, description: `${p.poolId} · ${p.storageClass}`, value: p })), { title, placeHolder: 'Choose a tape pool' });
  if (!picked) throw new Cancelled();
  return picked;
}
