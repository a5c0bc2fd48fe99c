// The EC2 API through the real AWS CLI v2: describe-* with filters on a deployed stack, stop/start and what it does to the
// gateway, and EC2's errors for bad input (which change nothing).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { ListLocalDisksCommand } from '@aws-sdk/client-storage-gateway';
import { awsCli, type AwsCli } from './awsCli';
import { activateGateway, deployTapeGatewayStack, runOk, startStackLab, TEMPLATE_PATH, waitFor, waitForClient, type StackLab, type StackOutputs } from './stackLab';

interface Instance {
  InstanceId: string;
  State: { Name: string; Code: number };
  VpcId: string;
  SubnetId: string;
  Architecture: string;
  Tags: { Key: string; Value: string }[];
}

let t: StackLab;
let cli: AwsCli;
let outputs: StackOutputs;
let gatewayArn: string;

before(async () => {
  t = await startStackLab();
  cli = await awsCli(t.lab);
  outputs = await deployTapeGatewayStack(t, 'ec2', await readFile(TEMPLATE_PATH, 'utf8'));
  gatewayArn = await activateGateway(t, outputs, 'ec2-gw');
});
after(() => t.stop());

async function instances(args: readonly string[]): Promise<Instance[]> {
  const answer = await cli.json<{ Reservations: { Instances: Instance[] }[] }>(['ec2', 'describe-instances', ...args]);
  return answer.Reservations.flatMap((r) => r.Instances);
}

const ids = (list: readonly Instance[]) => list.map((i) => i.InstanceId).sort();

