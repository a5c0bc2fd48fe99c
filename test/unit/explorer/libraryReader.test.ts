// Unit tests of the library reader: which client it asks, the mtx command it runs through Run Command, and what it says when it cannot read slots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LibraryReader, type LibraryReaderDeps } from '../../../src/extension/explorer/library/LibraryReader';
import { groupLibrarySlots } from '../../../src/extension/explorer/library/groupLibrarySlots';
import { slotsOfMtxStatus } from '../../../src/extension/explorer/library/librarySlots';
import type { TapeSummary } from '../../../src/tape/model';
import { formatMtxStatus } from '../../../src/tape/mtxStatus';
import { changerDevice } from '../../../src/tape/workflowSteps';

const ARN = 'arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B';
const portal = { address: '10.0.2.14', port: 3260 };
const TARGETS = { gatewayArn: ARN, changer: { iqn: 'iqn.1997-05.com.amazon:sgw-12a3456b-mediachanger', portal }, drives: [] };
const TAPES: TapeSummary[] = [{ tapeArn: 'arn:tape/TEST000007', barcode: 'TEST000007', status: 'AVAILABLE', sizeInBytes: 1, usedInBytes: undefined, poolId: undefined, worm: false, vtlDevice: undefined, progress: undefined }];
const signal = new AbortController().signal;

function statusText(): string {
  const slots = [];
  for (let s = 1; s <= 3200; s += 1) slots.push({ slot: s, importExport: s > 1600, full: s === 7 || s === 1601, ...(s === 7 ? { barcode: 'TEST000007' } : s === 1601 ? { barcode: 'TEST001601' } : {}) });
  const drives = Array.from({ length: 10 }, (_, d) => (d === 0 ? { drive: 0, full: true, barcode: 'TESTDRIVE0' } : { drive: d, full: false }));
  // What `grep -v 'Storage Element .*:Empty'` leaves of the full status.
  return formatMtxStatus({ device: changerDevice(TARGETS.changer.iqn, portal), drives, slots }).split('\n').filter((line) => !/Storage Element .*:Empty/.test(line)).join('\n');
}

function deps(overrides: Partial<LibraryReaderDeps>, commands: string[] = []): LibraryReaderDeps {
  return {
    connectedClient: () => undefined,
    stackClient: async () => 'i-0123456789abcdef0',
    targets: async () => TARGETS,
    tapes: async () => TAPES,
    run: async (instanceId, command) => {
      commands.push(`${instanceId} ${command}`);
      return { exitCode: 0, stdout: statusText(), stderr: '' };
    },
    ...overrides,
  };
}

test('runs mtx status on the stack client against the changer by-path device and reads every slot back', async () => {
  const commands: string[] = [];
  const reading = await new LibraryReader(deps({}, commands)).read(ARN, signal);
  assert.deepEqual(commands, ["i-0123456789abcdef0 sudo mtx -f /dev/tape/by-path/ip-10.0.2.14:3260-iscsi-iqn.1997-05.com.amazon:sgw-12a3456b-mediachanger-lun-0-changer status | grep -v 'Storage Element .*:Empty'"]);
  assert.equal(reading.problem, undefined);
  assert.deepEqual(reading.tapes, TAPES);
  assert.ok(reading.status);
  assert.equal(reading.status.slots.length, 3200, 'the header restores the empty slots grep left out');
  const slots = slotsOfMtxStatus(reading.status);
  assert.deepEqual(slots.filter((s) => s.kind === 'drive' && s.barcode).map((s) => [s.index, s.barcode]), [[0, 'TESTDRIVE0']]);
  assert.deepEqual(groupLibrarySlots(slots).map((g) => [g.kind, g.full.map((f) => `${f.slot}:${f.barcode}`)]), [['importExport', ['1601:TEST001601']], ['storage', ['7:TEST000007']]]);
});

test('prefers the client Connect Library logged in through over the stack lookup', async () => {
  const commands: string[] = [];
  await new LibraryReader(deps({ connectedClient: () => 'i-0fedcba9876543210', stackClient: () => Promise.reject(new Error('not asked')) }, commands)).read(ARN, signal);
  assert.match(commands[0] ?? '', /^i-0fedcba9876543210 /);
});

test('says why there are no slot numbers when no client is known or mtx fails, and still lists the tapes', async () => {
  const noClient = await new LibraryReader(deps({ stackClient: async () => undefined })).read(ARN, signal);
  assert.equal(noClient.status, undefined);
  assert.deepEqual(noClient.tapes, TAPES);
  assert.match(noClient.problem ?? '', /^No client instance is known for this gateway/);
  const failing = await new LibraryReader(deps({ run: async () => ({ exitCode: 1, stdout: '', stderr: 'mtx: cannot open /dev/tape/by-path/x: No such file or directory\n' }) })).read(ARN, signal);
  assert.match(failing.problem ?? '', /^mtx status failed on i-0123456789abcdef0 \(mtx: cannot open .*\); run Connect Library/);
});

test('an AWS failure while reading is not swallowed', async () => {
  await assert.rejects(new LibraryReader(deps({ tapes: () => Promise.reject(new Error('AccessDeniedException')) })).read(ARN, signal), /AccessDeniedException/);
});
