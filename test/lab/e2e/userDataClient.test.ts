// A client as the reference walkthrough's template describes it: t4g.nano on the AL2 arm64 AMI parameter, user data
// `#!/bin/bash -xe` + `yum update -y` + `yum install -y …`. The script runs on the host, the tools are installed, and
// `yum list installed` shows aarch64 package names; an x86_64 client shows x86_64 ones.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { awsCli, type AwsCli } from './awsCli';
import { runOk, stackOutputs, startStackLab, waitFor, waitForClient, type StackLab } from './stackLab';

function template(architecture: 'arm64' | 'x86_64', instanceType: string): string {
  return `
Parameters:
  Ami:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-${architecture}-gp2
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 } }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]
  Profile: { Type: AWS::IAM::InstanceProfile, Properties: { Roles: [!Ref Role] } }
  Client:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref Ami
      InstanceType: ${instanceType}
      SubnetId: !Ref Subnet
      IamInstanceProfile: !Ref Profile
      UserData:
        Fn::Base64: |
          #!/bin/bash -xe
          yum update -y
          yum install -y iscsi-initiator-utils mt-st mtx
Outputs:
  ClientId: { Value: !Ref Client }
`;
}

let t: StackLab;
let cli: AwsCli;

before(async () => {
  t = await startStackLab();
  cli = await awsCli(t.lab);
});
after(() => t.stop());

async function deploy(name: string, body: string): Promise<string> {
  await t.cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Capabilities: ['CAPABILITY_IAM'] }));
  await waitFor(`stack ${name}`, async () => {
    const stack = (await t.cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    assert.ok(!stack?.StackStatus?.includes('ROLLBACK'), stack?.StackStatusReason);
    return stack?.StackStatus === 'CREATE_COMPLETE' ? true : undefined;
  });
  const id = (await stackOutputs(t.cfn, name)).ClientId ?? '';
  await waitForClient(t, id);
  return id;
}

test('a t4g client from the AL2 arm64 parameter runs its user data and lists aarch64 packages', async () => {
  const id = await deploy('arm', template('arm64', 't4g.nano'));
  const described = await cli.json<{ Reservations: { Instances: { Architecture: string; InstanceType: string }[] }[] }>(['ec2', 'describe-instances', '--instance-ids', id]);
  assert.deepEqual(described.Reservations[0]?.Instances.map((i) => [i.InstanceType, i.Architecture]), [['t4g.nano', 'arm64']]);
  const listed = await runOk(t.ssm, id, ['yum list installed | grep mtx']);
  assert.match(listed, /^mtx\.aarch64\s+1\.3\.12-14\.amzn2\.0\.2\s+@amzn2-core$/m);
  const tools = await runOk(t.ssm, id, ['ls /usr/sbin/iscsiadm /usr/sbin/mtx /usr/bin/mt']);
  assert.equal(tools.trim().split('\n').length, 3);
  // cloud-init ran the script on the host: yum answered for the installed packages.
  const log = await runOk(t.ssm, id, ['cat /var/log/cloud-init-output.log']);
  assert.match(log, /No packages marked for update/);
  assert.match(log, /Package mtx-1\.3\.12-14\.amzn2\.0\.2\.aarch64 already installed and latest version/);
});

test('an x86_64 client lists x86_64 package names; arm64 AMI with an x86_64 type is refused as EC2 refuses it', async () => {
  const id = await deploy('x86', template('x86_64', 't3.micro'));
  assert.match(await runOk(t.ssm, id, ['yum list installed mt-st']), /^mt-st\.x86_64\s+1\.1-14\.amzn2\.0\.2\s+@amzn2-core$/m);
  await t.cfn.send(new CreateStackCommand({ StackName: 'mismatch', TemplateBody: template('arm64', 't3.micro'), Capabilities: ['CAPABILITY_IAM'] }));
  const stack = await waitFor('the mismatch stack to roll back', async () => {
    const found = (await t.cfn.send(new DescribeStacksCommand({ StackName: 'mismatch' }))).Stacks?.[0];
    return found?.StackStatus === 'ROLLBACK_COMPLETE' ? found : undefined;
  });
  assert.ok(stack);
  const events = await cli.json<{ StackEvents: { ResourceStatusReason?: string }[] }>(['cloudformation', 'describe-stack-events', '--stack-name', 'mismatch']);
  assert.ok(events.StackEvents.some((e) => /architecture 'x86_64' of the specified instance type does not match the architecture 'arm64'/.test(e.ResourceStatusReason ?? '')));
});
