// Steps 3-5 of the reference walkthrough typed into an interactive session: the terminal transcript must read like the
// recorded one, prompts included (fixed-width fields padded as the tools print them; yum's column padding collapsed as in the recording).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { walkthrough } from './walkthroughFixture';

const BY_ID = '/dev/tape/by-id/scsi-2414d5a4e5f5347572d334335';
const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';
const TAG = 'TESTD67E76'.padEnd(32);

// [clock before typing, command, output]
const STEPS: [string, string, string][] = [
  ['02:17', 'yum list installed | grep mtx', 'mtx.aarch64 1.3.12-14.amzn2.0.2 @amzn2-core\n'],
  ['02:17', 'sudo systemctl start iscsid', ''],
  [
    '02:17',
    'sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal ip-10-0-2-143.ap-northeast-1.compute.internal:3260',
    ['09', 'mediachanger', '08', '05', '04', '07', '06', '01', '03', '02', '10']
      .map((t) => `10.0.2.143:3260,1 ${IQN}-${t === 'mediachanger' ? t : `tapedrive-${t}`}\n`)
      .join(''),
  ],
  [
    '02:18',
    `sudo /sbin/iscsiadm --mode node --targetname ${IQN}-mediachanger --portal 10.0.2.143:3260,1 --login`,
    `Logging in to [iface: default, target: ${IQN}-mediachanger, portal: 10.0.2.143,3260] (multiple)\nLogin to [iface: default, target: ${IQN}-mediachanger, portal: 10.0.2.143,3260] successful.\n`,
  ],
  [
    '02:19',
    `sudo /sbin/iscsiadm --mode node --targetname ${IQN}-tapedrive-01 --portal 10.0.2.143:3260,1 --login`,
    `Logging in to [iface: default, target: ${IQN}-tapedrive-01, portal: 10.0.2.143,3260] (multiple)\nLogin to [iface: default, target: ${IQN}-tapedrive-01, portal: 10.0.2.143,3260] successful.\n`,
  ],
  [
    '02:20',
    'ls -l /dev/tape/by-path',
    `total 0
lrwxrwxrwx 1 root root  9 Jun 11 02:18 ip-10.0.2.143:3260-iscsi-${IQN}-mediachanger-lun-0-changer -> ../../sg0
lrwxrwxrwx 1 root root  9 Jun 11 02:19 ip-10.0.2.143:3260-iscsi-${IQN}-tapedrive-01-lun-0 -> ../../st0
lrwxrwxrwx 1 root root 10 Jun 11 02:19 ip-10.0.2.143:3260-iscsi-${IQN}-tapedrive-01-lun-0-nst -> ../../nst0
`,
  ],
  [
    '02:20',
    'ls -l /dev/tape/by-id',
    `total 0
lrwxrwxrwx 1 root root  9 Jun 11 02:19 scsi-2334335324242353530310000 -> ../../st0
lrwxrwxrwx 1 root root 10 Jun 11 02:19 scsi-2334335324242353530310000-nst -> ../../nst0
lrwxrwxrwx 1 root root  9 Jun 11 02:18 scsi-2414d5a4e5f5347572d334335 -> ../../sg0
`,
  ],
  ['02:21', `sudo mtx -f ${BY_ID} inquiry`, "Product Type: Medium Changer\nVendor ID: 'AWS     '\nProduct ID: 'Gateway-VTL     '\nRevision: '0100'\nAttached Changer API: No\n"],
  ['02:21', `sudo mtx -f ${BY_ID} status | grep 'Data Transfer Element'`, Array.from({ length: 10 }, (_, i) => `Data Transfer Element ${i}:Empty\n`).join('')],
  [
    '02:22',
    `sudo mtx -f ${BY_ID} status | grep -v Empty`,
    `  Storage Changer ${BY_ID}:10 Drives, 3200 Slots ( 1600 Import/Export )\n      Storage Element 1601 IMPORT/EXPORT:Full :VolumeTag=${TAG}\n`,
  ],
  ['02:22', `sudo mtx -f ${BY_ID} load 1601 0`, 'Loading media from Storage Element 1601 into drive 0...done\n'],
  [
    '02:23',
    `sudo mtx -f ${BY_ID} status | grep -v Empty`,
    `  Storage Changer ${BY_ID}:10 Drives, 3200 Slots ( 1600 Import/Export )\nData Transfer Element 0:Full (Storage Element 1 Loaded):VolumeTag = ${TAG}\n`,
  ],
  [
    '02:24',
    'sudo mt -f /dev/st0 status',
    'SCSI 2 tape drive:\nFile number=0, block number=0, partition=0.\nTape block size 65536 bytes. Density code 0x0 (default).\nSoft error count since last status=0\nGeneral status bits on (41010000):\n BOT ONLINE IM_REP_EN\n',
  ],
  ['02:25', "echo 'hogehoge' > /home/ssm-user/test.txt", ''],
  ['02:25', 'sudo tar -cv --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt', "tar: Removing leading `/' from member names\n/home/ssm-user/test.txt\n"],
  ['02:26', 'sudo tar -tv --record-size=65536 -f /dev/st0', '-rw-r--r-- ssm-user/ssm-user 9 2022-06-11 02:25 home/ssm-user/test.txt\n'],
  ['02:26', 'sudo tar xvf /dev/nst0', 'home/ssm-user/test.txt\n'],
  ['02:27', 'cat home/ssm-user/test.txt', 'hogehoge\n'],
];

test('the walkthrough typed into a Session Manager style terminal gives the recorded transcript', async () => {
  const w = walkthrough();
  try {
    const terminal = w.host.openSession({ columns: 200, rows: 50 });
    let transcript = '';
    terminal.onOutput((data) => (transcript += Buffer.from(data).toString('utf8')));
    let expected = 'sh-4.2$ ';
    for (const [time, command, output] of STEPS) {
      w.at(`2022-06-11T${time}:05Z`);
      terminal.write(Buffer.from(`${command}\r`));
      for (let spins = 0; !transcript.endsWith('sh-4.2$ ') || transcript.length <= expected.length; spins += 1) {
        assert.ok(spins < 10_000, `no prompt after: ${command}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expected += `${command}\n${output}sh-4.2$ `;
    }
    const normalised = transcript.replace(/\r\n/g, '\n').replace(/^(mtx\.aarch64) +(\S+) +(\S+)$/m, '$1 $2 $3');
    assert.equal(normalised, expected);
    terminal.close();
  } finally {
    w.dispose();
  }
});
