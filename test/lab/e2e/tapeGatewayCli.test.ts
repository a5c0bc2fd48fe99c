// The whole Tape Gateway scenario through the real AWS CLI v2: stack, activation from the client, disks, tapes,
// the reference walkthrough's iscsiadm/mtx/mt/tar through Run Command, eject to archive, a rollback, and delete-stack.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { awsCli, sendCommandWithCli, type AwsCli } from './awsCli';
import { startStackLab, TEMPLATE_PATH, waitFor, type StackLab } from './stackLab';
import { NO_AWS_CLI } from '../systemTools';

let t: StackLab;
let cli: AwsCli;

before(async () => {
  t = await startStackLab();
  cli = await awsCli(t.lab);
});
after(() => t.stop());

const pad32 = (tag: string) => tag.padEnd(32);
const hex = (text: string, bytes: number) => Buffer.concat([Buffer.from(text), Buffer.alloc(bytes)]).subarray(0, bytes).toString('hex');

/** Waits (SDK, bounded) until a stack leaves its *_IN_PROGRESS status, so the CLI waiter's first check is final. */
async function settled(stackName: string): Promise<string> {
  return waitFor(`stack ${stackName} to settle`, async () => {
    const status = (await t.cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]?.StackStatus;
    return status && !status.endsWith('_IN_PROGRESS') ? status : undefined;
  });
}

interface TapeInfo {
  TapeARN: string;
  TapeBarcode: string;
  TapeStatus: string;
}

