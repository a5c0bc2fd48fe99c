// What the lab decides a user data script installed, per image family, and the status file it writes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOOTSTRAP_STATUS_PATH, simulateUserData } from '../../../src/lab/services/ec2/userDataBootstrap';

const when = new Date('2026-11-26T08:00:00.000Z');

test('dnf on AL2023 refuses a transaction with an unknown name; separate lines install what exists', () => {
  const together = simulateUserData('#!/bin/bash\ndnf -y install iscsi-initiator-utils mt-st\n', 'al2023', when);
  assert.equal(together.installedPackages.includes('iscsi-initiator-utils'), false);
  const apart = simulateUserData(`yum -y install iscsi-initiator-utils || true\nyum -y install mt-st\n> ${BOOTSTRAP_STATUS_PATH}\n`, 'al2023', when);
  assert.ok(apart.installedPackages.includes('iscsi-initiator-utils'));
  assert.deepEqual(apart.files, [{ path: BOOTSTRAP_STATUS_PATH, content: 'os=amzn2023\niscsiadm=present\nmt=missing\nmtx=missing\ncompleted=2026-11-26T08:00:00Z\n' }]);
});

test("AL2's yum installs the names it finds", () => {
  const result = simulateUserData('yum install -y iscsi-initiator-utils mt-st mtx missing-one\n', 'al2', when);
  assert.ok(['iscsi-initiator-utils', 'mt-st', 'mtx'].every((name) => result.installedPackages.includes(name)));
  assert.deepEqual(result.files, []);
});
