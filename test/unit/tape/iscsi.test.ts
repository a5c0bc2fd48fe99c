// iscsiadm lines and /dev/tape names against the reference walkthrough.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discoveryTargets, mediumChangerIqn, parseGatewayTarget, tapeDriveIqn } from '../../../src/tape/gatewayTargets';
import {
  formatLoggingIn, formatLoginSuccessful, formatNodeRecord, formatSessionRecord, parseLoginSuccesses, parseNodeRecords, parseSessionRecords,
} from '../../../src/tape/iscsiadmOutput';
import { changerByIdName, changerByPathName, driveByIdNames, driveByPathNames } from '../../../src/tape/tapeDeviceLinks';

const gw = 'sgw-3C52BB55';
const ip = '10.0.2.143';

test('discovery lists the 11 targets in the walkthrough order and parses back', () => {
  const text = discoveryTargets(gw).map((t) => formatNodeRecord({ address: ip, port: 3260, tpgt: 1, iqn: t.iqn })).join('\n');
  const lines = text.split('\n');
  assert.equal(lines[0], '10.0.2.143:3260,1 iqn.1997-05.com.amazon:sgw-3c52bb55-tapedrive-09');
  assert.equal(lines[1], '10.0.2.143:3260,1 iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger');
  assert.equal(lines[10], '10.0.2.143:3260,1 iqn.1997-05.com.amazon:sgw-3c52bb55-tapedrive-10');
  assert.equal(parseNodeRecords(text).length, 11);
  assert.deepEqual(parseGatewayTarget(gw, tapeDriveIqn(gw, 1)), { kind: 'drive', iqn: tapeDriveIqn(gw, 1), driveNumber: 1 });
  assert.equal(parseGatewayTarget('sgw-00000000', tapeDriveIqn(gw, 1)), undefined);
});

test('login and session lines', () => {
  const record = { address: ip, port: 3260, tpgt: 1, iqn: mediumChangerIqn(gw) };
  assert.equal(formatLoggingIn(record, true), 'Logging in to [iface: default, target: iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger, portal: 10.0.2.143,3260] (multiple)');
  const success = formatLoginSuccessful(record);
  assert.equal(success, 'Login to [iface: default, target: iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger, portal: 10.0.2.143,3260] successful.');
  assert.deepEqual(parseLoginSuccesses(`${formatLoggingIn(record, true)}\n${success}\n`), [record.iqn]);
  const session = formatSessionRecord({ ...record, sid: 1 });
  assert.equal(session, 'tcp: [1] 10.0.2.143:3260,1 iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger (non-flash)');
  assert.deepEqual(parseSessionRecords(session), [{ ...record, sid: 1 }]);
});

test('udev names reproduce the walkthrough links', () => {
  assert.equal(changerByIdName(gw), 'scsi-2414d5a4e5f5347572d334335');
  assert.deepEqual(driveByIdNames('sgw-3c52bb55', 1), { rewinding: 'scsi-2334335324242353530310000', nonRewinding: 'scsi-2334335324242353530310000-nst' });
  assert.equal(changerByPathName(ip, 3260, mediumChangerIqn(gw)), 'ip-10.0.2.143:3260-iscsi-iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger-lun-0-changer');
  assert.equal(driveByPathNames(ip, 3260, tapeDriveIqn(gw, 1)).nonRewinding, 'ip-10.0.2.143:3260-iscsi-iqn.1997-05.com.amazon:sgw-3c52bb55-tapedrive-01-lun-0-nst');
});
