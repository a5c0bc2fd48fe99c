// Nested stacks through the real AWS CLI: `cloudformation package` + `deploy` of a template folder, --template-url,
// child stacks with ParentId/RootId, outputs up, events in both stacks, deletion and rollback cascading, another region.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { startS3Lab, type S3Lab } from '../s3/s3Fixture';

const FOLDER = resolve(__dirname, 'fixtures', 'nested');
let s3: S3Lab;

interface Stack {
  StackId: string;
  StackName: string;
  StackStatus: string;
  StackStatusReason?: string;
  ParentId?: string;
  RootId?: string;
  Outputs?: { OutputKey: string; OutputValue: string }[];
}
interface StackEvent {
  LogicalResourceId: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  PhysicalResourceId?: string;
}

before(async () => {
  s3 = await startS3Lab();
});
after(() => s3.close());

async function ok(args: string[], region = 'us-east-1'): Promise<string> {
  const result = await s3.aws([...args, '--region', region]);
  assert.equal(result.code, 0, `aws ${args.join(' ')}\n${result.stderr}`);
  return result.stdout;
}

async function json<T>(args: string[], region = 'us-east-1'): Promise<T> {
  return JSON.parse(await ok([...args, '--output', 'json'], region)) as T;
}

async function describe(stackName: string, region = 'us-east-1'): Promise<Stack> {
  const { Stacks } = await json<{ Stacks: Stack[] }>(['cloudformation', 'describe-stacks', '--stack-name', stackName], region);
  assert.ok(Stacks[0]);
  return Stacks[0];
}

async function events(stackName: string, region = 'us-east-1'): Promise<StackEvent[]> {
  return (await json<{ StackEvents: StackEvent[] }>(['cloudformation', 'describe-stack-events', '--stack-name', stackName], region)).StackEvents.reverse();
}

async function packaged(bucket: string, region = 'us-east-1'): Promise<string> {
  const output = join(s3.dir, `packaged-${bucket}.yaml`);
  await ok(['cloudformation', 'package', '--template-file', join(FOLDER, 'root.yaml'), '--s3-bucket', bucket, '--output-template-file', output], region);
  return output;
}

