// Stacks side by side and one after another: every client reaches its own stack's appliance and nothing in another
// VPC. A deleted stack's activated gateway stays registered but answers nothing at its old address, which a new
// stack may reuse; live stacks with the same CIDR get distinct addresses.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeGatewayInformationCommand, ListGatewaysCommand } from '@aws-sdk/client-storage-gateway';
import { activateGateway, deployTapeGatewayStack, loginChangerAndDrive, runOk, runOnClient, startStackLab, TEMPLATE_PATH, waitFor, type StackLab } from './stackLab';

let t: StackLab;
before(async () => {
  t = await startStackLab();
});
after(() => t.stop());

test('a redeployed stack activates a new gateway at the reused address, and its client sees only the new library', async () => {
  const template = await readFile(TEMPLATE_PATH, 'utf8');
  const firstOutputs = await deployTapeGatewayStack(t, 'first', template);
  const firstGateway = await activateGateway(t, firstOutputs, 'first-gw');
  await t.cfn.send(new DeleteStackCommand({ StackName: 'first' }));
  await waitFor('the first stack to be deleted', async () => {
    const found = await t.cfn.send(new DescribeStacksCommand({ StackName: 'first' })).then(
      () => undefined,
      (error: Error) => (/does not exist/.test(error.message) ? true : undefined),
    );
    return found;
  });

  const secondOutputs = await deployTapeGatewayStack(t, 'second', template);
  // Each stack has its own VPC with the same CIDR, so the new instances take the old ones' addresses (which one gets
  // which depends on creation order); test/lab/storageGateway/applianceAddresses.test.ts pins the same-address case.
  const secondGateway = await activateGateway(t, secondOutputs, 'second-gw');
  assert.notEqual(secondGateway, firstGateway);
  const gateways = (await t.sg.send(new ListGatewaysCommand({}))).Gateways?.map((g) => [g.GatewayARN, g.Ec2InstanceId]);
  assert.deepEqual(gateways?.sort(), [[firstGateway, firstOutputs.GatewayInstanceId], [secondGateway, secondOutputs.GatewayInstanceId]].sort());

  const gatewayId = (await t.sg.send(new DescribeGatewayInformationCommand({ GatewayARN: secondGateway }))).GatewayId ?? '';
  const client = secondOutputs.ClientInstanceId ?? '';
  const discovered = await runOk(t.ssm, client, ['sudo systemctl start iscsid', `sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal ${secondOutputs.GatewayPrivateIp}:3260`]);
  assert.equal(discovered.split('\n').filter((line) => line.includes(`${gatewayId.toLowerCase()}-`)).length, 11, discovered);
  await loginChangerAndDrive(t, client, secondOutputs.GatewayPrivateIp ?? '', gatewayId);
});

test('two live stacks with the same VPC CIDR get distinct addresses and each client activates its own gateway', async () => {
  const template = await readFile(TEMPLATE_PATH, 'utf8');
  const [left, right] = await Promise.all([deployTapeGatewayStack(t, 'left', template), deployTapeGatewayStack(t, 'right', template)]);
  assert.notEqual(left.GatewayPrivateIp, right.GatewayPrivateIp);
  const leftGateway = await activateGateway(t, left, 'left-gw');
  const rightGateway = await activateGateway(t, right, 'right-gw');
  const instances = (await t.sg.send(new ListGatewaysCommand({}))).Gateways ?? [];
  assert.equal(instances.find((g) => g.GatewayARN === leftGateway)?.Ec2InstanceId, left.GatewayInstanceId);
  assert.equal(instances.find((g) => g.GatewayARN === rightGateway)?.Ec2InstanceId, right.GatewayInstanceId);

  // Without VPC peering, the left client reaches nothing at the right gateway's address, as on AWS.
  const across = await runOnClient(t.ssm, left.ClientInstanceId ?? '', ['sudo systemctl start iscsid', `sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal ${right.GatewayPrivateIp}:3260`]);
  assert.equal(across.code, 4);
  assert.match(across.stderr, /Could not perform SendTargets discovery: encountered connection failure\n$/);
  const own = await runOk(t.ssm, left.ClientInstanceId ?? '', [`sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal ${left.GatewayPrivateIp}:3260`]);
  assert.equal(own.trim().split('\n').length, 11);
  const curlAcross = await runOnClient(t.ssm, right.ClientInstanceId ?? '', [`curl -s -m 5 "http://${left.GatewayPrivateIp}/?activationRegion=us-east-1&no_redirect"`]);
  assert.equal(curlAcross.code, 7, curlAcross.stderr);
});
