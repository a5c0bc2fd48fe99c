// The Storage Gateway API and the devices a client drives always agree: drive ARNs, used bytes, deletion, read-only retrieval, inquiry identity.
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  DeleteGatewayCommand,
  DeleteTapeArchiveCommand,
  DeleteTapeCommand,
  DescribeGatewayInformationCommand,
  DescribeTapeArchivesCommand,
  DescribeVTLDevicesCommand,
  ListTapesCommand,
  RetrieveTapeArchiveCommand,
  UpdateVTLDeviceTypeCommand,
} from '@aws-sdk/client-storage-gateway';
import { parseMtxInquiry } from '../../../src/tape/mtxInquiry';
import { activateGateway, createAvailableTape, deployTapeGatewayStack, describeTape, loginChangerAndDrive, runOk, runOnClient, startStackLab, TEMPLATE_PATH, waitFor, type StackLab, type StackOutputs } from './stackLab';

let t: StackLab;
let outputs: StackOutputs;
let client = '';
let gatewayArn = '';
let changer = '';

before(async () => {
  t = await startStackLab();
  outputs = await deployTapeGatewayStack(t, 'consistency', await readFile(TEMPLATE_PATH, 'utf8'));
  client = outputs.ClientInstanceId ?? '';
  gatewayArn = await activateGateway(t, outputs, 'consistency-gw');
  const info = await t.sg.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn }));
  changer = await loginChangerAndDrive(t, client, outputs.GatewayPrivateIp ?? '', info.GatewayId ?? '');
});
after(() => t.stop());

function mtx(command: string): string {
  return `sudo mtx -f ${changer} ${command}`;
}

async function mediaExists(barcode: string): Promise<boolean> {
  return stat(join(t.stateDir, 'tape-media', barcode)).then(
    () => true,
    () => false,
  );
}

test("DescribeTapes' VTLDevice and TapeUsedInBytes follow mtx load/unload and what tar wrote", async () => {
  const tapeArn = await createAvailableTape(t, gatewayArn, 'CONSIST01');
  assert.equal((await describeTape(t, gatewayArn, tapeArn))?.VTLDevice, undefined);
  await runOk(t.ssm, client, [mtx('load 1601 0')]);
  assert.equal((await describeTape(t, gatewayArn, tapeArn))?.VTLDevice, `${gatewayArn}/device/AMZN_${gatewayArn.split('/').pop()?.toUpperCase()}_TAPEDRIVE_00001`);

  await runOk(t.ssm, client, ["echo 'hogehoge' > /home/ssm-user/test.txt", 'sudo tar -c --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt']);
  assert.equal((await describeTape(t, gatewayArn, tapeArn))?.TapeUsedInBytes, 65536);
  const append = ['sudo dd if=/dev/zero of=/home/ssm-user/big bs=65536 count=5', 'sudo mt -f /dev/nst0 eod', 'sudo tar -c --record-size=65536 -f /dev/nst0 /home/ssm-user/big'];
  await runOk(t.ssm, client, append);
  // A second archive after the first one's filemark: 65536 + (512 header + 327680 data + 1024 end, rounded up to 6 records).
  assert.equal((await describeTape(t, gatewayArn, tapeArn))?.TapeUsedInBytes, 65536 + 6 * 65536);

  await runOk(t.ssm, client, [mtx('unload')]);
  const unloaded = await describeTape(t, gatewayArn, tapeArn);
  assert.equal(unloaded?.VTLDevice, undefined);
  assert.equal(unloaded?.TapeStatus, 'AVAILABLE');
  assert.match(await runOk(t.ssm, client, [`${mtx('status')} | grep CONSIST01`]), /^ {6}Storage Element 1:Full :VolumeTag=CONSIST01 {23}\n$/);
  const listed = (await t.sg.send(new ListTapesCommand({ TapeARNs: [tapeArn] }))).TapeInfos?.[0];
  assert.equal(listed?.TapeStatus, 'AVAILABLE');
});

test('DeleteTape erases the tape media, and a refused delete keeps it', async () => {
  const tapeArn = await createAvailableTape(t, gatewayArn, 'CONSIST02');
  await runOk(t.ssm, client, ["echo 'hogehoge' > /home/ssm-user/test.txt", mtx('load 1601 0'), 'sudo tar -c --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt']);
  assert.equal(await mediaExists('CONSIST02'), true);
  await assert.rejects(t.sg.send(new DeleteTapeCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn })), /loaded in drive 0/);
  assert.equal(await mediaExists('CONSIST02'), true);
  await runOk(t.ssm, client, [mtx('unload')]);
  await t.sg.send(new DeleteTapeCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn }));
  assert.equal(await mediaExists('CONSIST02'), false);
  await waitFor('the tape to be deleted', async () => ((await describeTape(t, gatewayArn, tapeArn)) === undefined ? true : undefined));
  assert.doesNotMatch(await runOk(t.ssm, client, [mtx('status')]), /CONSIST02/);
});