test('package + deploy a template folder: child stacks with ParentId/RootId, outputs up, events in both, delete cascades', async () => {
  await ok(['s3', 'mb', 's3://nested-artifacts']);
  const template = await packaged('nested-artifacts');
  assert.match(await ok(['s3', 'ls', 's3://nested-artifacts/']), /\.template/);
  await ok(['cloudformation', 'deploy', '--template-file', template, '--stack-name', 'nested', '--parameter-overrides', 'Prefix=deployed']);
  const root = await describe('nested');
  assert.equal(root.StackStatus, 'CREATE_COMPLETE');
  const outputs = Object.fromEntries((root.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
  assert.match(outputs.VpcId ?? '', /^vpc-0[0-9a-f]{16}$/);
  assert.match(outputs.SecurityGroupId ?? '', /^sg-0[0-9a-f]{16}$/);
  const networkId = outputs.NetworkStackId ?? '';
  assert.match(networkId, /^arn:aws:cloudformation:us-east-1:123456789012:stack\/nested-Network-[A-Z0-9]{12}\/[0-9a-f-]{36}$/);
  const network = await describe(networkId);
  assert.deepEqual([network.ParentId, network.RootId, network.StackStatus], [root.StackId, root.StackId, 'CREATE_COMPLETE']);
  assert.equal(network.Outputs?.find((output) => output.OutputKey === 'VpcId')?.OutputValue, outputs.VpcId);
  const { StackResources } = await json<{ StackResources: { LogicalResourceId: string; PhysicalResourceId: string }[] }>(['cloudformation', 'describe-stack-resources', '--stack-name', networkId]);
  assert.deepEqual(StackResources.map((resource) => resource.LogicalResourceId).sort(), ['Subnet', 'Vpc']);
  const { StackResourceDetail } = await json<{ StackResourceDetail: { PhysicalResourceId: string } }>(['cloudformation', 'describe-stack-resource', '--stack-name', 'nested', '--logical-resource-id', 'Network']);
  assert.equal(StackResourceDetail.PhysicalResourceId, networkId);
  const { StackSummaries } = await json<{ StackSummaries: { StackName: string; ParentId?: string }[] }>(['cloudformation', 'list-stacks', '--stack-status-filter', 'CREATE_COMPLETE']);
  assert.equal(StackSummaries.filter((summary) => summary.ParentId === root.StackId).length, 2);
  const parentEvents = (await events('nested')).map((event) => `${event.LogicalResourceId} ${event.ResourceStatus}`);
  assert.ok(parentEvents.indexOf('Network CREATE_COMPLETE') < parentEvents.indexOf('Security CREATE_IN_PROGRESS'), 'Security waits for the output it reads from Network');
  assert.equal(parentEvents.at(-1), 'nested CREATE_COMPLETE');
  const childEvents = await events(networkId);
  assert.deepEqual([childEvents[0]?.ResourceStatus, childEvents.at(-1)?.ResourceStatus], ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);

  await ok(['cloudformation', 'delete-stack', '--stack-name', 'nested']);
  await ok(['cloudformation', 'wait', 'stack-delete-complete', '--stack-name', root.StackId]);
  assert.equal((await describe(networkId)).StackStatus, 'DELETE_COMPLETE');
  const deletion = (await events(root.StackId)).map((event) => `${event.LogicalResourceId} ${event.ResourceStatus}`);
  assert.ok(deletion.indexOf('Security DELETE_COMPLETE') < deletion.indexOf('Network DELETE_IN_PROGRESS'), 'dependents are deleted first');
  assert.equal(deletion.at(-1), 'nested DELETE_COMPLETE');
});

test('create-stack, validate-template and get-template-summary take --template-url in the S3 URL forms', async () => {
  await ok(['s3', 'mb', 's3://url-forms']);
  const template = await packaged('url-forms');
  await ok(['s3', 'cp', template, 's3://url-forms/root/packaged.yaml']);
  const port = new URL(s3.lab.endpoint).port;
  const forms = [
    'https://url-forms.s3.amazonaws.com/root/packaged.yaml',
    'https://url-forms.s3.us-east-1.amazonaws.com/root/packaged.yaml',
    'https://s3.us-east-1.amazonaws.com/url-forms/root/packaged.yaml',
    'https://s3.amazonaws.com/url-forms/root/packaged.yaml',
    `http://127.0.0.1:${port}/url-forms/root/packaged.yaml`,
  ];
  for (const url of forms) {
    const summary = await json<{ Parameters: { ParameterKey: string }[] }>(['cloudformation', 'validate-template', '--template-url', url]);
    assert.deepEqual(summary.Parameters.map((parameter) => parameter.ParameterKey).sort(), ['Prefix', 'VpcCidr'], url);
  }
  const resources = await json<{ ResourceTypes: string[] }>(['cloudformation', 'get-template-summary', '--template-url', forms[0] ?? '']);
  assert.deepEqual(resources.ResourceTypes, ['AWS::CloudFormation::Stack']);
  await ok(['cloudformation', 'create-stack', '--stack-name', 'by-url', '--template-url', forms[2] ?? '']);
  await ok(['cloudformation', 'wait', 'stack-create-complete', '--stack-name', 'by-url']);
  const notS3 = await s3.aws(['cloudformation', 'create-stack', '--stack-name', 'elsewhere', '--template-url', 'https://example.com/root.yaml']);
  assert.match(notS3.stderr, /\(ValidationError\) when calling the CreateStack operation: TemplateURL must be a supported URL\./);
  const missing = await s3.aws(['cloudformation', 'create-stack', '--stack-name', 'missing', '--template-url', 'https://url-forms.s3.amazonaws.com/no/such.yaml']);
  assert.match(missing.stderr, /\(ValidationError\) when calling the CreateStack operation: TemplateURL must reference a valid S3 object to which you have access\./);
  const stacks = await json<{ StackSummaries: { StackName: string }[] }>(['cloudformation', 'list-stacks']);
  assert.deepEqual(stacks.StackSummaries.filter((summary) => ['elsewhere', 'missing'].includes(summary.StackName)), [], 'refused stacks leave nothing');
});

test('a nested set deploys in eu-west-1: child ARNs and zones in that region', async () => {
  await ok(['s3', 'mb', 's3://nested-europe'], 'eu-west-1');
  const template = await packaged('nested-europe', 'eu-west-1');
  await ok(['cloudformation', 'deploy', '--template-file', template, '--stack-name', 'nested-eu'], 'eu-west-1');
  const root = await describe('nested-eu', 'eu-west-1');
  const networkId = root.Outputs?.find((output) => output.OutputKey === 'NetworkStackId')?.OutputValue ?? '';
  assert.match(networkId, /^arn:aws:cloudformation:eu-west-1:/);
  const subnets = await json<{ StackResources: { LogicalResourceId: string; PhysicalResourceId: string }[] }>(['cloudformation', 'describe-stack-resources', '--stack-name', networkId], 'eu-west-1');
  assert.ok(subnets.StackResources.some((resource) => resource.LogicalResourceId === 'Subnet'));
  const inUsEast = await s3.aws(['cloudformation', 'describe-stacks', '--stack-name', 'nested-eu', '--region', 'us-east-1']);
  assert.match(inUsEast.stderr, /Stack with id nested-eu does not exist/);
});

async function uploadTemplate(bucket: string, key: string, body: string): Promise<string> {
  const path = join(s3.dir, key.replace(/\//g, '_'));
  await writeFile(path, body);
  await ok(['s3', 'cp', path, `s3://${bucket}/${key}`]);
  return `https://${bucket}.s3.amazonaws.com/${key}`;
}

async function liveChildren(rootId: string): Promise<string[]> {
  const { StackSummaries } = await json<{ StackSummaries: { StackName: string; StackStatus: string; ParentId?: string }[] }>(['cloudformation', 'list-stacks']);
  return StackSummaries.filter((summary) => summary.ParentId === rootId && summary.StackStatus !== 'DELETE_COMPLETE').map((summary) => `${summary.StackName} ${summary.StackStatus}`);
}

test('a missing child template, a failing child and a circular reference roll the whole tree back', async () => {
  await ok(['s3', 'mb', 's3://nested-bad']);
  const vpc = 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.30.0.0/16 }\n';
  const good = await uploadTemplate('nested-bad', 'good.yaml', vpc);
  const failing = await uploadTemplate('nested-bad', 'failing.yaml', `${vpc}  Subnet:\n    Type: AWS::EC2::Subnet\n    DependsOn: Vpc\n    Properties: { VpcId: vpc-0000000000000000f, CidrBlock: 10.30.1.0/24 }\n`);
  const circularUrl = 'https://nested-bad.s3.amazonaws.com/circular.yaml';
  await uploadTemplate('nested-bad', 'circular.yaml', `Resources:\n  Again:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: ${circularUrl} }\n`);
  const cases = [
    { name: 'child-missing', url: 'https://nested-bad.s3.amazonaws.com/absent.yaml', reason: /^TemplateURL must reference a valid S3 object to which you have access\.$/ },
    { name: 'child-failing', url: failing, reason: /^Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack\/child-failing-Child-\w+\/[0-9a-f-]+ was not successfully created: The following resource\(s\) failed to create: \[Subnet\]\. $/ },
    { name: 'child-circular', url: circularUrl, reason: /^Embedded stack .* was not successfully created: .*\[Again\]/ },
  ];
  for (const { name, url, reason } of cases) {
    const body = await uploadTemplate('nested-bad', `${name}.yaml`, `Resources:\n  Good:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: ${good} }\n  Child:\n    Type: AWS::CloudFormation::Stack\n    DependsOn: Good\n    Properties: { TemplateURL: ${url} }\n`);
    await ok(['cloudformation', 'create-stack', '--stack-name', name, '--template-url', body]);
    const waited = await s3.aws(['cloudformation', 'wait', 'stack-create-complete', '--stack-name', name, '--region', 'us-east-1']);
    assert.notEqual(waited.code, 0, name);
    const root = await describe(name);
    assert.equal(root.StackStatus, 'ROLLBACK_COMPLETE', name);
    const failed = (await events(name)).find((event) => event.LogicalResourceId === 'Child' && event.ResourceStatus === 'CREATE_FAILED');
    assert.match(failed?.ResourceStatusReason ?? '', reason, name);
    assert.deepEqual(await liveChildren(root.StackId), [], `${name}: no child stack is left`);
  }
  const { StackSummaries } = await json<{ StackSummaries: { StackId: string; StackName: string }[] }>(['cloudformation', 'list-stacks']);
  const circularChild = StackSummaries.find((summary) => summary.StackName.startsWith('child-circular-Child-'));
  assert.ok(circularChild, 'the first level of the circular template was created, then rolled back');
  const againFailed = (await events(circularChild.StackId)).find((event) => event.LogicalResourceId === 'Again' && event.ResourceStatus === 'CREATE_FAILED');
  assert.match(againFailed?.ResourceStatusReason ?? '', /Circular nested stack reference/);
});

test('deploy again with new parameters updates the child stacks in place; a failing child update rolls both back', async () => {
  await ok(['s3', 'mb', 's3://nested-update']);
  const template = await packaged('nested-update');
  await ok(['cloudformation', 'deploy', '--template-file', template, '--stack-name', 'nested-up']);
  const before = await describe('nested-up');
  const networkId = before.Outputs?.find((output) => output.OutputKey === 'NetworkStackId')?.OutputValue ?? '';
  const vpcBefore = before.Outputs?.find((output) => output.OutputKey === 'VpcId')?.OutputValue;
  await ok(['cloudformation', 'deploy', '--template-file', template, '--stack-name', 'nested-up', '--parameter-overrides', 'VpcCidr=10.21.0.0/16']);
  const after = await describe('nested-up');
  assert.equal(after.StackStatus, 'UPDATE_COMPLETE');
  assert.equal(after.Outputs?.find((output) => output.OutputKey === 'NetworkStackId')?.OutputValue, networkId, 'the same child stack, updated in place');
  assert.notEqual(after.Outputs?.find((output) => output.OutputKey === 'VpcId')?.OutputValue, vpcBefore, 'a new CIDR replaced the VPC inside the child');
  assert.equal((await describe(networkId)).StackStatus, 'UPDATE_COMPLETE');
  assert.ok((await events('nested-up')).some((event) => event.LogicalResourceId === 'Network' && event.ResourceStatus === 'UPDATE_COMPLETE'));

  const failed = await s3.aws(['cloudformation', 'deploy', '--template-file', template, '--stack-name', 'nested-up', '--parameter-overrides', 'VpcCidr=not-a-cidr', '--region', 'us-east-1']);
  assert.notEqual(failed.code, 0);
  const rolledBack = await describe('nested-up');
  assert.equal(rolledBack.StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
  assert.equal((await describe(networkId)).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
  const reason = (await events('nested-up')).find((event) => event.LogicalResourceId === 'Network' && event.ResourceStatus === 'UPDATE_FAILED')?.ResourceStatusReason ?? '';
  assert.match(reason, /^Embedded stack arn:aws:cloudformation:.* was not successfully updated\. Currently in UPDATE_ROLLBACK_COMPLETE\.$/);
  assert.equal(rolledBack.Outputs?.find((output) => output.OutputKey === 'VpcId')?.OutputValue, after.Outputs?.find((output) => output.OutputKey === 'VpcId')?.OutputValue);
});
