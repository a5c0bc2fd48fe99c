// A realistic run through every operation the lab serves (a deployed tape-gateway stack, Run Command, sessions, tapes through
// archive and back, a second gateway disabled for recovery points), sent as recorded, hand-signed requests.
import { readFileSync } from 'node:fs';
import type { RunningLab } from '../../../src/lab/index';
import { TEMPLATE_PATH, waitFor, type HoldableClock } from '../e2e/stackLab';
import type { WireClient } from './wireClient';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const xmlField = (xml: unknown, name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text(xml))?.[1] ?? '';
const xmlText = (escaped: string): string => escaped.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? '');
const TAPE_SIZE = 100 * 1024 ** 3;

/** A stack with one cheap resource, for UpdateStack and DeleteStack. */
const SMALL_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Name:
    Type: String
    Default: first
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.9.0.0/16
      Tags:
        - Key: Name
          Value: !Ref Name
`;

async function stackStatus(wire: WireClient, stackName: string): Promise<string> {
  return xmlField((await wire.ok('cloudformation', 'DescribeStacks', { StackName: stackName })).xml, 'StackStatus');
}

async function waitStack(wire: WireClient, stackName: string, wanted: string): Promise<void> {
  await waitFor(`${stackName} ${wanted}`, async () => ((await stackStatus(wire, stackName)) === wanted ? true : undefined));
}

async function runCommand(wire: WireClient, instanceId: string, commands: string[]): Promise<string> {
  const sent = await wire.ok('ssm', 'SendCommand', { InstanceIds: [instanceId], DocumentName: 'AWS-RunShellScript', Parameters: { commands }, Comment: 'conformance' });
  const commandId = text((sent.Command as Record<string, unknown>).CommandId);
  return waitFor(`command ${commands.join(';')}`, async () => {
    const invocation = await wire.send('ssm', 'GetCommandInvocation', { CommandId: commandId, InstanceId: instanceId });
    if (invocation.status !== 200) return undefined;
    const status = text(invocation.json?.Status);
    if (status === 'Pending' || status === 'InProgress' || status === 'Delayed') return undefined;
    if (status !== 'Success') throw new Error(`command failed: ${invocation.text}`);
    return text(invocation.json?.StandardOutputContent);
  });
}

async function tapeStatus(wire: WireClient, gatewayArn: string, tapeArn: string): Promise<string> {
  const tapes = (await wire.ok('storagegateway', 'DescribeTapes', { GatewayARN: gatewayArn, TapeARNs: [tapeArn] })).Tapes as Record<string, unknown>[];
  return text(tapes[0]?.TapeStatus);
}

async function archiveStatus(wire: WireClient, tapeArn: string): Promise<string> {
  const archives = (await wire.ok('storagegateway', 'DescribeTapeArchives', { TapeARNs: [tapeArn] })).TapeArchives as Record<string, unknown>[];
  return text(archives[0]?.TapeStatus);
}

async function activate(wire: WireClient, key: string, name: string, region: string): Promise<string> {
  const activated = await wire.ok('storagegateway', 'ActivateGateway', {
    ActivationKey: key, GatewayName: name, GatewayTimezone: 'GMT', GatewayRegion: region, GatewayType: 'VTL',
    TapeDriveType: 'IBM-ULT3580-TD5', MediumChangerType: 'AWS-Gateway-VTL', Tags: [{ Key: 'team', Value: 'conformance' }],
  });
  const gatewayArn = text(activated.GatewayARN);
  const disks = (await wire.ok('storagegateway', 'ListLocalDisks', { GatewayARN: gatewayArn })).Disks as Record<string, unknown>[];
  await wire.ok('storagegateway', 'AddCache', { GatewayARN: gatewayArn, DiskIds: [text(disks[0]?.DiskId)] });
  await wire.ok('storagegateway', 'AddUploadBuffer', { GatewayARN: gatewayArn, DiskIds: [text(disks[1]?.DiskId)] });
  return gatewayArn;
}

async function createTape(wire: WireClient, gatewayArn: string, barcode: string): Promise<string> {
  const tapeArn = text((await wire.ok('storagegateway', 'CreateTapeWithBarcode', { GatewayARN: gatewayArn, TapeSizeInBytes: TAPE_SIZE, TapeBarcode: barcode })).TapeARN);
  await waitFor(`${barcode} AVAILABLE`, async () => ((await tapeStatus(wire, gatewayArn, tapeArn)) === 'AVAILABLE' ? true : undefined));
  return tapeArn;
}

/** Change sets as `aws cloudformation deploy` uses them: one executed, one created (as a new stack) and deleted. */
async function changeSets(wire: WireClient, stackName: string): Promise<void> {
  const cf = (operation: string, input: Record<string, unknown>) => wire.ok('cloudformation', operation, input);
  await cf('CreateChangeSet', { StackName: stackName, ChangeSetName: 'third', ChangeSetType: 'UPDATE', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'Name', ParameterValue: 'third' }], Description: 'conformance', ClientToken: 'conformance-change' });
  await cf('DescribeChangeSet', { StackName: stackName, ChangeSetName: 'third' });
  await cf('ListChangeSets', { StackName: stackName });
  await cf('ExecuteChangeSet', { StackName: stackName, ChangeSetName: 'third', ClientRequestToken: 'conformance-execute' });
  await waitStack(wire, stackName, 'UPDATE_COMPLETE');
  const created = await cf('CreateChangeSet', { StackName: `${stackName}-new`, ChangeSetName: 'first', ChangeSetType: 'CREATE', TemplateBody: SMALL_TEMPLATE, Tags: [{ Key: 'team', Value: 'conformance' }] });
  const changeSetId = xmlField(created.xml, 'Id');
  await cf('DescribeChangeSet', { ChangeSetName: changeSetId });
  await cf('DeleteChangeSet', { ChangeSetName: changeSetId });
}

/** Bandwidth limits and their schedule, the maintenance window and a software update on a running gateway. */
async function gatewaySettings(wire: WireClient, gatewayArn: string): Promise<void> {
  const sg = (operation: string, input: Record<string, unknown>) => wire.ok('storagegateway', operation, input);
  await sg('UpdateBandwidthRateLimit', { GatewayARN: gatewayArn, AverageUploadRateLimitInBitsPerSec: 1_048_576, AverageDownloadRateLimitInBitsPerSec: 2_097_152 });
  await sg('DescribeBandwidthRateLimit', { GatewayARN: gatewayArn });
  await sg('DeleteBandwidthRateLimit', { GatewayARN: gatewayArn, BandwidthType: 'UPLOAD' });
  await sg('UpdateBandwidthRateLimitSchedule', {
    GatewayARN: gatewayArn,
    BandwidthRateLimitIntervals: [{ StartHourOfDay: 8, StartMinuteOfHour: 0, EndHourOfDay: 17, EndMinuteOfHour: 59, DaysOfWeek: [1, 2, 3, 4, 5], AverageUploadRateLimitInBitsPerSec: 524_288, AverageDownloadRateLimitInBitsPerSec: 1_048_576 }],
  });
  await sg('DescribeBandwidthRateLimitSchedule', { GatewayARN: gatewayArn });
  await sg('UpdateMaintenanceStartTime', { GatewayARN: gatewayArn, HourOfDay: 3, MinuteOfHour: 30, DayOfWeek: 0 });
  await sg('DescribeMaintenanceStartTime', { GatewayARN: gatewayArn });
  await sg('UpdateGatewaySoftwareNow', { GatewayARN: gatewayArn });
}

export interface ScenarioIds {
  readonly stackName: string;
  readonly clientId: string;
  readonly gatewayArn: string;
}

export async function runScenario(lab: RunningLab, wire: WireClient, clock: HoldableClock): Promise<ScenarioIds> {
  const template = readFileSync(TEMPLATE_PATH, 'utf8');
  const region = lab.region;
  // CloudFormation: the tape-gateway stack as the extension deploys it.
  await wire.ok('cloudformation', 'ValidateTemplate', { TemplateBody: template });
  await wire.ok('cloudformation', 'GetTemplateSummary', { TemplateBody: template });
  const stackName = 'conformance';
  await wire.ok('cloudformation', 'CreateStack', { StackName: stackName, TemplateBody: template, Capabilities: ['CAPABILITY_IAM'], Parameters: [{ ParameterKey: 'ClientOperatingSystem', ParameterValue: 'AL2' }], Tags: [{ Key: 'team', Value: 'conformance' }] });
  await waitStack(wire, stackName, 'CREATE_COMPLETE');
  const described = text((await wire.ok('cloudformation', 'DescribeStacks', { StackName: stackName })).xml);
  const output = (key: string) => xmlText(new RegExp(`<OutputKey>${key}</OutputKey>\\s*<OutputValue>([^<]*)</OutputValue>`).exec(described)?.[1] ?? new RegExp(`<OutputValue>([^<]*)</OutputValue>\\s*<OutputKey>${key}</OutputKey>`).exec(described)?.[1] ?? '');
  const clientId = output('ClientInstanceId');
  await wire.ok('cloudformation', 'DescribeStackEvents', { StackName: stackName });
  await wire.ok('cloudformation', 'DescribeStackResources', { StackName: stackName });
  await wire.ok('cloudformation', 'ListStackResources', { StackName: stackName });
  await wire.ok('cloudformation', 'ListStacks', { StackStatusFilter: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'] });
  await wire.ok('cloudformation', 'GetTemplate', { StackName: stackName, TemplateStage: 'Original' });
  await wire.ok('cloudformation', 'CreateStack', { StackName: 'conformance-small', TemplateBody: SMALL_TEMPLATE });
  await waitStack(wire, 'conformance-small', 'CREATE_COMPLETE');
  await wire.ok('cloudformation', 'UpdateStack', { StackName: 'conformance-small', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'Name', ParameterValue: 'second' }] });
  await waitStack(wire, 'conformance-small', 'UPDATE_COMPLETE');
  await wire.ok('cloudformation', 'DescribeStackResource', { StackName: 'conformance-small', LogicalResourceId: 'Vpc' });
  await changeSets(wire, 'conformance-small');
  await wire.ok('cloudformation', 'DeleteStack', { StackName: 'conformance-small' });

  // SSM: the client registers, Run Command fetches an activation key, sessions open and close.
  await waitFor('client to run commands', async () => runCommand(wire, clientId, ['true']).catch(() => undefined));
  await wire.ok('ssm', 'DescribeInstanceInformation', { Filters: [{ Key: 'InstanceIds', Values: [clientId] }] });
  await wire.ok('ssm', 'GetParameter', { Name: '/aws/service/storagegateway/ami/VTL/latest' });
  await wire.ok('ssm', 'GetParameters', { Names: ['/aws/service/storagegateway/ami/VTL/latest', '/aws/service/nothing-here'] });
  await wire.ok('ssm', 'GetParametersByPath', { Path: '/aws/service/ami-amazon-linux-latest', MaxResults: 10 });
  const key = (await runCommand(wire, clientId, [`curl -s "${output('ActivationUrl')}"`])).trim();
  const listed = await wire.ok('ssm', 'ListCommandInvocations', { InstanceId: clientId, Details: true, MaxResults: 5 });
  const lastCommandId = text(((listed.CommandInvocations as Record<string, unknown>[])[0] ?? {}).CommandId);
  await wire.ok('ssm', 'ListCommands', { CommandId: lastCommandId });
  const sleeper = await wire.ok('ssm', 'SendCommand', { InstanceIds: [clientId], DocumentName: 'AWS-RunShellScript', Parameters: { commands: ['sleep 30'] } });
  await wire.ok('ssm', 'CancelCommand', { CommandId: text((sleeper.Command as Record<string, unknown>).CommandId), InstanceIds: [clientId] });
  const session = await wire.ok('ssm', 'StartSession', { Target: clientId, Reason: 'conformance' });
  const sessionId = text(session.SessionId);
  await wire.ok('ssm', 'DescribeSessions', { State: 'Active', Filters: [{ key: 'Target', value: clientId }] });
  await wire.ok('ssm', 'ResumeSession', { SessionId: sessionId });
  await wire.ok('ssm', 'TerminateSession', { SessionId: sessionId });
  await wire.ok('ssm', 'DescribeSessions', { State: 'History', MaxResults: 10 });

  // Storage Gateway: the stack's gateway, then tapes through every state the API can reach.
  const gatewayArn = await activate(wire, key, 'conformance-gw', region);
  const sg = (operation: string, input: Record<string, unknown>) => wire.ok('storagegateway', operation, input);
  await sg('ListGateways', { Limit: 10 });
  await sg('DescribeGatewayInformation', { GatewayARN: gatewayArn });
  await sg('UpdateGatewayInformation', { GatewayARN: gatewayArn, GatewayName: 'conformance-gw2', GatewayTimezone: 'GMT+1:00' });
  await gatewaySettings(wire, gatewayArn);
  await sg('DescribeCache', { GatewayARN: gatewayArn });
  await sg('DescribeUploadBuffer', { GatewayARN: gatewayArn });
  const devices = (await sg('DescribeVTLDevices', { GatewayARN: gatewayArn })).VTLDevices as Record<string, unknown>[];
  const changer = devices.find((device) => text(device.VTLDeviceType) === 'Medium Changer');
  await sg('UpdateVTLDeviceType', { VTLDeviceARN: text(changer?.VTLDeviceARN), DeviceType: 'STK-L700' });
  const poolArn = text((await sg('CreateTapePool', { PoolName: 'conformance-pool', StorageClass: 'GLACIER', RetentionLockType: 'NONE', Tags: [{ Key: 'team', Value: 'c' }] })).PoolARN);
  const emptyPoolArn = text((await sg('CreateTapePool', { PoolName: 'empty-pool', StorageClass: 'DEEP_ARCHIVE' })).PoolARN);
  await sg('ListTapePools', {});
  await sg('CreateTapes', { GatewayARN: gatewayArn, TapeSizeInBytes: TAPE_SIZE, ClientToken: 'conformance-token', NumTapesToCreate: 2, TapeBarcodePrefix: 'CNF', PoolId: 'GLACIER' });
  const cancelArchive = await createTape(wire, gatewayArn, 'CNFA0001');
  const roundTrip = await createTape(wire, gatewayArn, 'CNFA0002');
  const doomed = await createTape(wire, gatewayArn, 'CNFA0003');
  await sg('ListTapes', { Limit: 50 });
  await sg('AddTagsToResource', { ResourceARN: roundTrip, Tags: [{ Key: 'purpose', Value: 'round-trip' }] });
  await sg('ListTagsForResource', { ResourceARN: roundTrip });
  await sg('RemoveTagsFromResource', { ResourceARN: roundTrip, TagKeys: ['purpose'] });
  await sg('AssignTapePool', { TapeARN: roundTrip, PoolId: poolArn.split('/').pop() ?? '' });
  clock.hold();
  lab.admin.ejectTape('CNFA0001');
  await sg('CancelArchival', { GatewayARN: gatewayArn, TapeARN: cancelArchive });
  clock.release();
  lab.admin.ejectTape('CNFA0002');
  await waitFor('CNFA0002 ARCHIVED', async () => ((await archiveStatus(wire, roundTrip)) === 'ARCHIVED' ? true : undefined));
  clock.hold();
  await sg('RetrieveTapeArchive', { TapeARN: roundTrip, GatewayARN: gatewayArn });
  await sg('CancelRetrieval', { GatewayARN: gatewayArn, TapeARN: roundTrip });
  clock.release();
  await sg('DescribeTapeArchives', { Limit: 10 });
  await sg('DeleteTapeArchive', { TapeARN: roundTrip });
  await sg('DeleteTape', { GatewayARN: gatewayArn, TapeARN: doomed });
  await sg('DeleteTapePool', { PoolARN: emptyPoolArn });
  await sg('ResetCache', { GatewayARN: gatewayArn });
  await sg('ShutdownGateway', { GatewayARN: gatewayArn });
  await sg('StartGateway', { GatewayARN: gatewayArn });

  // A second gateway fails (DisableGateway); its tape is recovered onto the first.
  const appliance = await lab.admin.createGatewayAppliance();
  const secondKey = await (await fetch(`${appliance.activationUrl ?? ''}?activationRegion=${region}&no_redirect`)).text();
  const failedArn = await activate(wire, secondKey, 'failed-gw', region);
  const lost = await createTape(wire, failedArn, 'CNFR0001');
  await sg('DisableGateway', { GatewayARN: failedArn });
  await sg('DescribeTapeRecoveryPoints', { GatewayARN: failedArn });
  await sg('RetrieveTapeRecoveryPoint', { TapeARN: lost, GatewayARN: gatewayArn });
  await sg('DeleteGateway', { GatewayARN: failedArn });
  return { stackName, clientId, gatewayArn };
}
