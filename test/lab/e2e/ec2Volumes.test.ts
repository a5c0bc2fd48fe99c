// A gateway whose disks are AWS::EC2::Volume + AWS::EC2::VolumeAttachment (two 8 GiB gp3 volumes on /dev/sdf and /dev/sdg,
// as the reference walkthrough's templates have them): ListLocalDisks shows them, small disks are allocated as AWS allows,
// and every EC2 answer the lab gives here matches botocore's EC2 model.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ActivateGatewayCommand, AddCacheCommand, AddUploadBufferCommand, DescribeCacheCommand, ListLocalDisksCommand } from '@aws-sdk/client-storage-gateway';
import { fetchActivationKey } from '../storageGateway/sgLabFixture';
import { signedPost } from '../storageGateway/signedRequest';
import { awsCli, type AwsCli } from './awsCli';
import { checkEc2Response } from './ec2ModelCheck';
import { startStackLab, stackOutputs, waitFor, type StackLab, type StackOutputs } from './stackLab';

const TEMPLATE = `
Parameters:
  GatewayAmi:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/storagegateway/ami/VTL/latest
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: !Select [0, !GetAZs ''] }
  GatewaySg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: gateway
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 3260, ToPort: 3260, CidrIp: 10.0.0.0/16, Description: iSCSI }]
  HttpFromItself:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !Ref GatewaySg, IpProtocol: tcp, FromPort: 80, ToPort: 80, SourceSecurityGroupId: !Ref GatewaySg }
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.storagegateway
      VpcEndpointType: Interface
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!Ref GatewaySg]
      PrivateDnsEnabled: true
  Gateway:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref GatewayAmi
      InstanceType: m5a.xlarge
      SubnetId: !Ref Subnet
      SecurityGroupIds: [!Ref GatewaySg]
  CacheVolume:
    Type: AWS::EC2::Volume
    Properties: { AvailabilityZone: !GetAtt Gateway.AvailabilityZone, Size: 8, VolumeType: gp3 }
  BufferVolume:
    Type: AWS::EC2::Volume
    Properties: { AvailabilityZone: !GetAtt Gateway.AvailabilityZone, Size: 8, VolumeType: gp3 }
  CacheAttachment:
    Type: AWS::EC2::VolumeAttachment
    Properties: { Device: /dev/sdf, InstanceId: !Ref Gateway, VolumeId: !Ref CacheVolume }
  BufferAttachment:
    Type: AWS::EC2::VolumeAttachment
    DependsOn: CacheAttachment
    Properties: { Device: /dev/sdg, InstanceId: !Ref Gateway, VolumeId: !Ref BufferVolume }
Outputs:
  GatewayId: { Value: !Ref Gateway }
  CacheVolumeId: { Value: !Ref CacheVolume }
`;

const GIB = 1024 ** 3;
let t: StackLab;
let cli: AwsCli;
let outputs: StackOutputs;

before(async () => {
  t = await startStackLab();
  cli = await awsCli(t.lab);
  await t.cfn.send(new CreateStackCommand({ StackName: 'disks', TemplateBody: TEMPLATE }));
  await waitFor('the stack', async () => {
    const stack = (await t.cfn.send(new DescribeStacksCommand({ StackName: 'disks' }))).Stacks?.[0];
    assert.ok(!stack?.StackStatus?.includes('ROLLBACK'), stack?.StackStatusReason);
    return stack?.StackStatus === 'CREATE_COMPLETE' ? true : undefined;
  });
  outputs = await stackOutputs(t.cfn, 'disks');
});
after(() => t.stop());

