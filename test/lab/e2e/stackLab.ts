// Test fixture: the whole lab (stack instances wired to real appliances and emulated clients) with SDK clients, a holdable clock and a Run Command helper.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  ActivateGatewayCommand,
  AddCacheCommand,
  AddUploadBufferCommand,
  CreateTapeWithBarcodeCommand,
  DescribeTapesCommand,
  ListLocalDisksCommand,
  StorageGatewayClient,
} from '@aws-sdk/client-storage-gateway';
import { startLab, type RunningLab } from '../../../src/lab';
import { eventually as waitFor } from '../../eventually';

export const TEMPLATE_PATH = resolve(__dirname, '../../../templates/tape-gateway.yaml');
/** Small enough that boots, deliveries and tape steps take milliseconds; large enough that Run Command's 3600 s execution timeout is seconds. */
export const E2E_TIME_SCALE = 0.002;

/**
 * The lab clock: real time, except that hold() stops it (timed tape steps wait) until release(); it never runs backwards.
 * Lets a test observe a transitional status such as IN TRANSIT TO VTS without racing the simulation.
 */
export class HoldableClock {
  private heldAt: number | undefined;
  readonly now = (): Date => new Date(this.heldAt ?? Date.now());
  hold(): void {
    this.heldAt ??= Date.now();
  }
  release(): void {
    this.heldAt = undefined;
  }
}

export interface StackLab {
  readonly lab: RunningLab;
  readonly stateDir: string;
  readonly clock: HoldableClock;
  readonly cfn: CloudFormationClient;
  readonly ssm: SSMClient;
  readonly sg: StorageGatewayClient;
  stop(): Promise<void>;
}

export async function tempStateDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'e2e-lab-')), 'state');
}

export async function startStackLab(stateDir?: string): Promise<StackLab> {
  const dir = stateDir ?? (await tempStateDir());
  const clock = new HoldableClock();
  const lab = await startLab({ port: 0, stateDir: dir, timeScale: E2E_TIME_SCALE, now: clock.now });
  const config = { endpoint: lab.endpoint, region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey } };
  const cfn = new CloudFormationClient(config);
  const ssm = new SSMClient(config);
  const sg = new StorageGatewayClient(config);
  return {
    lab,
    stateDir: dir,
    clock,
    cfn,
    ssm,
    sg,
    stop: async () => {
      cfn.destroy();
      ssm.destroy();
      sg.destroy();
      await lab.stop();
    },
  };
}

export { waitFor };

