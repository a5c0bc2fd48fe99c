// The reference environment deployed on a lab endpoint through the SDK: stack, activation through the client, cache, upload buffer, one tape.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  ActivateGatewayCommand, AddCacheCommand, AddUploadBufferCommand, CreateTapesCommand, DescribeTapesCommand, ListLocalDisksCommand, StorageGatewayClient,
} from '@aws-sdk/client-storage-gateway';
import { eventually as waitFor } from '../../eventually';

/** Lab tests read the template beside the sources; the host suite passes the one in the installed extension. */
const TEMPLATE = resolve(__dirname, '../../../templates/tape-gateway.yaml');

export interface DeployedGateway {
  readonly ssm: SSMClient;
  readonly sg: StorageGatewayClient;
  readonly cfn: CloudFormationClient;
  readonly clientInstanceId: string;
  readonly gatewayArn: string;
  readonly barcode: string;
  /** Destroys the SDK clients. */
  destroy(): void;
}

export interface SdkConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export { waitFor };

/** AWS-RunShellScript on the client, waiting for the result. */
export async function sendCommand(ssm: SSMClient, instanceId: string, command: string): Promise<{ status: string; stdout: string; code: number }> {
  const sent = await ssm.send(new SendCommandCommand({ InstanceIds: [instanceId], DocumentName: 'AWS-RunShellScript', Parameters: { commands: [command] } }));
  const commandId = sent.Command?.CommandId ?? '';
  return waitFor(`\`${command}\``, async () => {
    const result = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
    if (result.Status === 'Pending' || result.Status === 'InProgress' || result.Status === 'Delayed') return undefined;
    return { status: result.Status ?? '', stdout: result.StandardOutputContent ?? '', code: result.ResponseCode ?? -1 };
  });
}

/** The reference environment on a lab endpoint: stack (client OS as given), activation through the client, cache, upload buffer, one tape. */
export async function deployTapeGateway(sdk: SdkConfig, clientOs: 'AL2' | 'AL2023' = 'AL2', templateBody?: string, stackName = 'tapegw'): Promise<DeployedGateway> {
  const config = { ...sdk, maxAttempts: 1 };
  const ssm = new SSMClient(config);
  const sg = new StorageGatewayClient(config);
  const cfn = new CloudFormationClient(config);
  const destroy = () => {
    ssm.destroy();
    sg.destroy();
    cfn.destroy();
  };
  try {
    await cfn.send(new CreateStackCommand({
      StackName: stackName,
      TemplateBody: templateBody ?? (await readFile(TEMPLATE, 'utf8')),
      Capabilities: ['CAPABILITY_IAM'],
      Parameters: [{ ParameterKey: 'ClientOperatingSystem', ParameterValue: clientOs }, { ParameterKey: 'CacheDiskSizeGiB', ParameterValue: '150' }],
    }));
    const outputs = await waitFor('the stack', async () => {
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
      if (stack?.StackStatus !== 'CREATE_COMPLETE') return undefined;
      return Object.fromEntries((stack.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']));
    }, 60_000);
    const clientInstanceId = outputs.ClientInstanceId ?? '';
    await waitFor('the client to be Online', async () => {
      const info = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [clientInstanceId] }] }));
      return info.InstanceInformationList?.[0]?.PingStatus === 'Online' ? true : undefined;
    }, 60_000);
    const curl = await sendCommand(ssm, clientInstanceId, `curl '${outputs.ActivationUrl}'`);
    if (curl.code !== 0) throw new Error(`curl failed: ${curl.stdout}`);
    const { GatewayARN } = await sg.send(new ActivateGatewayCommand({
      ActivationKey: curl.stdout.trim(), GatewayName: 'workflow-gw', GatewayTimezone: 'GMT', GatewayRegion: sdk.region, GatewayType: 'VTL',
      TapeDriveType: 'IBM-ULT3580-TD5', MediumChangerType: 'AWS-Gateway-VTL',
    }));
    const gatewayArn = GatewayARN ?? '';
    const { Disks = [] } = await sg.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn }));
    await sg.send(new AddCacheCommand({ GatewayARN: gatewayArn, DiskIds: [Disks[0]?.DiskId ?? ''] }));
    await sg.send(new AddUploadBufferCommand({ GatewayARN: gatewayArn, DiskIds: [Disks[1]?.DiskId ?? ''] }));
    const created = await sg.send(new CreateTapesCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 107374182400, ClientToken: `${stackName}-tapes`, NumTapesToCreate: 1, TapeBarcodePrefix: 'TEST', PoolId: 'GLACIER' }));
    const tapeArn = created.TapeARNs?.[0] ?? '';
    await waitFor('the tape to be AVAILABLE', async () => {
      const tape = (await sg.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, TapeARNs: [tapeArn] }))).Tapes?.[0];
      return tape?.TapeStatus === 'AVAILABLE' ? true : undefined;
    }, 60_000);
    return { ssm, sg, cfn, clientInstanceId, gatewayArn, barcode: tapeArn.split('/').pop() ?? '', destroy };
  } catch (error) {
    destroy();
    throw error;
  }
}