test('attached 8 GiB volumes are the gateway local disks: NVMe path, EBS device node, their size; AWS allocates them', async () => {
  const appliance = t.lab.admin.listGatewayAppliances().find((a) => a.instanceId === outputs.GatewayId);
  const key = await fetchActivationKey(appliance?.activationUrl ?? '');
  const { GatewayARN } = await t.sg.send(
    new ActivateGatewayCommand({ ActivationKey: key, GatewayName: 'disks', GatewayTimezone: 'GMT+9:00', GatewayRegion: t.lab.region, GatewayType: 'VTL', TapeDriveType: 'IBM-ULT3580-TD5', MediumChangerType: 'AWS-Gateway-VTL' }),
  );
  const disks = (await t.sg.send(new ListLocalDisksCommand({ GatewayARN }))).Disks ?? [];
  assert.deepEqual(
    disks.map((d) => [d.DiskPath, d.DiskNode, d.DiskSizeInBytes, d.DiskAllocationType]),
    [
      ['/dev/nvme1n1', '/dev/sdf', 8 * GIB, 'AVAILABLE'],
      ['/dev/nvme2n1', '/dev/sdg', 8 * GIB, 'AVAILABLE'],
    ],
  );
  await t.sg.send(new AddCacheCommand({ GatewayARN, DiskIds: [disks[0]?.DiskId ?? ''] }));
  await t.sg.send(new AddUploadBufferCommand({ GatewayARN, DiskIds: [disks[1]?.DiskId ?? ''] }));
  assert.equal((await t.sg.send(new DescribeCacheCommand({ GatewayARN }))).CacheAllocatedInBytes, 8 * GIB);
});

test('describe-volumes shows the attachments; a volume in another zone cannot be attached', async () => {
  const volumes = await cli.json<{ Volumes: { VolumeId: string; Size: number; State: string; VolumeType: string; Attachments: { Device: string; State: string }[] }[] }>([
    'ec2', 'describe-volumes', '--filters', `Name=attachment.instance-id,Values=${outputs.GatewayId}`, 'Name=size,Values=8',
  ]);
  assert.deepEqual(volumes.Volumes.map((v) => [v.Attachments[0]?.Device, v.State, v.VolumeType]).sort(), [['/dev/sdf', 'in-use', 'gp3'], ['/dev/sdg', 'in-use', 'gp3']]);
  const byId = await cli.json<{ Volumes: { Size: number }[] }>(['ec2', 'describe-volumes', '--volume-ids', outputs.CacheVolumeId ?? '']);
  assert.equal(byId.Volumes[0]?.Size, 8);

  const mismatch = `
Resources:
  Far:
    Type: AWS::EC2::Volume
    Properties: { AvailabilityZone: us-east-1b, Size: 8 }
  Attach:
    Type: AWS::EC2::VolumeAttachment
    Properties: { Device: /dev/sdh, InstanceId: ${outputs.GatewayId}, VolumeId: !Ref Far }
`;
  await t.cfn.send(new CreateStackCommand({ StackName: 'far', TemplateBody: mismatch }));
  const final = await waitFor('the far stack to roll back', async () => {
    const stack = (await t.cfn.send(new DescribeStacksCommand({ StackName: 'far' }))).Stacks?.[0];
    return stack?.StackStatus === 'ROLLBACK_COMPLETE' ? stack : undefined;
  });
  assert.ok(final);
  const events = await cli.json<{ StackEvents: { ResourceStatusReason?: string }[] }>(['cloudformation', 'describe-stack-events', '--stack-name', 'far']);
  assert.ok(events.StackEvents.some((e) => /InvalidVolume\.ZoneMismatch/.test(e.ResourceStatusReason ?? '')), 'the attachment fails with EC2 zone mismatch');
  const still = (await t.sg.send(new ListLocalDisksCommand({ GatewayARN: (await firstGateway()) }))).Disks ?? [];
  assert.equal(still.length, 2, 'the failed attachment added no disk');
});

async function firstGateway(): Promise<string> {
  const gateways = await cli.json<{ Gateways: { GatewayARN: string }[] }>(['storagegateway', 'list-gateways']);
  return gateways.Gateways[0]?.GatewayARN ?? '';
}

