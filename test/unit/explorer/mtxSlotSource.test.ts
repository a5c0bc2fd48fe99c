// Unit tests of the Library node's mtx source: the command it runs on the client, and slots read back with tape/'s parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changerDevicePath, MtxSlotSource } from '../../../src/extension/explorer/library/MtxSlotSource';
import { groupLibrarySlots } from '../../../src/extension/explorer/library/groupLibrarySlots';
import { formatMtxStatus } from '../../../src/tape/mtxStatus';

const LOCATION = { clientInstanceId: 'i-0123456789abcdef0', gatewayId: 'sgw-12A3456B', gatewayIp: '10.0.2.14' };

function statusText(): string {
  const slots = [];
  for (let s = 1; s <= 3200; s += 1) slots.push({ slot: s, importExport: s > 1600, full: s === 7 || s === 1601, ...(s === 7 ? { barcode: 'TEST000007' } : s === 1601 ? { barcode: 'TEST001601' } : {}) });
  const drives = Array.from({ length: 10 }, (_, d) => (d === 0 ? { drive: 0, full: true, barcode: 'TESTDRIVE0' } : { drive: d, full: false }));
  return formatMtxStatus({ device: changerDevicePath(LOCATION), drives, slots });
}

test('runs mtx status on the client against the changer by-path device and groups what it prints', async () => {
  const commands: string[] = [];
  const source = new MtxSlotSource({
    locate: async () => LOCATION,
    run: async (instanceId, command) => {
      commands.push(`${instanceId} ${command}`);
      return { exitCode: 0, stdout: statusText() };
    },
  });
  const slots = await source.readSlots('arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B', new AbortController().signal);
  assert.deepEqual(commands, ['i-0123456789abcdef0 mtx -f /dev/tape/by-path/ip-10.0.2.14:3260-iscsi-iqn.1997-05.com.amazon:sgw-12a3456b-mediachanger-lun-0-changer status']);
  assert.ok(slots);
  assert.deepEqual(slots.filter((s) => s.kind === 'drive' && s.barcode).map((s) => [s.index, s.barcode]), [[0, 'TESTDRIVE0']]);
  const groups = groupLibrarySlots(slots);
  assert.deepEqual(groups.map((g) => [g.kind, g.full.map((f) => `${f.slot}:${f.barcode}`)]), [['importExport', ['1601:TEST001601']], ['storage', ['7:TEST000007']]]);
});

test('answers nothing (so the tree falls back) when no client is known or mtx fails', async () => {
  const signal = new AbortController().signal;
  assert.equal(await new MtxSlotSource({ locate: async () => undefined, run: async () => ({ exitCode: 0, stdout: '' }) }).readSlots('arn', signal), undefined);
  assert.equal(await new MtxSlotSource({ locate: async () => LOCATION, run: async () => ({ exitCode: 1, stdout: '' }) }).readSlots('arn', signal), undefined);
  assert.equal(await new MtxSlotSource({ locate: async () => { throw new Error('AccessDenied'); }, run: async () => ({ exitCode: 0, stdout: '' }) }).readSlots('arn', signal), undefined);
});
