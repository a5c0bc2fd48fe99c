// Run Command on a lab client host through the SDK: statuses, failures, cancellation, timeouts and output limits.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CancelCommandCommand, GetCommandInvocationCommand, GetParametersCommand, ListCommandInvocationsCommand, ListCommandsCommand, SendCommandCommand, SSMClient, type GetCommandInvocationCommandOutput } from '@aws-sdk/client-ssm';
import { startTestLab, waitFor, type TestLab } from './labFixture';

const CLIENT_TEMPLATE = `
Parameters:
  Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2 }
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.1.0.0/16 } }
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.1.2.0/24 } }
  Role:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {}, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'] }
  Profile: { Type: AWS::IAM::InstanceProfile, Properties: { Roles: [!Ref Role] } }
  Client:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref Ami
      InstanceType: t3.micro
      SubnetId: !Ref Subnet
      IamInstanceProfile: !Ref Profile
      UserData: !Base64 "#!/bin/bash\\nyum -y install iscsi-initiator-utils mt-st mtx nosuchpackage\\n"
Outputs:
  ClientId: { Value: !Ref Client }
`;

let t: TestLab;
let ssm: SSMClient;
let client = '';

before(async () => {
  t = await startTestLab();
  const config = { endpoint: t.lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  ssm = new SSMClient(config);
  const cfn = new CloudFormationClient(config);
  await cfn.send(new CreateStackCommand({ StackName: 'client', TemplateBody: CLIENT_TEMPLATE, Capabilities: ['CAPABILITY_IAM'] }));
  client = await waitFor('the stack', async () => {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'client' }))).Stacks?.[0];
    assert.notEqual(stack?.StackStatus, 'ROLLBACK_COMPLETE', stack?.StackStatusReason);
    return stack?.StackStatus === 'CREATE_COMPLETE' ? stack.Outputs?.[0]?.OutputValue : undefined;
  });
  await waitFor('the client host', async () => (t.clients.length > 0 ? true : undefined));
  cfn.destroy();
});
after(async () => {
  ssm.destroy();
  await t.close();
});

async function send(command: string, executionTimeout?: string): Promise<string> {
  const parameters: Record<string, string[]> = { commands: [command], ...(executionTimeout ? { executionTimeout: [executionTimeout] } : {}) };
  const sent = await ssm.send(new SendCommandCommand({ InstanceIds: [client], DocumentName: 'AWS-RunShellScript', Parameters: parameters, Comment: 'test' }));
  assert.equal(sent.Command?.Status, 'Pending');
  return sent.Command?.CommandId ?? '';
}

function finished(commandId: string): Promise<GetCommandInvocationCommandOutput> {
  return waitFor(`command ${commandId}`, async () => {
    const result = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: client }));
    return ['Success', 'Failed', 'Cancelled', 'TimedOut'].includes(result.Status ?? '') ? result : undefined;
  });
}

test("AL2's yum installs what exists even when one name has no match", () => {
  assert.deepEqual(t.clients[0]?.packages.filter((p) => ['iscsi-initiator-utils', 'mt-st', 'mtx', 'nosuchpackage'].includes(p)), ['iscsi-initiator-utils', 'mt-st', 'mtx']);
});

test('a failing script is Failed with its exit code', async () => {
  const result = await finished(await send('false'));
  assert.equal(result.Status, 'Failed');
  assert.equal(result.StatusDetails, 'Failed');
  assert.equal(result.ResponseCode, 1);
});

test('CancelCommand stops a running script', async () => {
  const commandId = await send('sleep 600');
  await waitFor('it to start', async () => ((await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: client }))).Status === 'InProgress' ? true : undefined));
  await ssm.send(new CancelCommandCommand({ CommandId: commandId }));
  const result = await finished(commandId);
  assert.equal(result.Status, 'Cancelled');
  assert.equal(result.ResponseCode, -1);
});

test('the execution timeout ends a script as TimedOut / ExecutionTimedOut', async () => {
  // executionTimeout is wall-clock seconds (the smallest allowed is 1), whatever the lab's time scale.
  const result = await finished(await send('sleep 600', '1'));
  assert.equal(result.Status, 'TimedOut');
  assert.equal(result.StatusDetails, 'ExecutionTimedOut');
});

