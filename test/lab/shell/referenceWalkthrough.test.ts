// Golden test: steps 3-5 of the reference walkthrough through the emulated client, compared with the recorded output
// (padding restored: INQUIRY fields 8/16/4 bytes, VolumeTags 32 characters), plus the listed failure cases.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GATEWAY_DNS, Walkthrough, walkthrough } from './walkthroughFixture';

const CHANGER = '/dev/tape/by-id/scsi-2414d5a4e5f5347572d334335';
const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';
const pad32 = (tag: string) => tag.padEnd(32);

let w: Walkthrough;
before(() => {
  w = walkthrough();
});
after(() => w.dispose());

async function expectRun(line: string, stdout: string, stderr = '', status = 0): Promise<void> {
  const result = await w.run(line);
  assert.deepEqual(result, { stdout, stderr, status }, line);
}

test('step 3: packages, iSCSI discovery, logins and /dev/tape links', async () => {
  // yum pads its columns; the recording collapsed runs of spaces.
  const yum = await w.run('yum list installed | grep mtx');
  assert.equal(yum.stdout.replace(/ +/g, ' '), 'mtx.aarch64 1.3.12-14.amzn2.0.2 @amzn2-core\n');
  assert.equal(yum.status, 0);
  await expectRun('sudo systemctl start iscsid', '');
  const order = ['tapedrive-09', 'mediachanger', 'tapedrive-08', 'tapedrive-05', 'tapedrive-04', 'tapedrive-07', 'tapedrive-06', 'tapedrive-01', 'tapedrive-03', 'tapedrive-02', 'tapedrive-10'];
  await expectRun(
    `sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal ${GATEWAY_DNS}:3260`,
    order.map((target) => `10.0.2.143:3260,1 ${IQN}-${target}\n`).join(''),
  );
  w.at('2022-06-11T02:18:30Z');
  await expectRun(
    `sudo /sbin/iscsiadm --mode node --targetname ${IQN}-mediachanger --portal 10.0.2.143:3260,1 --login`,
    `Logging in to [iface: default, target: ${IQN}-mediachanger, portal: 10.0.2.143,3260] (multiple)\n` +
      `Login to [iface: default, target: ${IQN}-mediachanger, portal: 10.0.2.143,3260] successful.\n`,
  );
  w.at('2022-06-11T02:19:10Z');
  await expectRun(
    `sudo /sbin/iscsiadm --mode node --targetname ${IQN}-tapedrive-01 --portal 10.0.2.143:3260,1 --login`,
    `Logging in to [iface: default, target: ${IQN}-tapedrive-01, portal: 10.0.2.143,3260] (multiple)\n` +
      `Login to [iface: default, target: ${IQN}-tapedrive-01, portal: 10.0.2.143,3260] successful.\n`,
  );
  await expectRun(
    'ls -l /dev/tape/by-path',
    'total 0\n' +
      `lrwxrwxrwx 1 root root  9 Jun 11 02:18 ip-10.0.2.143:3260-iscsi-${IQN}-mediachanger-lun-0-changer -> ../../sg0\n` +
      `lrwxrwxrwx 1 root root  9 Jun 11 02:19 ip-10.0.2.143:3260-iscsi-${IQN}-tapedrive-01-lun-0 -> ../../st0\n` +
      `lrwxrwxrwx 1 root root 10 Jun 11 02:19 ip-10.0.2.143:3260-iscsi-${IQN}-tapedrive-01-lun-0-nst -> ../../nst0\n`,
  );
  await expectRun(
    'ls -l /dev/tape/by-id',
    'total 0\n' +
      'lrwxrwxrwx 1 root root  9 Jun 11 02:19 scsi-2334335324242353530310000 -> ../../st0\n' +
      'lrwxrwxrwx 1 root root 10 Jun 11 02:19 scsi-2334335324242353530310000-nst -> ../../nst0\n' +
      'lrwxrwxrwx 1 root root  9 Jun 11 02:18 scsi-2414d5a4e5f5347572d334335 -> ../../sg0\n',
  );
});