test('describe-instances filters by the CloudFormation tags, state, VPC, subnet, id and tag keys', async () => {
  const gateway = outputs.GatewayInstanceId ?? '';
  const client = outputs.ClientInstanceId ?? '';
  const byStack = await instances(['--filters', 'Name=tag:aws:cloudformation:stack-name,Values=ec2', 'Name=instance-state-name,Values=running']);
  assert.deepEqual(ids(byStack), [client, gateway].sort());
  const clientView = byStack.find((i) => i.InstanceId === client);
  assert.equal(clientView?.State.Code, 16);
  assert.equal(clientView?.Architecture, 'arm64', 'the template runs its client on t4g (Graviton)');
  assert.deepEqual(ids(await instances(['--filters', 'Name=tag:aws:cloudformation:logical-id,Values=GatewayInstance'])), [gateway]);
  const stackId = clientView?.Tags.find((tag) => tag.Key === 'aws:cloudformation:stack-id')?.Value ?? '';
  assert.match(stackId, /^arn:aws:cloudformation:us-east-1:123456789012:stack\/ec2\//);
  assert.deepEqual(ids(await instances(['--filters', `Name=tag:aws:cloudformation:stack-id,Values=${stackId}`])), [client, gateway].sort());
  assert.deepEqual(ids(await instances(['--filters', `Name=vpc-id,Values=${clientView?.VpcId}`, `Name=subnet-id,Values=${clientView?.SubnetId}`])), [client, gateway].sort());
  assert.deepEqual(ids(await instances(['--filters', 'Name=tag:Name,Values=*-client'])), [client]);
  assert.deepEqual(ids(await instances(['--filters', 'Name=tag-key,Values=aws:cloudformation:logical-id', `Name=instance-id,Values=${gateway}`])), [gateway]);
  assert.deepEqual(ids(await instances(['--instance-ids', client])), [client]);
  const addresses = await cli.json<string[]>(['ec2', 'describe-instances', '--instance-ids', gateway, '--query', 'Reservations[].Instances[].NetworkInterfaces[].PrivateIpAddress']);
  assert.deepEqual(addresses, [outputs.GatewayPrivateIp]);
  assert.deepEqual(await instances(['--filters', 'Name=instance-state-name,Values=stopped']), []);
});

test('describe-volumes, -vpcs, -subnets, -security-groups, -vpc-endpoints and -images answer for the stack', async () => {
  const gateway = outputs.GatewayInstanceId ?? '';
  const volumes = await cli.json<{ Volumes: { Size: number; Attachments: { Device: string; InstanceId: string }[] }[] }>(['ec2', 'describe-volumes', '--filters', `Name=attachment.instance-id,Values=${gateway}`]);
  assert.deepEqual(volumes.Volumes.map((v) => [v.Attachments[0]?.Device, v.Size]).sort(), [['/dev/sdb', 165], ['/dev/sdc', 165], ['/dev/xvda', 80]]);

  const vpcs = await cli.json<{ Vpcs: { VpcId: string; CidrBlock: string }[] }>(['ec2', 'describe-vpcs', '--filters', 'Name=tag:aws:cloudformation:stack-name,Values=ec2']);
  assert.equal(vpcs.Vpcs.length, 1);
  const vpcId = vpcs.Vpcs[0]?.VpcId ?? '';
  const subnets = await cli.json<{ Subnets: { VpcId: string }[] }>(['ec2', 'describe-subnets', '--filters', `Name=vpc-id,Values=${vpcId}`]);
  assert.ok(subnets.Subnets.length >= 1 && subnets.Subnets.every((s) => s.VpcId === vpcId));
  const groups = await cli.json<{ SecurityGroups: { GroupName: string }[] }>(['ec2', 'describe-security-groups', '--filters', `Name=vpc-id,Values=${vpcId}`, 'Name=tag:aws:cloudformation:logical-id,Values=GatewaySecurityGroup']);
  assert.equal(groups.SecurityGroups.length, 1);
  assert.match(groups.SecurityGroups[0]?.GroupName ?? '', /^ec2-GatewaySecurityGroup-[A-Z0-9]{12}$/);
  const clientGroup = (await cli.json<{ SecurityGroups: { GroupId: string }[] }>(['ec2', 'describe-security-groups', '--filters', 'Name=tag:aws:cloudformation:logical-id,Values=ClientSecurityGroup'])).SecurityGroups[0]?.GroupId;
  const rules = await cli.json<{ SecurityGroups: { IpPermissions: { IpProtocol: string; FromPort: number; ToPort: number; UserIdGroupPairs: { GroupId: string }[] }[]; IpPermissionsEgress: { IpProtocol: string; IpRanges: { CidrIp: string }[] }[] }[] }>([
    'ec2', 'describe-security-groups', '--filters', 'Name=ip-permission.from-port,Values=3260', `Name=ip-permission.group-id,Values=${clientGroup}`,
  ]);
  assert.equal(rules.SecurityGroups.length, 1, 'only the gateway group lets the client in on 3260');
  assert.deepEqual(rules.SecurityGroups[0]?.IpPermissions.map((p) => [p.IpProtocol, p.FromPort, p.ToPort, p.UserIdGroupPairs.map((g) => g.GroupId)]), [
    ['tcp', 80, 80, [clientGroup]],
    ['tcp', 3260, 3260, [clientGroup]],
  ]);
  assert.deepEqual(rules.SecurityGroups[0]?.IpPermissionsEgress.map((p) => [p.IpProtocol, p.IpRanges.map((r) => r.CidrIp)]), [['-1', ['0.0.0.0/0']]]);

  const endpoints = await cli.json<{ VpcEndpoints: { ServiceName: string; DnsEntries: { DnsName: string; HostedZoneId: string }[] }[] }>([
    'ec2', 'describe-vpc-endpoints', '--filters', 'Name=service-name,Values=com.amazonaws.us-east-1.storagegateway',
  ]);
  assert.equal(endpoints.VpcEndpoints.length, 1);
  const regional = endpoints.VpcEndpoints[0]?.DnsEntries[0];
  assert.match(regional?.DnsName ?? '', /^vpce-[0-9a-f]{17}-[0-9a-z]{8}\.storagegateway\.us-east-1\.vpce\.amazonaws\.com$/);
  assert.equal(regional?.HostedZoneId, 'Z7HUB22UULQXV');

  const parameter = '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-arm64-gp2';
  const amiId = (await cli.json<{ Parameters: { Value: string }[] }>(['ssm', 'get-parameters', '--names', parameter])).Parameters[0]?.Value ?? '';
  const images = await cli.json<{ Images: { ImageId: string; Architecture: string; Name: string }[] }>(['ec2', 'describe-images', '--image-ids', amiId]);
  assert.equal(images.Images[0]?.Architecture, 'arm64');
  assert.match(images.Images[0]?.Name ?? '', /^amzn2-ami-hvm-2\.0\.\d+\.\d+-arm64-gp2$/);
});

test('stopping the gateway instance takes the gateway offline until the instance starts again', async () => {
  const gateway = outputs.GatewayInstanceId ?? '';
  const stopped = await cli.json<{ StoppingInstances: { CurrentState: { Name: string }; PreviousState: { Name: string } }[] }>(['ec2', 'stop-instances', '--instance-ids', gateway]);
  assert.equal(stopped.StoppingInstances[0]?.PreviousState.Name, 'running');
  assert.match(stopped.StoppingInstances[0]?.CurrentState.Name ?? '', /^(stopping|stopped)$/);
  const offline = await cli.run(['storagegateway', 'list-local-disks', '--gateway-arn', gatewayArn]);
  assert.notEqual(offline.code, 0);
  assert.match(offline.stderr, /InvalidGatewayRequestException.*The specified gateway is not connected/);
  const info = await cli.json<{ GatewayState: string }>(['storagegateway', 'describe-gateway-information', '--gateway-arn', gatewayArn]);
  assert.equal(info.GatewayState, 'STATE_SHUTDOWN');
  const startGateway = await cli.run(['storagegateway', 'start-gateway', '--gateway-arn', gatewayArn]);
  assert.match(startGateway.stderr, /not connected/, 'StartGateway cannot start a gateway whose instance is stopped');
  await cli.run(['ec2', 'wait', 'instance-stopped', '--instance-ids', gateway]).then((r) => assert.equal(r.code, 0, r.stderr));
  const status = await cli.json<{ InstanceStatuses: unknown[] }>(['ec2', 'describe-instance-status', '--instance-ids', gateway]);
  assert.deepEqual(status.InstanceStatuses, [], 'without --include-all-instances only running instances are listed');
  const all = await cli.json<{ InstanceStatuses: { InstanceState: { Name: string }; InstanceStatus: { Status: string } }[] }>(['ec2', 'describe-instance-status', '--instance-ids', gateway, '--include-all-instances']);
  assert.deepEqual(all.InstanceStatuses.map((s) => [s.InstanceState.Name, s.InstanceStatus.Status]), [['stopped', 'not-applicable']]);

  await cli.json(['ec2', 'start-instances', '--instance-ids', gateway]);
  await cli.run(['ec2', 'wait', 'instance-running', '--instance-ids', gateway]).then((r) => assert.equal(r.code, 0, r.stderr));
  const disks = await waitFor('the gateway to answer again', async () => (await t.sg.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn })).catch(() => undefined))?.Disks);
  assert.equal(disks.length, 2);
});

