// The reference walkthrough as a person types it: Session Manager (StartSession + the project's data-channel client)
// into the deployed stack's client host, curl for the key, then iscsiadm, mtx, mt and tar at the sh-4.2$ prompt.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { ActivateGatewayCommand, AddCacheCommand, CreateTapeWithBarcodeCommand, DescribeGatewayInformationCommand, ListLocalDisksCommand } from '@aws-sdk/client-storage-gateway';
import { openClientTerminal } from './clientTerminal';
import { deployTapeGatewayStack, describeTape, startStackLab, TAPE_SIZE, TEMPLATE_PATH, waitFor, type StackLab, type StackOutputs } from './stackLab';

let t: StackLab;
let outputs: StackOutputs;
before(async () => {
  t = await startStackLab();
  outputs = await deployTapeGatewayStack(t, 'session', await readFile(TEMPLATE_PATH, 'utf8'));
});
after(() => t.stop());

test('the walkthrough typed at the prompt: key by curl, activation, iSCSI, changer, drive and tar', async () => {
  const terminal = await openClientTerminal(t, outputs.ClientInstanceId ?? '');
  try {
    const key = (await terminal.type(`curl '${outputs.ActivationUrl}'`)).trim();
    assert.match(key, /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
    const { GatewayARN: gatewayArn = '' } = await t.sg.send(
      new ActivateGatewayCommand({ ActivationKey: key, GatewayName: 'session-gw', GatewayTimezone: 'GMT+9:00', GatewayRegion: 'us-east-1', GatewayType: 'VTL', MediumChangerType: 'AWS-Gateway-VTL', TapeDriveType: 'IBM-ULT3580-TD5' }),
    );
    const disks = (await t.sg.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn }))).Disks ?? [];
    await t.sg.send(new AddCacheCommand({ GatewayARN: gatewayArn, DiskIds: [disks[0]?.DiskId ?? ''] }));
    const { TapeARN: tapeArn = '' } = await t.sg.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeBarcode: 'TESTD67E76', TapeSizeInBytes: TAPE_SIZE }));
    await waitFor('the tape', async () => ((await describeTape(t, gatewayArn, tapeArn))?.TapeStatus === 'AVAILABLE' ? true : undefined));
    const iqn = `iqn.1997-05.com.amazon:${((await t.sg.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn }))).GatewayId ?? '').toLowerCase()}`;
    const ip = outputs.GatewayPrivateIp ?? '';

    assert.match(await terminal.type('yum list installed | grep mtx'), /^mtx\.aarch64 +1\.3\.12-14\.amzn2\.0\.2 +@amzn2-core\r\n$/);
    assert.equal(await terminal.type('sudo systemctl start iscsid'), '');
    assert.equal((await terminal.type(`sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal ${outputs.GatewayPrivateDnsName}:3260`)).split('\r\n').length, 12);
    for (const target of ['mediachanger', 'tapedrive-01']) {
      assert.equal(
        await terminal.type(`sudo /sbin/iscsiadm --mode node --targetname ${iqn}-${target} --portal ${ip}:3260,1 --login`),
        `Logging in to [iface: default, target: ${iqn}-${target}, portal: ${ip},3260] (multiple)\r\nLogin to [iface: default, target: ${iqn}-${target}, portal: ${ip},3260] successful.\r\n`,
      );
    }
    const changer = `/dev/tape/by-path/ip-${ip}:3260-iscsi-${iqn}-mediachanger-lun-0-changer`;
    assert.equal(await terminal.type(`sudo mtx -f ${changer} load 1601 0`), 'Loading media from Storage Element 1601 into drive 0...done\r\n');
    assert.match(await terminal.type('sudo mt -f /dev/st0 status'), /Tape block size 65536 bytes\. Density code 0x0 \(default\)\.\r\n/);
    assert.equal(await terminal.type("echo 'hogehoge' > /home/ssm-user/test.txt"), '');
    assert.equal(await terminal.type('sudo tar -cv --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt'), "tar: Removing leading `/' from member names\r\n/home/ssm-user/test.txt\r\n");
    assert.match(await terminal.type('sudo tar -tv --record-size=65536 -f /dev/st0'), /^-rw-r--r-- ssm-user\/ssm-user +9 \d{4}-\d\d-\d\d \d\d:\d\d home\/ssm-user\/test\.txt\r\n$/);
    assert.equal(await terminal.type('cd /tmp && sudo tar xvf /dev/nst0 && cat home/ssm-user/test.txt'), 'home/ssm-user/test.txt\r\nhogehoge\r\n');
    assert.equal((await describeTape(t, gatewayArn, tapeArn))?.TapeUsedInBytes, 65536);
  } finally {
    await terminal.close();
  }
});
