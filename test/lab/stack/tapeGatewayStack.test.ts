// The tape gateway template deployed in the lab through the real AWS CLI v2 and the SDK, then driven with Run Command.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { CloudFormationClient, DescribeStackEventsCommand, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SSMClient, SendCommandCommand } from '@aws-sdk/client-ssm';
import { startTestLab, waitFor, type TestLab } from './labFixture';
import { NO_AWS_CLI } from '../systemTools';

const TEMPLATE = resolve(__dirname, '../../../templates/tape-gateway.yaml');
let t: TestLab;
let ssm: SSMClient;
let cfn: CloudFormationClient;

before(async () => {
  t = await startTestLab();
  const config = { endpoint: t.lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  ssm = new SSMClient(config);
  cfn = new CloudFormationClient(config);
});
after(async () => {
  ssm.destroy();
  cfn.destroy();
  await t.close();
});

test('the template deploys with the CLI, boots a client host, runs commands and deletes', { skip: NO_AWS_CLI }, async () => {
  const created = await t.aws(['cloudformation', 'create-stack', '--stack-name', 'tapegw', '--template-body', `file://${TEMPLATE}`, '--capabilities', 'CAPABILITY_IAM', '--parameters', 'ParameterKey=CacheDiskSizeGiB,ParameterValue=150']);
  assert.equal(created.code, 0, created.stderr);
  assert.match(JSON.parse(created.stdout).StackId, /^arn:aws:cloudformation:us-east-1:123456789012:stack\/tapegw\/[0-9a-f-]{36}$/);

  const waited = await t.aws(['cloudformation', 'wait', 'stack-create-complete', '--stack-name', 'tapegw']);
  assert.equal(waited.code, 0, waited.stderr);

  const described = await t.aws(['cloudformation', 'describe-stacks', '--stack-name', 'tapegw']);
  const stack = JSON.parse(described.stdout).Stacks[0];
  assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
  const outputs = Object.fromEntries(stack.Outputs.map((o: { OutputKey: string; OutputValue: string }) => [o.OutputKey, o.OutputValue]));
  assert.match(outputs.GatewayInstanceId, /^i-[0-9a-f]{17}$/);
  assert.match(outputs.ClientInstanceId, /^i-[0-9a-f]{17}$/);
  assert.match(outputs.GatewayPrivateIp, /^10\.0\.1\.\d+$/);
  assert.equal(outputs.GatewayPrivateDnsName, `ip-${outputs.GatewayPrivateIp.replace(/\./g, '-')}.ec2.internal`);
  assert.match(outputs.StorageGatewayEndpointDns, /^vpce-[0-9a-f]{17}-[0-9a-f]{8}\.storagegateway\.us-east-1\.vpce\.amazonaws\.com$/);
  assert.equal(outputs.ActivationUrl, `http://${outputs.GatewayPrivateIp}/?gatewayType=VTL&activationRegion=us-east-1&vpcEndpoint=${outputs.StorageGatewayEndpointDns}&no_redirect`);
  assert.equal(outputs.Region, 'us-east-1');
  const amiParameter = stack.Parameters.find((p: { ParameterKey: string }) => p.ParameterKey === 'GatewayAmiId');
  assert.equal(amiParameter.ParameterValue, '/aws/service/storagegateway/ami/VTL/latest');
  assert.match(amiParameter.ResolvedValue, /^ami-[0-9a-f]{17}$/);

  assert.equal(t.gateways.length, 1);
  assert.deepEqual(t.gateways[0]?.volumes.map((v) => [v.deviceName, v.sizeGiB, v.nvmeIndex]), [['/dev/xvda', 80, 0], ['/dev/sdb', 150, 1], ['/dev/sdc', 165, 2]]);
  assert.equal(t.gateways[0]?.instanceId, outputs.GatewayInstanceId);

  const events = await cfn.send(new DescribeStackEventsCommand({ StackName: 'tapegw' }));
  const gatewayEvents = (events.StackEvents ?? []).filter((e) => e.LogicalResourceId === 'GatewayInstance').map((e) => e.ResourceStatus).reverse();
  assert.deepEqual(gatewayEvents, ['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
  const resources = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'tapegw' }));
  assert.equal(resources.StackResources?.length, 17);

  const client = outputs.ClientInstanceId as string;
  await waitFor('the client to be Online', async () => {
    const info = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [client] }] }));
    return info.InstanceInformationList?.[0]?.PingStatus === 'Online' ? true : undefined;
  });
  const booted = t.clients.find((c) => c.instance.instanceId === client);
  assert.ok(booted?.packages.includes('iscsi-initiator-utils'));
  assert.equal(booted?.packages.includes('mtx'), false, 'AL2023 core repositories have no mtx');

  const sent = await t.aws(['ssm', 'send-command', '--instance-ids', client, '--document-name', 'AWS-RunShellScript', '--parameters', 'commands=["cat /var/log/tapegw-bootstrap.status"]']);
  assert.equal(sent.code, 0, sent.stderr);
  const commandId = JSON.parse(sent.stdout).Command.CommandId as string;
  const invocation = await waitFor('the command to finish', async () => {
    const result = await t.aws(['ssm', 'get-command-invocation', '--command-id', commandId, '--instance-id', client]);
    const parsed = JSON.parse(result.stdout);
    return parsed.Status === 'Success' ? parsed : undefined;
  }, 40);
  assert.match(invocation.StandardOutputContent, /^os=amzn2023\niscsiadm=present\nmt=missing\nmtx=missing\ncompleted=\S+Z\n$/);
  assert.equal(invocation.ResponseCode, 0);

  const big = await ssm.send(new SendCommandCommand({ InstanceIds: [client], DocumentName: 'AWS-RunShellScript', Parameters: { commands: ['yes | head -n 20000'] } }));
  const bigResult = await waitFor('the big command', async () => {
    try {
      const r = await ssm.send(new GetCommandInvocationCommand({ CommandId: big.Command?.CommandId, InstanceId: client }));
      return r.Status === 'Success' ? r : undefined;
    } catch {
      return undefined;
    }
  });
  assert.equal(bigResult.StandardOutputContent?.length, 24_000);

  const deleted = await t.aws(['cloudformation', 'delete-stack', '--stack-name', 'tapegw']);
  assert.equal(deleted.code, 0, deleted.stderr);
  const gone = await t.aws(['cloudformation', 'wait', 'stack-delete-complete', '--stack-name', 'tapegw']);
  assert.equal(gone.code, 0, gone.stderr);
  assert.deepEqual([...t.terminated].sort(), [outputs.GatewayInstanceId, client].sort());
  const after = await t.aws(['cloudformation', 'describe-stacks', '--stack-name', 'tapegw']);
  assert.notEqual(after.code, 0);
  assert.match(after.stderr, /ValidationError.*Stack with id tapegw does not exist/);
});
