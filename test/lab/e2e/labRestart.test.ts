// Stop the lab and start it again on the same state dir: stack, instances, gateway, tapes, tape contents and the client's home folder are all back.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, test } from 'node:test';
import { DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm';
import { DescribeCacheCommand, DescribeGatewayInformationCommand, DescribeUploadBufferCommand, ListGatewaysCommand, ListTapesCommand } from '@aws-sdk/client-storage-gateway';
import {
  activateGateway,
  createAvailableTape,
  deployTapeGatewayStack,
  describeTape,
  loginChangerAndDrive,
  runOk,
  runOnClient,
  startStackLab,
  TEMPLATE_PATH,
  waitForClient,
  type StackLab,
} from './stackLab';

let running: StackLab | undefined;
after(() => running?.stop());

test('a restarted lab has the stack, the client and the gateway, and a tape written before lists after a new iSCSI login', async () => {
  const first = await startStackLab();
  running = first;
  const outputs = await deployTapeGatewayStack(first, 'restart', await readFile(TEMPLATE_PATH, 'utf8'));
  const client = outputs.ClientInstanceId ?? '';
  const gatewayArn = await activateGateway(first, outputs, 'restart-gw');
  const gatewayId = (await first.sg.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn }))).GatewayId ?? '';
  const tapeArn = await createAvailableTape(first, gatewayArn, 'RESTART01');
  const changer = await loginChangerAndDrive(first, client, outputs.GatewayPrivateIp ?? '', gatewayId);
  await runOk(first.ssm, client, [
    "echo 'written before the restart' > /home/ssm-user/before.txt",
    `sudo mtx -f ${changer} load 1601 0`,
    'sudo tar -c --record-size=65536 -f /dev/st0 /home/ssm-user/before.txt',
  ]);
  const resourcesBefore = (await first.cfn.send(new DescribeStackResourcesCommand({ StackName: 'restart' }))).StackResources?.map((r) => [r.LogicalResourceId, r.PhysicalResourceId]);
  await first.stop();
  running = undefined;

  const second = await startStackLab(first.stateDir);
  running = second;
  const stack = (await second.cfn.send(new DescribeStacksCommand({ StackName: 'restart' }))).Stacks?.[0];
  assert.equal(stack?.StackStatus, 'CREATE_COMPLETE');
  assert.deepEqual(Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue])), outputs);
  const resourcesAfter = (await second.cfn.send(new DescribeStackResourcesCommand({ StackName: 'restart' }))).StackResources?.map((r) => [r.LogicalResourceId, r.PhysicalResourceId]);
  assert.deepEqual(resourcesAfter, resourcesBefore);

  // The client boots again (the hooks are idempotent per instance id) and registers with SSM.
  await waitForClient(second, client);
  const info = await second.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [client] }] }));
  assert.equal(info.InstanceInformationList?.[0]?.PingStatus, 'Online');

  // The gateway, its disks and the tape, still in drive 0 with the bytes tar wrote.
  assert.deepEqual((await second.sg.send(new ListGatewaysCommand({}))).Gateways?.map((g) => [g.GatewayARN, g.GatewayOperationalState, g.Ec2InstanceId]), [[gatewayArn, 'ACTIVE', outputs.GatewayInstanceId]]);
  assert.deepEqual((await second.sg.send(new DescribeCacheCommand({ GatewayARN: gatewayArn }))).DiskIds, ['/dev/nvme1n1']);
  assert.deepEqual((await second.sg.send(new DescribeUploadBufferCommand({ GatewayARN: gatewayArn }))).DiskIds, ['/dev/nvme2n1']);
  assert.deepEqual((await second.sg.send(new ListTapesCommand({}))).TapeInfos?.map((tape) => [tape.TapeBarcode, tape.TapeStatus]), [['RESTART01', 'AVAILABLE']]);
  const tape = await describeTape(second, gatewayArn, tapeArn);
  assert.equal(tape?.VTLDevice, `${gatewayArn}/device/AMZN_${gatewayId.toUpperCase()}_TAPEDRIVE_00001`);
  assert.equal(tape?.TapeUsedInBytes, 65536);

  // As after a reboot: no iSCSI sessions, no tape devices, until the client logs in again.
  const sessions = await runOnClient(second.ssm, client, ['sudo /sbin/iscsiadm -m session']);
  assert.deepEqual([sessions.code, sessions.stderr], [21, 'iscsiadm: No active sessions.\n']);
  const noDevice = await runOnClient(second.ssm, client, ['sudo tar -t --record-size=65536 -f /dev/st0']);
  assert.equal(noDevice.code, 2);
  assert.match(noDevice.stderr, /^tar: \/dev\/st0: Cannot open: No such file or directory\n/);
  await loginChangerAndDrive(second, client, outputs.GatewayPrivateIp ?? '', gatewayId);
  assert.match(await runOk(second.ssm, client, [`sudo mtx -f ${changer} status | grep 'Data Transfer Element 0'`]), /^Data Transfer Element 0:Full \(Storage Element 1 Loaded\):VolumeTag = RESTART01 +\n$/);
  assert.equal(await runOk(second.ssm, client, ['sudo tar -t --record-size=65536 -f /dev/st0']), 'home/ssm-user/before.txt\n');
  assert.equal(await runOk(second.ssm, client, ['cd /tmp', 'sudo tar -x --record-size=65536 -f /dev/st0', 'cat /tmp/home/ssm-user/before.txt']), 'written before the restart\n');
  // The client's root volume survives too: its home folder still holds the file tar archived.
  assert.equal(await runOk(second.ssm, client, ['cat /home/ssm-user/before.txt']), 'written before the restart\n');

  // The activated appliance keeps port 80 closed after the restart.
  const activation = await runOnClient(second.ssm, client, [`curl -s "${outputs.ActivationUrl}"`]);
  assert.notEqual(activation.code, 0);
});