test('listings carry plugin output up to 2,500 characters', async () => {
  const commandId = await send('yes');
  await finished(commandId);
  const listed = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, Details: true }));
  assert.equal(listed.CommandInvocations?.[0]?.CommandPlugins?.[0]?.Output?.length, 2500);
  assert.equal(listed.CommandInvocations?.[0]?.CommandPlugins?.[0]?.Name, 'aws:runShellScript');
  const commands = await ssm.send(new ListCommandsCommand({ CommandId: commandId }));
  assert.equal(commands.Commands?.[0]?.Status, 'Success');
  assert.equal(commands.Commands?.[0]?.CompletedCount, 1);
  await assert.rejects(ssm.send(new GetCommandInvocationCommand({ CommandId: '00000000-0000-0000-0000-000000000000', InstanceId: client })), { name: 'InvocationDoesNotExist' });
});

test('a script doing real work is not TimedOut at time scale 0: the execution timeout is wall-clock', async () => {
  const instant = await startTestLab({ timeScale: 0 });
  const config = { endpoint: instant.lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const fast = new SSMClient(config);
  const cfn = new CloudFormationClient(config);
  try {
    await cfn.send(new CreateStackCommand({ StackName: 'client', TemplateBody: CLIENT_TEMPLATE, Capabilities: ['CAPABILITY_IAM'] }));
    const id = await waitFor('the stack', async () => {
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'client' }))).Stacks?.[0];
      return stack?.StackStatus === 'CREATE_COMPLETE' ? stack.Outputs?.[0]?.OutputValue : undefined;
    });
    await waitFor('the client host', async () => (instant.clients.length > 0 ? true : undefined));
    const sent = await fast.send(new SendCommandCommand({ InstanceIds: [id ?? ''], DocumentName: 'AWS-RunShellScript', Parameters: { commands: ['wait 300'], executionTimeout: ['5'] } }));
    const result = await waitFor('the command', async () => {
      const invocation = await fast.send(new GetCommandInvocationCommand({ CommandId: sent.Command?.CommandId ?? '', InstanceId: id ?? '' }));
      return ['Success', 'Failed', 'Cancelled', 'TimedOut'].includes(invocation.Status ?? '') ? invocation : undefined;
    });
    assert.equal(result.Status, 'Success');
    assert.equal(result.StandardOutputContent, 'done\n');
  } finally {
    fast.destroy();
    cfn.destroy();
    await instant.close();
  }
});

test('SendCommand checks MaxConcurrency and MaxErrors against the model patterns and echoes them; Command has no OutputS3Region', async () => {
  for (const [member, value] of [['MaxConcurrency', '0'], ['MaxConcurrency', '101%'], ['MaxErrors', '-1'], ['MaxErrors', '12345678']] as const) {
    await assert.rejects(
      ssm.send(new SendCommandCommand({ InstanceIds: [client], DocumentName: 'AWS-RunShellScript', Parameters: { commands: ['true'] }, [member]: value })),
      (error: Error) => error.name === 'ValidationException' && error.message.includes(`Value '${value}' at '${member.charAt(0).toLowerCase()}${member.slice(1)}'`),
      `${member}=${value}`,
    );
  }
  const before = (await ssm.send(new ListCommandsCommand({}))).Commands?.length;
  const sent = await ssm.send(new SendCommandCommand({ InstanceIds: [client], DocumentName: 'AWS-RunShellScript', Parameters: { commands: ['true'] }, MaxConcurrency: '10%', MaxErrors: '1' }));
  assert.equal(sent.Command?.MaxConcurrency, '10%');
  assert.equal(sent.Command?.MaxErrors, '1');
  assert.equal(sent.Command?.OutputS3Region, undefined);
  assert.equal((await ssm.send(new ListCommandsCommand({}))).Commands?.length, (before ?? 0) + 1, 'refused commands were not recorded');
  await finished(sent.Command?.CommandId ?? '');
  const listed = await ssm.send(new ListCommandInvocationsCommand({ CommandId: sent.Command?.CommandId, Details: true }));
  assert.equal(listed.CommandInvocations?.[0]?.CommandPlugins?.[0]?.OutputS3Region, 'us-east-1');
});

test('GetParameters refuses a name longer than 2,048 characters or empty', async () => {
  for (const name of ['', 'x'.repeat(2049)]) {
    await assert.rejects(ssm.send(new GetParametersCommand({ Names: ['/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-arm64-gp2', name] })), (error: Error) => error.name === 'ValidationException' && /at 'names' failed to satisfy constraint: Member must satisfy constraint/.test(error.message));
  }
  const ok = await ssm.send(new GetParametersCommand({ Names: ['/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-arm64-gp2', 'x'.repeat(2048)] }));
  assert.equal(ok.Parameters?.length, 1);
  assert.deepEqual(ok.InvalidParameters, ['x'.repeat(2048)]);
});
