// UpdateStack replacement and cleanup, and stacks that survive a lab restart (including an interrupted create).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CloudFormationClient, CreateStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, ListStacksCommand, UpdateStackCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { startTestLab, waitFor, type TestLab } from './labFixture';

const TEMPLATE = (description: string) => `
Parameters:
  Cidr: { Type: String, Default: 10.2.0.0/16 }
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !Ref Cidr } }
  Group: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: ${description}, VpcId: !Ref Vpc } }
Outputs:
  GroupId: { Value: !GetAtt Group.GroupId }
  VpcId: { Value: !Ref Vpc }
`;

const WITH_CLIENT = `
Parameters:
  Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 }
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.3.0.0/16 } }
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.3.0.0/24 } }
  Group: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: kept, VpcId: !Ref Vpc } }
  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {}, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'] } }
  Profile: { Type: AWS::IAM::InstanceProfile, Properties: { Roles: [!Ref Role] } }
  Client: { Type: AWS::EC2::Instance, Properties: { ImageId: !Ref Ami, InstanceType: t3.micro, SubnetId: !Ref Subnet, IamInstanceProfile: !Ref Profile } }
Outputs:
  GroupId: { Value: !GetAtt Group.GroupId }
  ClientIp: { Value: !GetAtt Client.PrivateIp }
`;

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function clientFor(t: TestLab): CloudFormationClient {
  return new CloudFormationClient({ endpoint: t.lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

function settled(cfn: CloudFormationClient, name: string): Promise<Stack> {
  return waitFor(`stack ${name}`, async () => {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    return stack && !stack.StackStatus?.endsWith('_IN_PROGRESS') ? stack : undefined;
  });
}

const output = (stack: Stack, key: string) => stack.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;

test('UpdateStack replaces what changed, keeps the rest, and refuses an empty update', async () => {
  const t = await startTestLab();
  const cfn = clientFor(t);
  try {
    await cfn.send(new CreateStackCommand({ StackName: 'net', TemplateBody: TEMPLATE('first') }));
    const created = await settled(cfn, 'net');
    await cfn.send(new UpdateStackCommand({ StackName: 'net', TemplateBody: TEMPLATE('second') }));
    const updated = await settled(cfn, 'net');
    assert.equal(updated.StackStatus, 'UPDATE_COMPLETE');
    assert.equal(output(updated, 'VpcId'), output(created, 'VpcId'));
    assert.notEqual(output(updated, 'GroupId'), output(created, 'GroupId'));
    await assert.rejects(cfn.send(new UpdateStackCommand({ StackName: 'net', TemplateBody: TEMPLATE('second') })), { name: 'ValidationError', message: 'No updates are to be performed.' });
    await cfn.send(new UpdateStackCommand({ StackName: 'net', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'Cidr', ParameterValue: '10.2.0.0/8' }] }));
    const rolledBack = await settled(cfn, 'net');
    assert.equal(rolledBack.StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    assert.equal(output(rolledBack, 'GroupId'), output(updated, 'GroupId'));
  } finally {
    cfn.destroy();
    await t.close();
  }
});

test('stacks and their client hosts come back after a restart; an interrupted create rolls back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'stack-restart-'));
  dirs.push(dir);
  const first = await startTestLab({ dir, keep: true });
  let cfn = clientFor(first);
  await cfn.send(new CreateStackCommand({ StackName: 'kept', TemplateBody: WITH_CLIENT, Capabilities: ['CAPABILITY_IAM'] }));
  const kept = await settled(cfn, 'kept');
  cfn.destroy();
  await first.close();

  const slow = await startTestLab({ dir, keep: true, timeScale: 1 });
  cfn = clientFor(slow);
  await cfn.send(new CreateStackCommand({ StackName: 'interrupted', TemplateBody: TEMPLATE('slow') }));
  cfn.destroy();
  await slow.close();

  const second = await startTestLab({ dir, keep: true });
  cfn = clientFor(second);
  try {
    const again = await settled(cfn, 'kept');
    assert.equal(again.StackStatus, 'CREATE_COMPLETE');
    assert.equal(output(again, 'GroupId'), output(kept, 'GroupId'));
    const host = await waitFor('the client host to boot again', async () => second.clients[0]);
    assert.equal(host.instance.privateIp, output(kept, 'ClientIp'));
    const interrupted = await settled(cfn, 'interrupted');
    assert.equal(interrupted.StackStatus, 'ROLLBACK_COMPLETE');
    const events = await cfn.send(new DescribeStackEventsCommand({ StackName: 'interrupted' }));
    const rollback = events.StackEvents?.find((e) => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS');
    assert.equal(rollback?.ResourceStatusReason, 'The lab stopped while this stack operation was in progress.');
    const listed = await cfn.send(new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE'] }));
    assert.deepEqual(listed.StackSummaries?.map((s) => s.StackName), ['kept']);
  } finally {
    cfn.destroy();
    await second.close();
  }
});