test('step 4: changer inquiry, status and load', async () => {
  await expectRun(
    `sudo mtx -f ${CHANGER} inquiry`,
    "Product Type: Medium Changer\nVendor ID: 'AWS     '\nProduct ID: 'Gateway-VTL     '\nRevision: '0100'\nAttached Changer API: No\n",
  );
  await expectRun(
    `sudo mtx -f ${CHANGER} status | grep 'Data Transfer Element'`,
    Array.from({ length: 10 }, (_, i) => `Data Transfer Element ${i}:Empty\n`).join(''),
  );
  const header = `  Storage Changer ${CHANGER}:10 Drives, 3200 Slots ( 1600 Import/Export )\n`;
  await expectRun(`sudo mtx -f ${CHANGER} status | grep -v Empty`, `${header}      Storage Element 1601 IMPORT/EXPORT:Full :VolumeTag=${pad32('TESTD67E76')}\n`);
  await expectRun(`sudo mtx -f ${CHANGER} load 1601 0`, 'Loading media from Storage Element 1601 into drive 0...done\n');
  await expectRun(`sudo mtx -f ${CHANGER} status | grep -v Empty`, `${header}Data Transfer Element 0:Full (Storage Element 1 Loaded):VolumeTag = ${pad32('TESTD67E76')}\n`);
});

test('step 5: drive status, tar write, list and extract', async () => {
  await expectRun(
    'sudo mt -f /dev/st0 status',
    'SCSI 2 tape drive:\nFile number=0, block number=0, partition=0.\nTape block size 65536 bytes. Density code 0x0 (default).\n' +
      'Soft error count since last status=0\nGeneral status bits on (41010000):\n BOT ONLINE IM_REP_EN\n',
  );
  w.at('2022-06-11T02:25:40Z');
  await expectRun("echo 'hogehoge' > /home/ssm-user/test.txt", '');
  await expectRun('sudo tar -cv --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt', '/home/ssm-user/test.txt\n', "tar: Removing leading `/' from member names\n");
  await expectRun('sudo tar -tv --record-size=65536 -f /dev/st0', '-rw-r--r-- ssm-user/ssm-user 9 2022-06-11 02:25 home/ssm-user/test.txt\n');
  await expectRun('sudo tar xvf /dev/nst0', 'home/ssm-user/test.txt\n');
  await expectRun('cat home/ssm-user/test.txt', 'hogehoge\n');
  assert.equal(w.library.usage.get('TESTD67E76'), 65536);
});

test('failure: tar without the record size on the fixed 64 KiB drive', async () => {
  await expectRun(
    'sudo tar -cv -f /dev/st0 /home/ssm-user/test.txt',
    '/home/ssm-user/test.txt\n',
    "tar: Removing leading `/' from member names\ntar: /dev/st0: Cannot write: Invalid argument\ntar: Error is not recoverable: exiting now\n",
    2,
  );
  // The failed write left the earlier archive intact.
  await expectRun('sudo tar -t -f /dev/st0', 'home/ssm-user/test.txt\n');
});

test('failure: loading into a full drive, and login twice', async () => {
  await expectRun(`sudo mtx -f ${CHANGER} load 1601 0`, '', 'Drive 0 Full (Storage Element 1 loaded)\n', 1);
  await expectRun(
    `sudo /sbin/iscsiadm --mode node --targetname ${IQN}-mediachanger --portal 10.0.2.143:3260,1 --login`,
    '',
    'iscsiadm: default: 1 session requested, but 1 already present.\niscsiadm: Could not log into all portals\n',
    15,
  );
});

test('failure: no tape in the drive', async () => {
  await expectRun(`sudo mtx -f ${CHANGER} unload`, 'Unloading drive 0 into Storage Element 1...done\n');
  await expectRun(
    'sudo mt -f /dev/st0 status',
    'SCSI 2 tape drive:\nFile number=-1, block number=-1, partition=0.\nTape block size 0 bytes. Density code 0x0 (default).\n' +
      'Soft error count since last status=0\nGeneral status bits on (50000):\n DR_OPEN IM_REP_EN\n',
  );
  await expectRun('sudo mt -f /dev/st0 rewind', '', '/dev/st0: No medium found\n', 1);
  await expectRun('sudo tar -tvf /dev/st0', '', 'tar: /dev/st0: Cannot open: No medium found\ntar: Error is not recoverable: exiting now\n', 2);
  await expectRun(`sudo mtx -f ${CHANGER} unload`, '', 'Data Transfer Element 0 is Empty\n', 1);
  await expectRun('mtxx', '', 'sh: mtxx: command not found\n', 127);
});
