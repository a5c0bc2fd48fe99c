// Shared setup of the Storage Gateway lab tests: a lab on a temp state folder, an SDK client, an activated gateway.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivateGatewayCommand, AddCacheCommand, AddUploadBufferCommand, ListLocalDisksCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { startLab, type RunningLab, type StartLabOptions } from '../../../src/lab/index';
import { eventually as sharedEventually } from '../../eventually';

export interface SgLab {
  readonly lab: RunningLab;
  readonly client: StorageGatewayClient;
  readonly stateDir: string;
}

export async function tempStateDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sg-lab-'));
}

export function clientFor(lab: RunningLab, secretAccessKey = lab.secretAccessKey): StorageGatewayClient {
  return new StorageGatewayClient({ endpoint: lab.endpoint, region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey }, maxAttempts: 1 });
}

export async function startSgLab(options: StartLabOptions = {}): Promise<SgLab> {
  const stateDir = options.stateDir ?? (await tempStateDir());
  const lab = await startLab({ port: 0, timeScale: 0.001, ...options, stateDir });
  return { lab, client: clientFor(lab), stateDir };
}

export async function fetchActivationKey(activationUrl: string, region = 'us-east-1'): Promise<string> {
  const response = await fetch(`${activationUrl}?activationRegion=${region}&gatewayType=VTL&no_redirect`);
  if (response.status !== 200) throw new Error(`activation page answered ${response.status}`);
  return response.text();
}

/** An activated Tape Gateway with cache and upload buffer allocated. */
export async function readyGateway({ lab, client }: SgLab, name = 'lab-gateway'): Promise<string> {
  const appliance = await lab.admin.createGatewayAppliance();
  const key = await fetchActivationKey(appliance.activationUrl ?? '');
  const { GatewayARN } = await client.send(
    new ActivateGatewayCommand({ ActivationKey: key, GatewayName: name, GatewayTimezone: 'GMT', GatewayRegion: lab.region, GatewayType: 'VTL', TapeDriveType: 'IBM-ULT3580-TD5', MediumChangerType: 'AWS-Gateway-VTL' }),
  );
  const gatewayArn = GatewayARN ?? '';
  const { Disks = [] } = await client.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn }));
  await client.send(new AddCacheCommand({ GatewayARN: gatewayArn, DiskIds: [Disks[0]?.DiskId ?? ''] }));
  await client.send(new AddUploadBufferCommand({ GatewayARN: gatewayArn, DiskIds: [Disks[1]?.DiskId ?? ''] }));
  return gatewayArn;
}

/** Polls every 10 ms until `check` returns a value (not undefined); fails after `timeoutMs` with the last error. */
export function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  return sharedEventually('a lab condition', check, timeoutMs, 10);
}