test('every EC2 answer matches botocore\'s model: element names, types, enums and the error document', async () => {
  const form = (action: string, extra: Record<string, string> = {}) => new URLSearchParams({ Action: action, Version: '2016-11-15', ...extra }).toString();
  const send = (body: string) => signedPost(t.lab, { body, contentType: 'application/x-www-form-urlencoded; charset=utf-8', service: 'ec2' });
  const calls: [string, Record<string, string>][] = [
    ['DescribeInstances', {}],
    ['DescribeInstanceStatus', { IncludeAllInstances: 'true' }],
    ['DescribeVolumes', {}],
    ['DescribeVpcs', {}],
    ['DescribeSubnets', {}],
    ['DescribeSecurityGroups', {}],
    ['DescribeVpcEndpoints', {}],
    ['DescribeImages', { 'Owner.1': 'amazon' }],
    ['RebootInstances', { 'InstanceId.1': outputs.GatewayId ?? '' }],
    ['StopInstances', { 'InstanceId.1': outputs.GatewayId ?? '' }],
    ['DescribeInstances', { 'Filter.1.Name': 'instance-state-name', 'Filter.1.Value.1': 'stopping', 'Filter.1.Value.2': 'stopped' }],
    ['StartInstances', { 'InstanceId.1': outputs.GatewayId ?? '' }],
    ['DescribeInstances', { MaxResults: '5' }],
  ];
  for (const [action, extra] of calls) {
    // EC2 refuses to start an instance that is still stopping.
    if (action === 'StartInstances') await waitFor('the instance to stop', async () => ((await send(form('DescribeInstances', { 'InstanceId.1': outputs.GatewayId ?? '' }))).text.includes('<name>stopped</name>') ? true : undefined));
    const answer = await send(form(action, extra));
    assert.equal(answer.status, 200, `${action}: ${answer.text}`);
    assert.deepEqual(checkEc2Response(action, answer.text), [], `${action} answer:\n${answer.text}`);
  }
  const failed = await send(form('DescribeInstances', { 'InstanceId.1': 'i-0123456789abcdef0' }));
  assert.equal(failed.status, 400);
  assert.match(failed.text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Response><Errors><Error><Code>InvalidInstanceID\.NotFound<\/Code><Message>[^<]+<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
  const badSecret = await signedPost(t.lab, { body: form('DescribeVpcs'), contentType: 'application/x-www-form-urlencoded; charset=utf-8', service: 'ec2', secretAccessKey: 'wrong' });
  assert.equal(badSecret.status, 401);
  assert.match(badSecret.text, /<Code>AuthFailure<\/Code><Message>AWS was not able to validate the provided access credentials<\/Message>/);
});

test('after a lab restart a stopped instance is still stopped, its volumes still attached, and it starts with its disks', async () => {
  const gateway = outputs.GatewayId ?? '';
  await cli.json(['ec2', 'stop-instances', '--instance-ids', gateway]);
  const stateDir = t.stateDir;
  await t.stop();
  t = await startStackLab(stateDir);
  cli = await awsCli(t.lab);
  const state = await cli.json<{ Reservations: { Instances: { State: { Name: string } }[] }[] }>(['ec2', 'describe-instances', '--instance-ids', gateway]);
  assert.match(state.Reservations[0]?.Instances[0]?.State.Name ?? '', /^(stopping|stopped)$/);
  const volumes = await cli.json<{ Volumes: { Attachments: { Device: string }[] }[] }>(['ec2', 'describe-volumes', '--filters', `Name=attachment.instance-id,Values=${gateway}`, 'Name=size,Values=8']);
  assert.deepEqual(volumes.Volumes.map((v) => v.Attachments[0]?.Device).sort(), ['/dev/sdf', '/dev/sdg']);
  const gatewayArn = await firstGateway();
  const offline = await cli.run(['storagegateway', 'list-local-disks', '--gateway-arn', gatewayArn]);
  assert.match(offline.stderr, /The specified gateway is not connected/);
  await cli.json(['ec2', 'start-instances', '--instance-ids', gateway]);
  const disks = (await t.sg.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn }))).Disks ?? [];
  assert.deepEqual(disks.map((d) => [d.DiskNode, d.DiskAllocationType]), [['/dev/sdf', 'CACHE_STORAGE'], ['/dev/sdg', 'UPLOAD_BUFFER']]);
});

test('an unsigned EC2 request is refused in EC2\'s error document', async () => {
  const response = await fetch(`${t.lab.endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: 'Action=DescribeInstances&Version=2016-11-15' });
  assert.equal(response.status, 403);
  assert.match(await response.text(), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Response><Errors><Error><Code>MissingAuthenticationToken<\/Code>/);
});