test('an ejected tape archives; retrieved, it lists with tar but refuses writes as a write-protected st device', async () => {
  const tapeArn = await createAvailableTape(t, gatewayArn, 'CONSIST03');
  await runOk(t.ssm, client, ["echo 'hogehoge' > /home/ssm-user/test.txt", mtx('load 1601 0'), 'sudo tar -c --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt']);
  // Drive 0 into the first import/export slot: the gateway archives the tape.
  await runOk(t.ssm, client, [mtx('unload 1601 0')]);
  await waitFor('the archive', async () => {
    const archive = (await t.sg.send(new DescribeTapeArchivesCommand({ TapeARNs: [tapeArn] }))).TapeArchives?.[0];
    return archive?.TapeStatus === 'ARCHIVED' ? archive : undefined;
  });
  assert.doesNotMatch(await runOk(t.ssm, client, [mtx('status')]), /CONSIST03/);
  await t.sg.send(new RetrieveTapeArchiveCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn }));
  await waitFor('the retrieval', async () => ((await describeTape(t, gatewayArn, tapeArn))?.TapeStatus === 'RETRIEVED' ? true : undefined));
  assert.match(await runOk(t.ssm, client, [`${mtx('status')} | grep CONSIST03`]), /Storage Element 1601 IMPORT\/EXPORT:Full :VolumeTag=CONSIST03/);
  await runOk(t.ssm, client, [mtx('load 1601 0')]);
  assert.equal(await runOk(t.ssm, client, ['sudo tar -t --record-size=65536 -f /dev/st0']), 'home/ssm-user/test.txt\n');
  assert.match(await runOk(t.ssm, client, ['sudo mt -f /dev/st0 status']), /WR_PROT/);
  const write = await runOnClient(t.ssm, client, ['sudo tar -c --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt']);
  assert.equal(write.code, 2);
  // GNU tar opens the archive before it reads any member name (checked against tar 1.34), so no "Removing leading" line.
  assert.equal(write.stderr, 'tar: /dev/st0: Cannot open: Read-only file system\ntar: Error is not recoverable: exiting now\n');
  assert.equal((await describeTape(t, gatewayArn, tapeArn))?.TapeUsedInBytes, 65536);
  // Ejecting the retrieved copy returns it to the archive only.
  await runOk(t.ssm, client, [mtx('unload 1601 0')]);
  const archive = (await t.sg.send(new DescribeTapeArchivesCommand({ TapeARNs: [tapeArn] }))).TapeArchives?.[0];
  assert.equal(archive?.TapeStatus, 'ARCHIVED');
  assert.equal(archive?.RetrievedTo, undefined);
});

test('mtx inquiry and DescribeVTLDevices report the same vendor and product for every changer type and the drives', async () => {
  const devices = async () => (await t.sg.send(new DescribeVTLDevicesCommand({ GatewayARN: gatewayArn }))).VTLDevices ?? [];
  const changerDevice = (await devices()).find((d) => d.VTLDeviceType === 'Medium Changer');
  assert.ok(changerDevice?.VTLDeviceARN);
  for (const type of ['AWS-Gateway-VTL', 'STK-L700', 'IBM-03584L32-0402']) {
    await t.sg.send(new UpdateVTLDeviceTypeCommand({ VTLDeviceARN: changerDevice.VTLDeviceARN, DeviceType: type }));
    const described = (await devices()).find((d) => d.VTLDeviceType === 'Medium Changer');
    const inquiry = parseMtxInquiry(await runOk(t.ssm, client, [mtx('inquiry')]));
    assert.equal(inquiry?.peripheralType, 'Medium Changer');
    assert.deepEqual([inquiry?.vendor, inquiry?.product], [described?.VTLDeviceVendor, described?.VTLDeviceProductIdentifier], type);
  }
  const drive = (await devices()).find((d) => d.VTLDeviceType === 'Tape Drive');
  const driveInquiry = parseMtxInquiry(await runOk(t.ssm, client, ['sudo mtx -f /dev/sg1 inquiry']));
  assert.equal(driveInquiry?.peripheralType, 'Tape Drive');
  assert.deepEqual([driveInquiry?.vendor, driveInquiry?.product], [drive?.VTLDeviceVendor, drive?.VTLDeviceProductIdentifier]);
});

test('DeleteGateway erases the media of the tapes it deletes; archived tapes keep theirs until DeleteTapeArchive', async () => {
  assert.deepEqual([await mediaExists('CONSIST01'), await mediaExists('CONSIST03')], [true, true]);
  await t.sg.send(new DeleteGatewayCommand({ GatewayARN: gatewayArn }));
  assert.deepEqual([await mediaExists('CONSIST01'), await mediaExists('CONSIST03')], [false, true]);
  const archive = (await t.sg.send(new DescribeTapeArchivesCommand({}))).TapeArchives?.map((a) => [a.TapeBarcode, a.TapeStatus]);
  assert.deepEqual(archive, [['CONSIST03', 'ARCHIVED']]);
  await t.sg.send(new DeleteTapeArchiveCommand({ TapeARN: 'arn:aws:storagegateway:us-east-1:123456789012:tape/CONSIST03' }));
  assert.equal(await mediaExists('CONSIST03'), false);
});
