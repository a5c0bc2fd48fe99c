// Unit tests of the Library node's slot grouping: full slots first, empty ranges collapsed, 3,200 slots stay a handful of nodes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRange, groupLibrarySlots } from '../../../src/extension/explorer/library/groupLibrarySlots';
import type { LibrarySlot } from '../../../src/extension/explorer/library/librarySlots';

function library(full: Record<number, string>): LibrarySlot[] {
  const slots: LibrarySlot[] = [];
  for (let d = 0; d < 10; d += 1) slots.push({ kind: 'drive', index: d });
  for (let s = 1; s <= 3200; s += 1) slots.push({ kind: s <= 1600 ? 'storage' : 'importExport', index: s, barcode: full[s] });
  return slots;
}

test('an empty library is two groups of one collapsed range each', () => {
  const groups = groupLibrarySlots(library({}));
  assert.deepEqual(groups.map((g) => [g.kind, g.first, g.last, g.full.length, g.empty]), [
    ['importExport', 1601, 3200, 0, [{ first: 1601, last: 3200 }]],
    ['storage', 1, 1600, 0, [{ first: 1, last: 1600 }]],
  ]);
});

test('full slots come first and split the empty ranges around them', () => {
  const groups = groupLibrarySlots(library({ 1: 'AAA001', 2: 'AAA002', 900: 'AAA900', 1600: 'AAA999', 1601: 'NEW001' }));
  const storage = groups.find((g) => g.kind === 'storage');
  assert.deepEqual(storage?.full, [{ slot: 1, barcode: 'AAA001' }, { slot: 2, barcode: 'AAA002' }, { slot: 900, barcode: 'AAA900' }, { slot: 1600, barcode: 'AAA999' }]);
  assert.deepEqual(storage?.empty, [{ first: 3, last: 899 }, { first: 901, last: 1599 }]);
  assert.deepEqual(groups.find((g) => g.kind === 'importExport')?.empty, [{ first: 1602, last: 3200 }]);
});

test('1,500 tapes in alternate slots still give one node per tape plus the gaps between them', () => {
  const full: Record<number, string> = {};
  for (let i = 0; i < 1500; i += 1) full[1 + i * 2 > 1600 ? 1601 + i : 1 + i * 2] = `T${String(i).padStart(5, '0')}`;
  const groups = groupLibrarySlots(library(full));
  assert.equal(groups.reduce((n, g) => n + g.full.length, 0), 1500);
  for (const g of groups) for (const r of g.empty) assert.ok(r.first <= r.last && r.first >= g.first && r.last <= g.last);
});

test('drives are not slots', () => {
  assert.ok(groupLibrarySlots(library({})).every((g) => g.kind !== ('drive' as string)));
});

test('ranges read as one slot or a span', () => {
  assert.equal(describeRange({ first: 7, last: 7 }), 'Slot 7');
  assert.equal(describeRange({ first: 1605, last: 3200 }), 'Slots 1605–3200');
});
