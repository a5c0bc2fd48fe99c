// Bad input and failing resources answered as CloudFormation and SSM answer them, checked through the real AWS CLI v2.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestLab, type TestLab } from './labFixture';
import { NO_AWS_CLI } from '../systemTools';

let t: TestLab;
before(async () => {
  t = await startTestLab();
});
after(() => t.close());

async function templateFile(name: string, body: string): Promise<string> {
  const path = join(t.dir, name);
  await writeFile(path, body);
  return `file://${path}`;
}

const BROKEN = `
Parameters:
  Cidr:
    Type: String
    Default: 10.9.0.0/16
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: !Ref Cidr }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.9.1.0/24 }
  Broken:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-0123456789abcdef0, InstanceType: t3.micro, SubnetId: !Ref Subnet }
`;

test('invalid YAML is a ValidationError naming the line', { skip: NO_AWS_CLI }, async () => {
  const result = await t.aws(['cloudformation', 'validate-template', '--template-body', await templateFile('bad.yaml', 'Resources:\n  A:\n    Type: [unclosed\n')]);
  assert.equal(result.code, 254);
  assert.match(result.stderr, /An error occurred \(ValidationError\) when calling the ValidateTemplate operation: Template format error: YAML not well-formed\. \(line \d+, column \d+\)/);
});

test('a missing parameter value is named', { skip: NO_AWS_CLI }, async () => {
  const body = await templateFile('param.yaml', 'Parameters:\n  Needed: { Type: String }\nResources:\n  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }\n');
  const result = await t.aws(['cloudformation', 'create-stack', '--stack-name', 'missing', '--template-body', body]);
  assert.match(result.stderr, /\(ValidationError\) when calling the CreateStack operation: Parameters: \[Needed\] must have values/);
});

test('a duplicate stack name is AlreadyExistsException and IAM needs its capability', { skip: NO_AWS_CLI }, async () => {
  const body = await templateFile('vpc.yaml', 'Resources:\n  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }\n');
  assert.equal((await t.aws(['cloudformation', 'create-stack', '--stack-name', 'twice', '--template-body', body])).code, 0);
  const again = await t.aws(['cloudformation', 'create-stack', '--stack-name', 'twice', '--template-body', body]);
  assert.match(again.stderr, /\(AlreadyExistsException\) when calling the CreateStack operation: Stack \[twice\] already exists/);
  const iam = await templateFile('iam.yaml', 'Resources:\n  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }\n');
  const refused = await t.aws(['cloudformation', 'create-stack', '--stack-name', 'iam', '--template-body', iam]);
  assert.match(refused.stderr, /\(InsufficientCapabilitiesException\) when calling the CreateStack operation: Requires capabilities : \[CAPABILITY_IAM\]/);
});

test('an unknown resource type and a constraint violation fail before anything is created', { skip: NO_AWS_CLI }, async () => {
  const unknown = await t.aws(['cloudformation', 'create-stack', '--stack-name', 'odd', '--template-body', await templateFile('odd.yaml', 'Resources:\n  X: { Type: AWS::Nope::Thing }\n')]);
  assert.match(unknown.stderr, /\(ValidationError\).*Template format error: Unrecognized resource types: \[AWS::Nope::Thing\]/);
  const template = `file://${join(__dirname, '../../../templates/tape-gateway.yaml')}`;
  const small = await t.aws(['cloudformation', 'create-stack', '--stack-name', 'small', '--template-body', template, '--capabilities', 'CAPABILITY_IAM', '--parameters', 'ParameterKey=CacheDiskSizeGiB,ParameterValue=4']);
  assert.match(small.stderr, /\(ValidationError\).*Parameter 'CacheDiskSizeGiB' must be a number not less than 8/);
  const os = await t.aws(['cloudformation', 'create-stack', '--stack-name', 'os', '--template-body', template, '--capabilities', 'CAPABILITY_IAM', '--parameters', 'ParameterKey=ClientOperatingSystem,ParameterValue=Ubuntu']);
  assert.match(os.stderr, /\(ValidationError\).*Parameter 'ClientOperatingSystem' must be one of AllowedValues/);
});

test('a failing resource rolls the stack back with a readable reason', async () => {
  const created = await t.aws(['cloudformation', 'create-stack', '--stack-name', 'broken', '--template-body', await templateFile('broken.yaml', BROKEN)]);
  assert.equal(created.code, 0, created.stderr);
  const waited = await t.aws(['cloudformation', 'wait', 'stack-create-complete', '--stack-name', 'broken']);
  assert.equal(waited.code, 255);
  assert.match(waited.stderr, /Waiter StackCreateComplete failed: Waiter encountered a terminal failure state/);
  const described = JSON.parse((await t.aws(['cloudformation', 'describe-stacks', '--stack-name', 'broken'])).stdout).Stacks[0];
  assert.equal(described.StackStatus, 'ROLLBACK_COMPLETE');
  const events = JSON.parse((await t.aws(['cloudformation', 'describe-stack-events', '--stack-name', 'broken'])).stdout).StackEvents as { LogicalResourceId: string; ResourceStatus: string; ResourceStatusReason?: string }[];
  const failed = events.find((e) => e.LogicalResourceId === 'Broken' && e.ResourceStatus === 'CREATE_FAILED');
  assert.match(failed?.ResourceStatusReason ?? '', /^The image id '\[ami-0123456789abcdef0\]' does not exist \(Service: AmazonEC2; Status Code: 400; Error Code: InvalidAMIID\.NotFound;/);
  const rollback = events.find((e) => e.LogicalResourceId === 'broken' && e.ResourceStatus === 'ROLLBACK_IN_PROGRESS');
  assert.equal(rollback?.ResourceStatusReason, 'The following resource(s) failed to create: [Broken]. Rollback requested by user.');
  assert.ok(events.some((e) => e.LogicalResourceId === 'Vpc' && e.ResourceStatus === 'DELETE_COMPLETE'));
  assert.equal(events[0]?.ResourceStatus, 'ROLLBACK_COMPLETE');
  assert.equal((await t.aws(['cloudformation', 'delete-stack', '--stack-name', 'broken'])).code, 0);
});

test('SendCommand to an unknown instance is InvalidInstanceId', async () => {
  const result = await t.aws(['ssm', 'send-command', '--instance-ids', 'i-0123456789abcdef0', '--document-name', 'AWS-RunShellScript', '--parameters', 'commands=["true"]']);
  assert.equal(result.code, 254);
  assert.match(result.stderr, /An error occurred \(InvalidInstanceId\) when calling the SendCommand operation: $/m);
});

test('public AMI parameters resolve, unknown names are ParameterNotFound', async () => {
  const found = JSON.parse((await t.aws(['ssm', 'get-parameter', '--name', '/aws/service/storagegateway/ami/VTL/latest'])).stdout).Parameter;
  assert.match(found.Value, /^ami-[0-9a-f]{17}$/);
  assert.equal(found.ARN, 'arn:aws:ssm:us-east-1::parameter/aws/service/storagegateway/ami/VTL/latest');
  const missing = await t.aws(['ssm', 'get-parameter', '--name', '/aws/service/nothing/here']);
  assert.match(missing.stderr, /\(ParameterNotFound\) when calling the GetParameter operation/);
  const byPath = JSON.parse((await t.aws(['ssm', 'get-parameters-by-path', '--path', '/aws/service/ami-amazon-linux-latest'])).stdout).Parameters as { Name: string }[];
  assert.ok(byPath.some((p) => p.Name === '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64'));
});