export interface ShellResult {
  readonly status: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a script on a client host with SendCommand (AWS-RunShellScript) and waits for its final status. */
export async function runOnClient(ssm: SSMClient, instanceId: string, commands: readonly string[]): Promise<ShellResult> {
  const sent = await ssm.send(new SendCommandCommand({ InstanceIds: [instanceId], DocumentName: 'AWS-RunShellScript', Parameters: { commands: [...commands] } }));
  const commandId = sent.Command?.CommandId;
  assert.ok(commandId, 'SendCommand returned no CommandId');
  return waitFor(`command ${commands.join('; ')}`, async () => {
    const invocation = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
    if (invocation.Status === 'Pending' || invocation.Status === 'InProgress' || invocation.Status === 'Delayed') return undefined;
    return { status: invocation.Status ?? '', code: invocation.ResponseCode ?? -1, stdout: invocation.StandardOutputContent ?? '', stderr: invocation.StandardErrorContent ?? '' };
  });
}

/** Runs commands joined with `&&` (the first failure stops the script and fails it); returns stdout. */
export async function runOk(ssm: SSMClient, instanceId: string, commands: readonly string[]): Promise<string> {
  const result = await runOnClient(ssm, instanceId, [commands.join(' && ')]);
  assert.equal(result.status, 'Success', `${commands.join('; ')}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result.stdout;
}

export type StackOutputs = Record<string, string>;

export async function stackOutputs(cfn: CloudFormationClient, stackName: string): Promise<StackOutputs> {
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  return Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
}

/** CreateStack with the template (Amazon Linux 2 client: it has mt-st and mtx), waits for CREATE_COMPLETE and the client to answer. */
export async function deployTapeGatewayStack(t: StackLab, stackName: string, templateBody: string): Promise<StackOutputs> {
  await t.cfn.send(
    new CreateStackCommand({ StackName: stackName, TemplateBody: templateBody, Capabilities: ['CAPABILITY_IAM'], Parameters: [{ ParameterKey: 'ClientOperatingSystem', ParameterValue: 'AL2' }] }),
  );
  await waitFor(`stack ${stackName}`, async () => {
    const stack = (await t.cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    assert.ok(!stack?.StackStatus?.includes('ROLLBACK'), `stack ${stackName} failed: ${stack?.StackStatusReason}`);
    return stack?.StackStatus === 'CREATE_COMPLETE' ? true : undefined;
  });
  const outputs = await stackOutputs(t.cfn, stackName);
  await waitForClient(t, outputs.ClientInstanceId ?? '');
  return outputs;
}

/** Waits until the client host is registered with SSM and runs commands. */
export async function waitForClient(t: StackLab, instanceId: string): Promise<void> {
  await waitFor(`client ${instanceId} to run commands`, async () => {
    // SendCommand refuses an instance whose agent has not registered yet (InvalidInstanceId), as on AWS.
    const result = await runOnClient(t.ssm, instanceId, ['true']).catch(() => undefined);
    return result?.status === 'Success' ? true : undefined;
  });
}

/** Fetches a key on the client, activates, allocates both local disks; returns the gateway ARN. */
export async function activateGateway(t: StackLab, outputs: StackOutputs, gatewayName: string): Promise<string> {
  const key = (await runOk(t.ssm, outputs.ClientInstanceId ?? '', [`curl -s "${outputs.ActivationUrl}"`])).trim();
  assert.match(key, /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
  const activated = await t.sg.send(
    new ActivateGatewayCommand({ ActivationKey: key, GatewayName: gatewayName, GatewayTimezone: 'GMT', GatewayRegion: t.lab.region, GatewayType: 'VTL', MediumChangerType: 'AWS-Gateway-VTL', TapeDriveType: 'IBM-ULT3580-TD5' }),
  );
  const gatewayArn = activated.GatewayARN ?? '';
  const disks = (await t.sg.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn }))).Disks ?? [];
  assert.equal(disks.length, 2);
  await t.sg.send(new AddCacheCommand({ GatewayARN: gatewayArn, DiskIds: [disks[0]?.DiskId ?? ''] }));
  await t.sg.send(new AddUploadBufferCommand({ GatewayARN: gatewayArn, DiskIds: [disks[1]?.DiskId ?? ''] }));
  return gatewayArn;
}

export const TAPE_SIZE = 100 * 1024 ** 3;

/** CreateTapeWithBarcode, then waits until the tape is AVAILABLE. */
export async function createAvailableTape(t: StackLab, gatewayArn: string, barcode: string): Promise<string> {
  const tapeArn = (await t.sg.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: TAPE_SIZE, TapeBarcode: barcode }))).TapeARN ?? '';
  await waitFor(`tape ${barcode} to be AVAILABLE`, async () => ((await describeTape(t, gatewayArn, tapeArn))?.TapeStatus === 'AVAILABLE' ? true : undefined));
  return tapeArn;
}

export async function describeTape(t: StackLab, gatewayArn: string, tapeArn: string) {
  return (await t.sg.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, TapeARNs: [tapeArn] }))).Tapes?.[0];
}

/** iscsiadm discovery and logins to the changer and drive 01, as the reference walkthrough does; returns the changer's by-path device. */
export async function loginChangerAndDrive(t: StackLab, clientId: string, gatewayIp: string, gatewayId: string): Promise<string> {
  const iqn = `iqn.1997-05.com.amazon:${gatewayId.toLowerCase()}`;
  await runOk(t.ssm, clientId, [
    'sudo systemctl start iscsid',
    `sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal ${gatewayIp}:3260`,
    `sudo /sbin/iscsiadm --mode node --targetname ${iqn}-mediachanger --portal ${gatewayIp}:3260,1 --login`,
    `sudo /sbin/iscsiadm --mode node --targetname ${iqn}-tapedrive-01 --portal ${gatewayIp}:3260,1 --login`,
  ]);
  return `/dev/tape/by-path/ip-${gatewayIp}:3260-iscsi-${iqn}-mediachanger-lun-0-changer`;
}
