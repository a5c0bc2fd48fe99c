// Fixture for the workflow lab tests: a lab, the tape gateway stack with an AL2 client, an activated gateway, one new tape.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  ActivateGatewayCommand, AddCacheCommand, AddUploadBufferCommand, CreateTapesCommand, DescribeTapesCommand, ListLocalDisksCommand, StorageGatewayClient,
} from '@aws-sdk/client-storage-gateway';
import { startLab, type RunningLab } from '../../../src/lab';

const TEMPLATE = resolve(__dirname, '../../../templates/tape-gateway.yaml');

export interface WorkflowLab {
  readonly lab: RunningLab;
  readonly ssm: SSMClient;
  readonly sg: StorageGatewayClient;
  readonly cfn: CloudFormationClient;
  readonly clientInstanceId: string;
  readonly gatewayArn: string;
  readonly barcode: string;
  close(): Promise<void>;
}

/** Polls until `check` returns a value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

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

export async function startWorkflowLab(clientOs: 'AL2' | 'AL2023' = 'AL2'): Promise<WorkflowLab> {
  const dir = await mkdtemp(join(tmpdir(), 'workflow-lab-'));
  const lab = await startLab({ port: 0, stateDir: join(dir, 'state'), timeScale: 0.0005 });
  const config = { endpoint: lab.endpoint, region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey }, maxAttempts: 1 };
  const ssm = new SSMClient(config);
  const sg = new StorageGatewayClient(config);
  const cfn = new CloudFormationClient(config);
  const close = async () => {
    ssm.destroy();
    sg.destroy();
    cfn.destroy();
    await lab.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await cfn.send(new CreateStackCommand({
      StackName: 'tapegw',
      TemplateBody: await readFile(TEMPLATE, 'utf8'),
      Capabilities: ['CAPABILITY_IAM'],
      Parameters: [{ ParameterKey: 'ClientOperatingSystem', ParameterValue: clientOs }, { ParameterKey: 'CacheDiskSizeGiB', ParameterValue: '150' }],
    }));
    const outputs = await waitFor('the stack', async () => {
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'tapegw' }))).Stacks?.[0];
      if (stack?.StackStatus !== 'CREATE_COMPLETE') return undefined;
      return Object.fromEntries((stack.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']));
    });
    const clientInstanceId = outputs.ClientInstanceId ?? '';
    await waitFor('the client to be Online', async () => {
      const info = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [clientInstanceId] }] }));
      return info.InstanceInformationList?.[0]?.PingStatus === 'Online' ? true : undefined;
    });
    const curl = await sendCommand(ssm, clientInstanceId, `curl '${outputs.ActivationUrl}'`);
    if (curl.code !== 0) throw new Error(`curl failed: ${curl.stdout}`);
    const { GatewayARN } = await sg.send(new ActivateGatewayCommand({
      ActivationKey: curl.stdout.trim(), GatewayName: 'workflow-gw', GatewayTimezone: 'GMT', GatewayRegion: lab.region, GatewayType: 'VTL',
      TapeDriveType: 'IBM-ULT3580-TD5', MediumChangerType: 'AWS-Gateway-VTL',
    }));
    const gatewayArn = GatewayARN ?? '';
    const { Disks = [] } = await sg.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn }));
    await sg.send(new AddCacheCommand({ GatewayARN: gatewayArn, DiskIds: [Disks[0]?.DiskId ?? ''] }));
    await sg.send(new AddUploadBufferCommand({ GatewayARN: gatewayArn, DiskIds: [Disks[1]?.DiskId ?? ''] }));
    const created = await sg.send(new CreateTapesCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 107374182400, ClientToken: 'workflow-tapes', NumTapesToCreate: 1, TapeBarcodePrefix: 'TEST', PoolId: 'GLACIER' }));
    const tapeArn = created.TapeARNs?.[0] ?? '';
    await waitFor('the tape to be AVAILABLE', async () => {
      const tape = (await sg.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, TapeARNs: [tapeArn] }))).Tapes?.[0];
      return tape?.TapeStatus === 'AVAILABLE' ? true : undefined;
    });
    return { lab, ssm, sg, cfn, clientInstanceId, gatewayArn, barcode: tapeArn.split('/').pop() ?? '', close };
  } catch (error) {
    await close();
    throw error;
  }
}