test('deploy, activate from the client, operate the library with the walkthrough commands, archive, tear down', { skip: NO_AWS_CLI }, async () => {
  const template = `file://${TEMPLATE_PATH}`;
  await cli.json(['cloudformation', 'create-stack', '--stack-name', 'tapegw', '--template-body', template, '--capabilities', 'CAPABILITY_IAM', '--parameters', 'ParameterKey=ClientOperatingSystem,ParameterValue=AL2']);
  assert.equal(await settled('tapegw'), 'CREATE_COMPLETE');
  assert.equal((await cli.run(['cloudformation', 'wait', 'stack-create-complete', '--stack-name', 'tapegw'])).code, 0);
  const stack = (await cli.json<{ Stacks: { Outputs: { OutputKey: string; OutputValue: string }[] }[] }>(['cloudformation', 'describe-stacks', '--stack-name', 'tapegw'])).Stacks[0];
  const outputs = Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  const client = outputs.ClientInstanceId ?? '';
  const gatewayIp = outputs.GatewayPrivateIp ?? '';
  assert.match(outputs.ActivationUrl ?? '', /^http:\/\/10\.0\.\d+\.\d+\/\?gatewayType=VTL&activationRegion=us-east-1&vpcEndpoint=vpce-.*&no_redirect$/);

  // 1. Activation key, fetched on the client (the gateway is private). The client's agent registers shortly after boot.
  const keyRun = await sendCommandWithCli(cli, client, [`curl -s "${outputs.ActivationUrl}"`], true);
  assert.equal(keyRun.Status, 'Success', keyRun.StandardErrorContent);
  const key = keyRun.StandardOutputContent.trim();
  assert.match(key, /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);

  // 2. Activation, disks, tapes, devices.
  const { GatewayARN: gatewayArn } = await cli.json<{ GatewayARN: string }>([
    'storagegateway', 'activate-gateway', '--activation-key', key, '--gateway-name', 'e2e-gw', '--gateway-timezone', 'GMT+9:00', '--gateway-region', 'us-east-1',
    '--gateway-type', 'VTL', '--tape-drive-type', 'IBM-ULT3580-TD5', '--medium-changer-type', 'AWS-Gateway-VTL',
  ]);
  // The gateway id as the ARN spells it, e.g. sgw-3C52BB55.
  const gatewayId = gatewayArn.split('/').pop() ?? '';
  const { Disks: disks } = await cli.json<{ Disks: { DiskId: string; DiskNode: string; DiskAllocationType: string }[] }>(['storagegateway', 'list-local-disks', '--gateway-arn', gatewayArn]);
  assert.deepEqual(disks.map((d) => [d.DiskId, d.DiskNode, d.DiskAllocationType]), [['/dev/nvme1n1', '/dev/sdb', 'AVAILABLE'], ['/dev/nvme2n1', '/dev/sdc', 'AVAILABLE']]);
  await cli.json(['storagegateway', 'add-cache', '--gateway-arn', gatewayArn, '--disk-ids', '/dev/nvme1n1']);
  await cli.json(['storagegateway', 'add-upload-buffer', '--gateway-arn', gatewayArn, '--disk-ids', '/dev/nvme2n1']);
  const { TapeARNs: tapeArns } = await cli.json<{ TapeARNs: string[] }>([
    'storagegateway', 'create-tapes', '--gateway-arn', gatewayArn, '--tape-size-in-bytes', '107374182400', '--client-token', 'e2e-tapes-1', '--num-tapes-to-create', '2', '--tape-barcode-prefix', 'TEST',
  ]);
  assert.equal(tapeArns.length, 2);
  const tapes = await waitFor('the tapes to be AVAILABLE', async () => {
    const listed = await cli.json<{ TapeInfos: TapeInfo[] }>(['storagegateway', 'list-tapes']);
    return listed.TapeInfos.length === 2 && listed.TapeInfos.every((tape) => tape.TapeStatus === 'AVAILABLE') ? listed.TapeInfos : undefined;
  });
  const devices = (await cli.json<{ VTLDevices: { VTLDeviceType: string; VTLDeviceVendor: string; VTLDeviceProductIdentifier: string; DeviceiSCSIAttributes: { TargetARN: string; NetworkInterfaceId: string; NetworkInterfacePort: number } }[] }>(['storagegateway', 'describe-vtl-devices', '--gateway-arn', gatewayArn])).VTLDevices;
  assert.equal(devices.length, 11);
  const changerDevice = devices.find((d) => d.VTLDeviceType === 'Medium Changer');
  assert.deepEqual([changerDevice?.VTLDeviceVendor, changerDevice?.VTLDeviceProductIdentifier], ['AWS', 'Gateway-VTL']);
  assert.equal(changerDevice?.DeviceiSCSIAttributes.NetworkInterfaceId, gatewayIp);
  const iqn = `iqn.1997-05.com.amazon:${gatewayId.toLowerCase()}`;
  assert.equal(changerDevice?.DeviceiSCSIAttributes.TargetARN, `${gatewayArn}/target/${iqn}-mediachanger`);

  // 3. Client: packages, iSCSI.
  const step3 = await sendCommandWithCli(cli, client, [
    'yum list installed | grep mtx',
    'sudo systemctl start iscsid',
    `sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal ${outputs.GatewayPrivateDnsName}:3260`,
    `sudo /sbin/iscsiadm --mode node --targetname ${iqn}-mediachanger --portal ${gatewayIp}:3260,1 --login`,
    `sudo /sbin/iscsiadm --mode node --targetname ${iqn}-tapedrive-01 --portal ${gatewayIp}:3260,1 --login`,
    'ls -l /dev/tape/by-id',
  ]);
  assert.equal(step3.Status, 'Success', step3.StandardErrorContent);
  const targets = ['mediachanger', ...Array.from({ length: 10 }, (_, i) => `tapedrive-${String(i + 1).padStart(2, '0')}`)];
  const login = (target: string) =>
    `Logging in to [iface: default, target: ${iqn}-${target}, portal: ${gatewayIp},3260] (multiple)\nLogin to [iface: default, target: ${iqn}-${target}, portal: ${gatewayIp},3260] successful.\n`;
  const changerById = `scsi-2${hex(`AMZN_${gatewayId.toUpperCase()}`, 12)}`;
  const driveById = `scsi-2${hex(`${gatewayId.slice(4)}01`, 12)}`;
  const lines = step3.StandardOutputContent.split('\n');
  assert.match(lines[0] ?? '', /^mtx\.aarch64 +1\.3\.12-14\.amzn2\.0\.2 +@amzn2-core$/);
  // sendtargets lists the 11 targets in the gateway's own order (the walkthrough's was shuffled).
  assert.deepEqual(lines.slice(1, 12).sort(), targets.map((target) => `${gatewayIp}:3260,1 ${iqn}-${target}`).sort());
  assert.equal(lines.slice(12, 16).join('\n') + '\n', login('mediachanger') + login('tapedrive-01'));
  assert.equal(lines[16], 'total 0');
  // ls sorts by name, so the order of the three links depends on the gateway id.
  const links = lines.slice(17, 20).map((line) => /^lrwxrwxrwx 1 root root ( 9|10) \w{3} [ \d]\d \d\d:\d\d (\S+) -> (\S+)$/.exec(line)?.slice(1));
  assert.deepEqual(links, [[' 9', driveById, '../../st0'], ['10', `${driveById}-nst`, '../../nst0'], [' 9', changerById, '../../sg0']].sort((a, b) => (a[1] ?? '').localeCompare(b[1] ?? '')));

  // 4. Changer.
  const changer = `/dev/tape/by-id/${changerById}`;
  const first = tapes.find((tape) => tape.TapeARN === tapeArns[0])?.TapeBarcode ?? '';
  const second = tapes.find((tape) => tape.TapeARN === tapeArns[1])?.TapeBarcode ?? '';
  const step4 = await sendCommandWithCli(cli, client, [`sudo mtx -f ${changer} inquiry`, `sudo mtx -f ${changer} status | grep -v Empty`, `sudo mtx -f ${changer} load 1601 0`, `sudo mtx -f ${changer} status | grep -v Empty`]);
  const header = `  Storage Changer ${changer}:10 Drives, 3200 Slots ( 1600 Import/Export )\n`;
  assert.equal(
    step4.StandardOutputContent,
    "Product Type: Medium Changer\nVendor ID: 'AWS     '\nProduct ID: 'Gateway-VTL     '\nRevision: '0100'\nAttached Changer API: No\n" +
      `${header}      Storage Element 1601 IMPORT/EXPORT:Full :VolumeTag=${pad32(first)}\n      Storage Element 1602 IMPORT/EXPORT:Full :VolumeTag=${pad32(second)}\n` +
      'Loading media from Storage Element 1601 into drive 0...done\n' +
      `${header}Data Transfer Element 0:Full (Storage Element 1 Loaded):VolumeTag = ${pad32(first)}\n      Storage Element 1602 IMPORT/EXPORT:Full :VolumeTag=${pad32(second)}\n`,
  );

  // 5. Drive and data, with the drive's fixed 64 KiB blocks.
  const step5 = await sendCommandWithCli(cli, client, [
    'sudo mt -f /dev/st0 status',
    "echo 'hogehoge' > /home/ssm-user/test.txt",
    'sudo tar -cv --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt',
    'sudo tar -tv --record-size=65536 -f /dev/st0',
    'cd /tmp && sudo tar xvf /dev/nst0 && cat home/ssm-user/test.txt',
  ]);
  assert.equal(step5.Status, 'Success', step5.StandardErrorContent);
  assert.match(
    step5.StandardOutputContent,
    /^SCSI 2 tape drive:\nFile number=0, block number=0, partition=0\.\nTape block size 65536 bytes\. Density code 0x0 \(default\)\.\nSoft error count since last status=0\nGeneral status bits on \(41010000\):\n BOT ONLINE IM_REP_EN\n\/home\/ssm-user\/test\.txt\n-rw-r--r-- root\/root +9 \d{4}-\d\d-\d\d \d\d:\d\d home\/ssm-user\/test\.txt\nhome\/ssm-user\/test\.txt\nhogehoge\n$/,
  );
  assert.equal(step5.StandardErrorContent, "tar: Removing leading `/' from member names\n");
  const loaded = (await cli.json<{ Tapes: { VTLDevice?: string; TapeUsedInBytes: number }[] }>(['storagegateway', 'describe-tapes', '--gateway-arn', gatewayArn, '--tape-arns', tapeArns[0] ?? ''])).Tapes[0];
  assert.equal(loaded?.VTLDevice, `${gatewayArn}/device/AMZN_${gatewayId.toUpperCase()}_TAPEDRIVE_00001`);
  assert.equal(loaded?.TapeUsedInBytes, 65536);

  // After the walkthrough: eject both tapes into import/export slots (unload from the drive; transfer from a storage slot).
  t.clock.hold();
  const eject = await sendCommandWithCli(cli, client, [`sudo mtx -f ${changer} unload 1601 0 && sudo mtx -f ${changer} transfer 1602 7 && sudo mtx -f ${changer} transfer 7 1602`]);
  assert.equal(eject.StandardOutputContent, 'Unloading drive 0 into Storage Element 1601...done\n', eject.StandardErrorContent);
  const inTransit = await cli.json<{ TapeInfos: TapeInfo[] }>(['storagegateway', 'list-tapes']);
  assert.deepEqual(inTransit.TapeInfos.map((tape) => tape.TapeStatus), ['IN TRANSIT TO VTS', 'IN TRANSIT TO VTS']);
  assert.deepEqual((await cli.json<{ TapeArchives: unknown[] }>(['storagegateway', 'describe-tape-archives'])).TapeArchives, []);
  t.clock.release();
  const archived = await waitFor('the archives', async () => {
    const archives = (await cli.json<{ TapeArchives: { TapeBarcode: string; TapeStatus: string; TapeUsedInBytes: number }[] }>(['storagegateway', 'describe-tape-archives'])).TapeArchives;
    return archives.length === 2 && archives.every((archive) => archive.TapeStatus === 'ARCHIVED') ? archives : undefined;
  });
  assert.deepEqual(archived.map((a) => [a.TapeBarcode, a.TapeUsedInBytes]).sort(), [[first, 65536], [second, 0]].sort());
  const afterEject = await sendCommandWithCli(cli, client, [`sudo mtx -f ${changer} status | grep -v Empty`]);
  assert.equal(afterEject.StandardOutputContent, header);

  // Tear down: the activated gateway stays registered, as on AWS; the client's saved files go with its instance.
  const clientHome = join(t.stateDir, 'client-files', client);
  assert.equal(existsSync(clientHome), true);
  await cli.json(['cloudformation', 'delete-stack', '--stack-name', 'tapegw']);
  assert.equal(await settled('tapegw').catch((error: Error) => (/does not exist/.test(error.message) ? 'DELETE_COMPLETE' : error.message)), 'DELETE_COMPLETE');
  assert.equal((await cli.run(['cloudformation', 'wait', 'stack-delete-complete', '--stack-name', 'tapegw'])).code, 0);
  const gateways = (await cli.json<{ Gateways: { GatewayARN: string }[] }>(['storagegateway', 'list-gateways'])).Gateways;
  assert.deepEqual(gateways.map((g) => g.GatewayARN), [gatewayArn]);
  assert.equal(existsSync(clientHome), false);
});

