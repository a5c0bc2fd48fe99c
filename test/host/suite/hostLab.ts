// For host tests: a lab started by the test, with the tape gateway stack deployed (its client is the Session Manager target), joined by the extension through tapeGateway.lab.endpoint.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AwsClients } from '../../../src/aws/AwsClients';
import { SsmApi } from '../../../src/aws/SsmApi';
import type { TapeGatewayApi } from '../../../src/extension/api';
import { startLab, type RunningLab } from '../../../src/lab';
import { eventually } from '../../eventually';

export const EXTENSION_ID = 'tape-gateway-lab.tape-gateway-vscode';
const STACK_NAME = 'tapegw-host-test';

export async function extensionApi(): Promise<TapeGatewayApi> {
  const extension = vscode.extensions.getExtension<TapeGatewayApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

export function shippedTemplate(): string {
  return readFileSync(join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'templates', 'tape-gateway.yaml'), 'utf8');
}

export interface HostLab {
  readonly lab: RunningLab;
  readonly api: SsmApi;
  /** The stack's SSM-managed client instance (Online). */
  readonly clientId: string;
  stop(): Promise<void>;
}

/** Starts a lab, deploys templates/tape-gateway.yaml with CreateStack, waits for its client to be Online in SSM, and points the extension at the lab. */
export async function joinHostLab(parameters: Readonly<Record<string, string>> = {}): Promise<HostLab> {
  const stateDir = await mkdtemp(join(tmpdir(), 'host-lab-'));
  const lab = await startLab({ port: 0, stateDir, timeScale: 0 });
  const clients = new AwsClients({ kind: 'lab', endpoint: lab.endpoint, region: lab.region, accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey });
  const api = new SsmApi(clients);
  const stop = async () => {
    clients.dispose();
    await lab.stop();
    await rm(stateDir, { recursive: true, force: true });
  };
  let clientId: string;
  try {
    clientId = await deployStack(clients, api, parameters);
  } catch (error) {
    await stop();
    throw error;
  }
  const exports = await extensionApi();
  if (exports.connectionState().kind !== 'none') await vscode.commands.executeCommand('tapeGateway.disconnect');
  await vscode.workspace.getConfiguration('tapeGateway.lab').update('endpoint', lab.endpoint, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('tapeGateway.startLocalLab');
  return {
    lab,
    api,
    clientId,
    async stop() {
      await vscode.commands.executeCommand('tapeGateway.disconnect');
      await vscode.workspace.getConfiguration('tapeGateway.lab').update('endpoint', undefined, vscode.ConfigurationTarget.Global);
      await stop();
    },
  };
}

async function deployStack(clients: AwsClients, api: SsmApi, parameters: Readonly<Record<string, string>>): Promise<string> {
  const { CreateStackCommand, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const cloudFormation = await clients.cloudFormation();
  await cloudFormation.send(new CreateStackCommand({ StackName: STACK_NAME, TemplateBody: shippedTemplate(), Capabilities: ['CAPABILITY_IAM'], Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })) }));
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: STACK_NAME }))).Stacks?.[0];
    const clientId = stack?.Outputs?.find((output) => output.OutputKey === 'ClientInstanceId')?.OutputValue;
    if (stack?.StackStatus === 'CREATE_COMPLETE' && clientId && (await api.listManagedInstances()).some((i) => i.instanceId === clientId && i.pingStatus === 'Online')) return clientId;
    if (stack?.StackStatus && !stack.StackStatus.endsWith('IN_PROGRESS') && stack.StackStatus !== 'CREATE_COMPLETE') throw new Error(`stack ${stack.StackStatus}: ${stack.StackStatusReason ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the stack client did not come online within 15 s');
}

export { eventuallyMatches } from '../../eventually';

/** Polls DescribeSessions until the session has the status (or 5 s pass) and returns the last status seen. */
export async function sessionStatusBecomes(api: SsmApi, sessionId: string, wanted: string): Promise<string> {
  return eventually(`session ${sessionId} to be ${wanted}`, async () => {
    const last = await api.sessionStatus(sessionId);
    if (last === wanted) return last;
    throw new Error(`DescribeSessions says ${last ?? 'nothing'}`);
  }, 5000, 50);
}
