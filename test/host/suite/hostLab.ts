// For host tests: a lab started by the test with an emulated client host as Session Manager target, joined by the extension through tapeGateway.lab.endpoint.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AwsClients } from '../../../src/aws/AwsClients';
import { SsmSessionApi } from '../../../src/aws/SsmSessionApi';
import type { TapeGatewayApi } from '../../../src/extension/api';
import { startLab, type RunningLab } from '../../../src/lab';
import { createClientHost, type EmulatedClientHost } from '../../../src/lab/shell/createClientHost';

export const EXTENSION_ID = 'tape-gateway-lab.tape-gateway-vscode';
export const CLIENT_INSTANCE_ID = 'i-0205370d5c210e708';

export async function extensionApi(): Promise<TapeGatewayApi> {
  const extension = vscode.extensions.getExtension<TapeGatewayApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

export interface HostLab {
  readonly lab: RunningLab;
  readonly api: SsmSessionApi;
  /** CreateStack of templates/tape-gateway.yaml; resolves with the client instance id once it is Online in SSM. */
  deployStack(templateBody: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Until stacks create client hosts on main, the test gives the lab its client host through startLab's
 * resolveClientHost hook (a test-only path), then points the extension at that lab.
 */
export async function joinHostLab(): Promise<HostLab> {
  const stateDir = await mkdtemp(join(tmpdir(), 'host-lab-'));
  const hosts = new Map<string, EmulatedClientHost>();
  const lab: RunningLab = await startLab({
    port: 0,
    stateDir,
    timeScale: 0,
    resolveClientHost: (id) => hosts.get(id),
    // Stack instances with an SSM role become emulated clients, as the lead's stack wiring will do on main.
    instanceHooks: {
      createClientHost: (instance, packages, files) => {
        const client = createClientHost({ instanceId: instance.instanceId, hostname: instance.privateDnsName, privateIp: instance.privateIp, os: instance.image.platformVersion === '2' ? 'al2' : 'al2023', installedPackages: packages, stateDir: join(stateDir, instance.instanceId), libraries: lab.libraries, network: lab.network });
        for (const file of files) client.environment.fs.writeFile(file.path, '/', Buffer.from(file.content), 'root');
        hosts.set(instance.instanceId, client);
        return client;
      },
    },
  });
  const host = createClientHost({ instanceId: CLIENT_INSTANCE_ID, hostname: 'ip-10-0-1-25.ec2.internal', privateIp: '10.0.1.25', os: 'al2', stateDir: join(stateDir, 'client'), libraries: lab.libraries, network: lab.network });
  hosts.set(CLIENT_INSTANCE_ID, host);
  const clients = new AwsClients({ kind: 'lab', endpoint: lab.endpoint, region: lab.region, accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey });
  const api = new SsmSessionApi(clients);
  const exports = await extensionApi();
  if (exports.connectionState().kind !== 'none') await vscode.commands.executeCommand('tapeGateway.disconnect');
  await vscode.workspace.getConfiguration('tapeGateway.lab').update('endpoint', lab.endpoint, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('tapeGateway.startLocalLab');
  return {
    lab,
    api,
    async deployStack(templateBody) {
      const { CreateStackCommand, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
      const cloudFormation = await clients.cloudFormation();
      await cloudFormation.send(new CreateStackCommand({ StackName: 'tapegw-host-test', TemplateBody: templateBody, Capabilities: ['CAPABILITY_IAM'] }));
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'tapegw-host-test' }))).Stacks?.[0];
        const clientId = stack?.Outputs?.find((output) => output.OutputKey === 'ClientInstanceId')?.OutputValue;
        if (stack?.StackStatus === 'CREATE_COMPLETE' && clientId && (await api.listManagedInstances()).some((i) => i.instanceId === clientId && i.pingStatus === 'Online')) return clientId;
        if (stack?.StackStatus && !stack.StackStatus.endsWith('IN_PROGRESS') && stack.StackStatus !== 'CREATE_COMPLETE') throw new Error(`stack ${stack.StackStatus}: ${stack.StackStatusReason ?? ''}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the stack client did not come online within 10 s');
    },
    async stop() {
      await vscode.commands.executeCommand('tapeGateway.disconnect');
      await vscode.workspace.getConfiguration('tapeGateway.lab').update('endpoint', undefined, vscode.ConfigurationTarget.Global);
      clients.dispose();
      for (const client of hosts.values()) client.close();
      await lab.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when read() matches, rejects after timeoutMs with what was read (never hangs). */
export function eventually(read: () => string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const text = read();
      if (pattern.test(text)) return resolve(text);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(text.slice(-500))}`));
      setTimeout(check, 25);
    };
    check();
  });
}

/** Polls DescribeSessions until the session has the status (or 5 s pass) and returns the last status seen. */
export async function sessionStatusBecomes(api: SsmSessionApi, sessionId: string, wanted: string): Promise<string | undefined> {
  let status: string | undefined;
  for (let attempt = 0; attempt < 100 && status !== wanted; attempt += 1) {
    status = await api.sessionStatus(sessionId);
    if (status !== wanted) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return status;
}
