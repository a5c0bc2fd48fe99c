// Workflow step lines (sudo, stable by-path devices, record size), library targets and missing-tool advice.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toLibraryTargets } from '../../../src/tape/libraryTargets';
import { shellQuoteWord, toShellLine } from '../../../src/tape/shellQuote';
import {
  changerDevice, discoveryLine, driveDevices, loginLine, missingToolAdvice, missingToolInOutput, missingToolsInStatus, mtLine, mtxLoadLine, mtxTransferLine,
  mtxUnloadLine, parseDirectoryListing, parseSha256, tarListLine, tarReadLine, tarWriteLine,
} from '../../../src/tape/workflowSteps';

const PORTAL = { address: '10.0.2.143', port: 3260 };
const CHANGER = 'iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger';
const DRIVE = 'iqn.1997-05.com.amazon:sgw-3c52bb55-tapedrive-01';

describe('workflow step lines', () => {
  test('iSCSI lines match the reference walkthrough', () => {
    assert.equal(discoveryLine(PORTAL), 'sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal 10.0.2.143:3260');
    assert.equal(loginLine(CHANGER, PORTAL), `sudo /sbin/iscsiadm --mode node --targetname ${CHANGER} --portal 10.0.2.143:3260,1 --login`);
  });

  test('devices are the stable /dev/tape/by-path names', () => {
    const changer = changerDevice(CHANGER, PORTAL);
    assert.equal(changer, `/dev/tape/by-path/ip-10.0.2.143:3260-iscsi-${CHANGER}-lun-0-changer`);
    assert.deepEqual(driveDevices(DRIVE, PORTAL), {
      rewinding: `/dev/tape/by-path/ip-10.0.2.143:3260-iscsi-${DRIVE}-lun-0`,
      nonRewinding: `/dev/tape/by-path/ip-10.0.2.143:3260-iscsi-${DRIVE}-lun-0-nst`,
    });
    assert.equal(mtxLoadLine(changer, 1601, 0), `sudo mtx -f ${changer} load 1601 0`);
    assert.equal(mtxUnloadLine(changer, 0), `sudo mtx -f ${changer} unload 0 0`);
    assert.equal(mtxTransferLine(changer, 1, 1602), `sudo mtx -f ${changer} transfer 1 1602`);
  });

  test('tar uses the record size it is given and the no-rewind device', () => {
    const nst = driveDevices(DRIVE, PORTAL).nonRewinding;
    assert.equal(tarWriteLine(nst, 65536, ['/home/ssm-user/test.txt']), `sudo tar -cv --record-size=65536 -f ${nst} /home/ssm-user/test.txt`);
    assert.equal(tarListLine(nst, 65536), `sudo tar -tv --record-size=65536 -f ${nst}`);
    assert.equal(tarReadLine(nst, 65536, '/home/ssm-user/restore'), `sudo tar -xv --record-size=65536 -f ${nst} -C /home/ssm-user/restore`);
    assert.equal(mtLine(nst, 'fsf', 2), `sudo mt -f ${nst} fsf 2`);
  });

  test('words with shell metacharacters are single-quoted', () => {
    assert.equal(shellQuoteWord("it's a file.txt"), `'it'\\''s a file.txt'`);
    assert.equal(shellQuoteWord(''), "''");
    assert.equal(toShellLine(['ls', '-1Ap', '/home/ssm-user/my dir']), "ls -1Ap '/home/ssm-user/my dir'");
  });
});

describe('reading step output', () => {
  test('directory listings and sha256sum', () => {
    assert.deepEqual(parseDirectoryListing('docs/\ntest.txt\n'), [{ name: 'docs', directory: true }, { name: 'test.txt', directory: false }]);
    const hash = 'a'.repeat(64);
    assert.equal(parseSha256(`${hash}  /home/ssm-user/test.txt\n`), hash);
    assert.equal(parseSha256('sha256sum: x: No such file or directory\n'), undefined);
  });

  test('missing tools from the bootstrap status file and from the shell', () => {
    assert.deepEqual(missingToolsInStatus('os=amzn2023\niscsiadm=present\nmt=missing\nmtx=missing\ncompleted=2026-11-26T06:00:00Z\n'), ['mt', 'mtx']);
    assert.deepEqual(missingToolsInStatus('os=amzn2\niscsiadm=present\nmt=present\nmtx=present\n'), []);
    assert.equal(missingToolInOutput('sudo: mtx: command not found\n'), 'mtx');
    assert.equal(missingToolInOutput('sh: mt: command not found\n'), 'mt');
    assert.equal(missingToolInOutput('sudo: /sbin/iscsiadm: command not found\n'), 'iscsiadm');
    assert.equal(missingToolInOutput('sh: foo: command not found\n'), undefined);
    assert.match(missingToolAdvice('mt'), /no mt\. Install the package mt-st .*sudo yum install -y mt-st/);
  });
});

describe('toLibraryTargets', () => {
  test('finds the changer and numbers drives by element from DescribeVTLDevices records', () => {
    const gatewayArn = 'arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-3C52BB55';
    const record = (type: string, iqn: string) => ({ deviceType: type, targetArn: `${gatewayArn}/target/${iqn}`, address: '10.0.2.143', port: 3260 });
    const targets = toLibraryTargets(gatewayArn, [record('Tape Drive', 'iqn.1997-05.com.amazon:sgw-3c52bb55-tapedrive-10'), record('Medium Changer', CHANGER), record('Tape Drive', DRIVE)]);
    assert.equal(targets?.changer.iqn, CHANGER);
    assert.deepEqual(targets?.drives.map((drive) => [drive.element, drive.iqn]), [[0, DRIVE], [9, 'iqn.1997-05.com.amazon:sgw-3c52bb55-tapedrive-10']]);
    assert.equal(toLibraryTargets(gatewayArn, [record('Tape Drive', DRIVE)]), undefined);
  });
});
