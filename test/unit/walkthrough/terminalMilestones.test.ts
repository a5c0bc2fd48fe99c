// Walkthrough milestones read from a session terminal's output, on the reference walkthrough's real transcript.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TerminalMilestones, type Milestone } from '../../../src/extension/walkthrough/terminalMilestones';

const P = 'sh-4.2$ ';
function session(lines: string[]): Milestone[] {
  const milestones = new TerminalMilestones();
  const reached: Milestone[] = [];
  // Output arrives in arbitrary chunks: split every 7 characters.
  const text = lines.join('\r\n');
  for (let i = 0; i < text.length; i += 7) reached.push(...milestones.feed(text.slice(i, i + 7)));
  return reached;
}

test('the reference walkthrough reaches every milestone in order', () => {
  const reached = session([
    `${P}sudo systemctl start iscsid`,
    `${P}sudo /sbin/iscsiadm --mode node --targetname iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger --portal 10.0.2.143:3260,1 --login`,
    'Logging in to [iface: default, target: iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger, portal: 10.0.2.143,3260] (multiple)',
    'Login to [iface: default, target: iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger, portal: 10.0.2.143,3260] successful.',
    `${P}sudo mtx -f /dev/tape/by-id/scsi-2414d5a4e5f5347572d334335 load 1601 0`,
    'Loading media from Storage Element 1601 into drive 0...done',
    `${P}sudo tar -cv --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt`,
    "tar: Removing leading `/' from member names",
    '/home/ssm-user/test.txt',
    `${P}sudo tar xvf /dev/nst0`,
    'home/ssm-user/test.txt',
    P,
  ]);
  assert.deepEqual(reached, ['libraryConnected', 'tapeLoaded', 'fileWritten', 'fileReadBack']);
});

test('a failed write is not a written file, and plain tar files are not tapes', () => {
  assert.deepEqual(session([`${P}sudo tar -cvf /dev/st0 test.txt`, 'tar: /dev/st0: Cannot write: Invalid argument', 'tar: Error is not recoverable: exiting now', P]), []);
  assert.deepEqual(session([`${P}tar -cvf backup.tar test.txt`, 'test.txt', `${P}tar -xvf backup.tar`, 'test.txt', P]), []);
  assert.deepEqual(session([`${P}sudo iscsiadm --mode node --targetname iqn.1997-05.com.amazon:sgw-1-tapedrive-01 --portal 10.0.2.143:3260,1 --login`, 'Login to [iface: default, target: iqn.1997-05.com.amazon:sgw-1-tapedrive-01, portal: 10.0.2.143,3260] successful.', P]), [], 'a drive alone is not the library');
});

test('escape sequences and a bash prompt after sudo su do not hide milestones', () => {
  assert.deepEqual(session(['[root@ip-10-0-1-25 ~]# \x1b[?2004ltar --extract -f /dev/nst0', 'home/ssm-user/test.txt', '[root@ip-10-0-1-25 ~]# ']), ['fileReadBack']);
});