test('the template with a broken resource rolls back with a readable reason in describe-stack-events', { skip: NO_AWS_CLI }, async () => {
  const broken = (await readFile(TEMPLATE_PATH, 'utf8')).replace('ImageId: !Ref GatewayAmiId', 'ImageId: ami-0123456789abcdef0');
  const file = join(t.stateDir, '..', 'broken.yaml');
  await writeFile(file, broken);
  await cli.json(['cloudformation', 'create-stack', '--stack-name', 'broken', '--template-body', `file://${file}`, '--capabilities', 'CAPABILITY_IAM']);
  assert.equal(await settled('broken'), 'ROLLBACK_COMPLETE');
  const waited = await cli.run(['cloudformation', 'wait', 'stack-create-complete', '--stack-name', 'broken']);
  assert.match(waited.stderr, /Waiter StackCreateComplete failed: Waiter encountered a terminal failure state/);
  const events = (await cli.json<{ StackEvents: { LogicalResourceId: string; ResourceStatus: string; ResourceStatusReason?: string }[] }>(['cloudformation', 'describe-stack-events', '--stack-name', 'broken'])).StackEvents;
  const failed = events.find((e) => e.LogicalResourceId === 'GatewayInstance' && e.ResourceStatus === 'CREATE_FAILED');
  assert.match(failed?.ResourceStatusReason ?? '', /^The image id '\[ami-0123456789abcdef0\]' does not exist \(Service: AmazonEC2; Status Code: 400; Error Code: InvalidAMIID\.NotFound;/);
  assert.equal(events[0]?.ResourceStatus, 'ROLLBACK_COMPLETE');
  assert.ok(events.some((e) => e.LogicalResourceId === 'Vpc' && e.ResourceStatus === 'DELETE_COMPLETE'));
  await cli.json(['cloudformation', 'delete-stack', '--stack-name', 'broken']);
});
