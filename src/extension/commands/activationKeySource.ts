// Gets a gateway's activation key the way it is done on AWS (and so on the lab): curl on the stack's client instance through SSM Run Command.
import type { AwsClients } from '../../aws/AwsClients';
import { SsmApi } from '../../aws/SsmApi';
import type { ExtensionServices } from '../ExtensionServices';
import type { Apis } from './commandTargets';
import { argsOf, Cancelled } from './commandTargets';

const ACTIVATION_KEY_PATTERN = /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/;

export interface ActivationKey {
  readonly key: string;
  /** Where it came from, for the gateway's default name and the log. */
  readonly source: string;
}

/** The key is the body of `GET /?activationRegion=R&gatewayType=VTL&no_redirect`, or the last query member of a 302's Location. */
function keyFromActivationResponse(status: number, location: string | null, body: string): string {
  const text = status >= 300 && status < 400 && location ? (/activationKey=([A-Z0-9-]+)/.exec(location)?.[1] ?? '') : body.trim();
  if (!ACTIVATION_KEY_PATTERN.test(text)) throw new Error(`The gateway answered its activation page without a key (HTTP ${status}). Check that it is running and not yet activated, then retry.`);
  return text;
}

async function keyThroughClient(services: ExtensionServices, apis: Apis, target: unknown, signal?: AbortSignal): Promise<ActivationKey> {
  const args = argsOf(target);
  const stacks = (await apis.stacks.listStacks()).filter((s) => s.status === 'CREATE_COMPLETE' || s.status === 'UPDATE_COMPLETE');
  const stackName = typeof args.stackName === 'string' ? args.stackName : await services.prompts.pick(stacks.map((s) => ({ label: s.stackName, description: s.status, value: s.stackName })), { title: 'Activate Gateway: stack of the gateway' });
  if (!stackName) throw new Cancelled();
  const outputs = (await apis.stacks.describeStack(stackName)).outputs;
  const url = outputs.find((o) => o.key === 'ActivationUrl')?.value;
  const client = outputs.find((o) => o.key === 'ClientInstanceId')?.value;
  if (!url || !client) throw new Error(`Stack ${stackName} has no ActivationUrl and ClientInstanceId outputs; deploy templates/tape-gateway.yaml or pass the activation key yourself.`);
  await waitUntilOnline(apis.clients, client);
  // The gateway answers its activation page on port 80 only inside the VPC (the template's security group allows port 80
  // from the client's subnet), so curl runs on the client instance, never on this machine.
  const result = await new SsmApi(apis.clients).runShellScript(client, [`curl -sS --max-time 20 '${url.replace(/'/g, '')}'`], signal);
  if (result.exitCode !== 0) throw new Error(`curl on ${client} could not reach the gateway (${result.status}, exit ${result.exitCode}${result.stderr.trim() ? `: ${result.stderr.trim().split('\n')[0] ?? ''}` : ''}). Check that the gateway instance runs and its security group allows port 80 from the client.`);
  return { key: keyFromActivationResponse(200, null, result.stdout), source: stackName };
}

/** Right after CREATE_COMPLETE the client's SSM Agent may not have registered yet (SendCommand would say InvalidInstanceId). */
async function waitUntilOnline(clients: AwsClients, instanceId: string, limitMs = 5 * 60_000): Promise<void> {
  const api = new SsmApi(clients);
  const deadline = Date.now() + limitMs;
  for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
    const found = (await api.listManagedInstances()).find((instance) => instance.instanceId === instanceId);
    if (found?.pingStatus === 'Online') return;
    if (Date.now() > deadline) {
      throw new Error(`The client instance ${instanceId} is ${found ? `${found.pingStatus} in Systems Manager` : 'not registered with Systems Manager'} after ${Math.round(limitMs / 60_000)} minutes. Check that it runs and has the AmazonSSMManagedInstanceCore role, then retry.`);
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

export async function fetchActivationKey(services: ExtensionServices, apis: Apis, target: unknown): Promise<ActivationKey> {
  const given = argsOf(target).activationKey;
  if (typeof given === 'string') {
    if (!ACTIVATION_KEY_PATTERN.test(given)) throw new Error('An activation key looks like 29AV1-3OFV9-VVIUB-NKT0I-LRO6V (5 groups of 5 letters and digits).');
    return { key: given, source: 'argument' };
  }
  return keyThroughClient(services, apis, target);
}