test('bad input gets EC2 errors and changes nothing', async () => {
  const gateway = outputs.GatewayInstanceId ?? '';
  const missing = await cli.run(['ec2', 'describe-instances', '--instance-ids', 'i-0123456789abcdef0']);
  assert.match(missing.stderr, /\(InvalidInstanceID\.NotFound\).*The instance ID 'i-0123456789abcdef0' does not exist/);
  const malformed = await cli.run(['ec2', 'describe-instances', '--instance-ids', 'instance-1']);
  assert.match(malformed.stderr, /\(InvalidInstanceID\.Malformed\)/);
  const filter = await cli.run(['ec2', 'describe-instances', '--filters', 'Name=colour,Values=blue']);
  assert.match(filter.stderr, /\(InvalidParameterValue\).*The filter 'colour' is invalid/);
  const page = await cli.run(['ec2', 'describe-instances', '--max-results', '3']);
  assert.match(page.stderr, /\(InvalidParameterValue\).*maxResults/);

  // One unknown id among good ones: nothing is stopped.
  const partial = await cli.run(['ec2', 'stop-instances', '--instance-ids', gateway, 'i-0123456789abcdef0']);
  assert.match(partial.stderr, /\(InvalidInstanceID\.NotFound\)/);
  assert.equal((await instances(['--instance-ids', gateway]))[0]?.State.Name, 'running');
  const dryRun = await cli.run(['ec2', 'stop-instances', '--instance-ids', gateway, '--dry-run']);
  assert.match(dryRun.stderr, /\(DryRunOperation\)/);
  assert.equal((await instances(['--instance-ids', gateway]))[0]?.State.Name, 'running');
});

test('a stopped client leaves SSM, registers again after a start, and keeps its home folder', async () => {
  const client = outputs.ClientInstanceId ?? '';
  await runOk(t.ssm, client, ['echo kept > /home/ssm-user/kept.txt']);
  await cli.json(['ec2', 'stop-instances', '--instance-ids', client]);
  const refused = await cli.run(['ssm', 'send-command', '--instance-ids', client, '--document-name', 'AWS-RunShellScript', '--parameters', 'commands=true']);
  assert.match(refused.stderr, /\(InvalidInstanceId\)/);
  const managed = await cli.json<{ InstanceInformationList: { InstanceId: string }[] }>(['ssm', 'describe-instance-information']);
  assert.ok(!managed.InstanceInformationList.some((i) => i.InstanceId === client));
  await cli.run(['ec2', 'wait', 'instance-stopped', '--instance-ids', client]).then((r) => assert.equal(r.code, 0, r.stderr));
  await cli.json(['ec2', 'start-instances', '--instance-ids', client]);
  await waitForClient(t, client);
  assert.equal(await runOk(t.ssm, client, ['cat /home/ssm-user/kept.txt']), 'kept\n');
});

test('after DeleteStack its instances read as terminated (the instance-terminated waiter succeeds) and drop out of running filters', async () => {
  const gateway = outputs.GatewayInstanceId ?? '';
  const client = outputs.ClientInstanceId ?? '';
  await cli.json(['cloudformation', 'delete-stack', '--stack-name', 'ec2']);
  await cli.run(['cloudformation', 'wait', 'stack-delete-complete', '--stack-name', 'ec2']).then((r) => assert.equal(r.code, 0, r.stderr));
  await cli.run(['ec2', 'wait', 'instance-terminated', '--instance-ids', gateway, client]).then((r) => assert.equal(r.code, 0, r.stderr));
  const gone = await instances(['--instance-ids', gateway, client]);
  assert.deepEqual(gone.map((i) => [i.State.Name, i.State.Code]), [['terminated', 48], ['terminated', 48]]);
  assert.deepEqual(await instances(['--filters', 'Name=tag:aws:cloudformation:stack-name,Values=ec2', 'Name=instance-state-name,Values=running']), []);
  const stop = await cli.run(['ec2', 'stop-instances', '--instance-ids', gateway]);
  assert.match(stop.stderr, /\(IncorrectInstanceState\)/);
});
