// The walkthrough through real SDK clients: CreateStack, curl the activation page from the client, ActivateGateway, disks, tapes, iSCSI login.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm';
import { ActivateGatewayCommand, AddCacheCommand, AddUploadBufferCommand, CreateTapesCommand, ListLocalDisksCommand, ListTapesCommand } from '@aws-sdk/client-storage-gateway';
import { eventually, runShellScript, type LabClients } from './awsClients';

const TEMPLATE = readFileSync(resolve(__dirname, '../../../../templates/tape-gateway.yaml'), 'utf8');
export const TAPE_SIZE = 100 * 1024 ** 3;

export interface TapeGatewayDeployment {
  readonly stackName: string;
  readonly clientInstanceId: string;
  readonly gatewayArn: string;
  readonly gatewayIp: string;
  /** iqn.1997-05.com.amazon:sgw-xxxxxxxx (targets append -mediachanger, -tapedrive-NN). */
  readonly iqnPrefix: string;
  /** The activation key the client's curl printed (used once by ActivateGateway). */
  readonly activationKey: string;
  readonly tapeBarcodes: readonly string[];
}

export async function deployTapeGateway(clients: LabClients, options: { stackName?: string; tapes?: number } = {}): Promise<TapeGatewayDeployment> {
  const stackName = options.stackName ?? 'tapegw';
  await clients.cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: TEMPLATE, Capabilities: ['CAPABILITY_IAM'], Parameters: [{ ParameterKey: 'ClientOperatingSystem', ParameterValue: 'AL2' }] }));
  const stack = await eventually('CREATE_COMPLETE', async () => {
    const found = (await clients.cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    if (found?.StackStatus?.endsWith('_FAILED') || found?.StackStatus?.startsWith('ROLLBACK')) throw new Error(`stack ${found.StackStatus}: ${found.StackStatusReason}`);
    return found?.StackStatus === 'CREATE_COMPLETE' ? found : undefined;
  });
  const outputs = new Map((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  const clientInstanceId = outputs.get('ClientInstanceId') ?? '';
  const gatewayIp = outputs.get('GatewayPrivateIp') ?? '';
  await waitOnline(clients, clientInstanceId);
  const curl = await runShellScript(clients.ssm, clientInstanceId, [`curl -s "${outputs.get('ActivationUrl') ?? ''}"`]);
  const activationKey = (curl.result.StandardOutputContent ?? '').trim();
  if (curl.result.Status !== 'Success' || !/^[A-Z0-9-]{29}$/.test(activationKey)) throw new Error(`curl of the activation page failed: ${JSON.stringify(curl.result)}`);
  const { GatewayARN = '' } = await clients.sg.send(new ActivateGatewayCommand({ ActivationKey: activationKey, GatewayName: 'faults', GatewayTimezone: 'GMT', GatewayRegion: 'us-east-1', GatewayType: 'VTL', TapeDriveType: 'IBM-ULT3580-TD5', MediumChangerType: 'AWS-Gateway-VTL' }));
  const { Disks = [] } = await clients.sg.send(new ListLocalDisksCommand({ GatewayARN }));
  await clients.sg.send(new AddCacheCommand({ GatewayARN, DiskIds: [Disks[0]?.DiskId ?? ''] }));
  await clients.sg.send(new AddUploadBufferCommand({ GatewayARN, DiskIds: [Disks[1]?.DiskId ?? ''] }));
  const { TapeARNs = [] } = await clients.sg.send(new CreateTapesCommand({ GatewayARN, TapeSizeInBytes: TAPE_SIZE, ClientToken: `${stackName}-tapes`, NumTapesToCreate: options.tapes ?? 2, TapeBarcodePrefix: 'FLT' }));
  await eventually('the tapes to be AVAILABLE', async () => {
    const { TapeInfos = [] } = await clients.sg.send(new ListTapesCommand({ TapeARNs }));
    return TapeInfos.length === TapeARNs.length && TapeInfos.every((t) => t.TapeStatus === 'AVAILABLE') ? true : undefined;
  });
  const discovery = await runShellScript(clients.ssm, clientInstanceId, ['sudo systemctl start iscsid', `sudo iscsiadm --mode discovery --type sendtargets --portal ${gatewayIp}:3260`]);
  const iqnPrefix = /(iqn\.1997-05\.com\.amazon:sgw-[0-9a-f]{8})-mediachanger/.exec(discovery.result.StandardOutputContent ?? '')?.[1];
  if (!iqnPrefix) throw new Error(`discovery found no media changer: ${JSON.stringify(discovery.result)}`);
  return { stackName, clientInstanceId, gatewayArn: GatewayARN, gatewayIp, iqnPrefix, activationKey, tapeBarcodes: TapeARNs.map((arn) => arn.slice(arn.lastIndexOf('/') + 1)) };
}

/** Waits until the instance's SSM agent is Online (after a stack create, or after a lab restart reboots it). */
export async function waitOnline(clients: LabClients, instanceId: string): Promise<void> {
  await eventually(`${instanceId} to be Online`, async () => {
    const info = await clients.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] }));
    return info.InstanceInformationList?.[0]?.PingStatus === 'Online' ? true : undefined;
  });
}

/** The client's iSCSI logins (a lab restart reboots the emulated client, so they are redone after each start). */
export function loginCommands(deployment: TapeGatewayDeployment, drives: readonly string[] = ['tapedrive-01']): string[] {
  const { gatewayIp, iqnPrefix } = deployment;
  return [
    'sudo systemctl start iscsid',
    `sudo iscsiadm --mode discovery --type sendtargets --portal ${gatewayIp}:3260`,
    ...['mediachanger', ...drives].map((target) => `sudo iscsiadm --mode node --targetname ${iqnPrefix}-${target} --portal ${gatewayIp}:3260,1 --login`),
  ];
}
