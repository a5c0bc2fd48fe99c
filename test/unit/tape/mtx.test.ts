// mtx inquiry/status formatters and parsers against the outputs of mtx 1.3.12 and the reference walkthrough.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMtxInquiry, parseMtxInquiry } from '../../../src/tape/mtxInquiry';
import { MtxStatus, formatMtxStatus, padVolumeTag, parseMtxStatus } from '../../../src/tape/mtxStatus';
import { changerIdentity, driveIdentity } from '../../../src/tape/scsiIdentity';
import { mtxLoadArgs, mtxUnloadArgs } from '../../../src/tape/mtxCommand';

test('inquiry of the STK-L700 changer matches the spec byte for byte', () => {
  assert.equal(
    formatMtxInquiry(changerIdentity('STK-L700')),
    "Product Type: Medium Changer\nVendor ID: 'STK     '\nProduct ID: 'L700            '\nRevision: '0104'\nAttached Changer API: No\n",
  );
});

test('inquiry of AWS-Gateway-VTL is the walkthrough output with its padding restored', () => {
  const text = formatMtxInquiry(changerIdentity('AWS-Gateway-VTL'));
  assert.match(text, /^Vendor ID: 'AWS {5}'$/m);
  assert.match(text, /^Product ID: 'Gateway-VTL {5}'$/m);
  assert.match(text, /^Revision: '0100'$/m);
  assert.deepEqual(parseMtxInquiry(text), changerIdentity('AWS-Gateway-VTL'));
  assert.deepEqual(parseMtxInquiry(formatMtxInquiry(driveIdentity())), driveIdentity());
  assert.equal(parseMtxInquiry('nothing here'), undefined);
});

function sampleStatus(): MtxStatus {
  const slots = Array.from({ length: 3200 }, (_, i) => ({ slot: i + 1, importExport: i >= 1600, full: i === 1601, ...(i === 1601 ? { barcode: 'AMZN0002' } : {}) }));
  const drives = Array.from({ length: 10 }, (_, i) => (i === 0 ? { drive: 0, full: true, loadedFrom: 1601, barcode: 'AMZN0001' } : { drive: i, full: false }));
  return { device: '/dev/sg0', drives, slots };
}

test('status uses the exact indents, Full-space and VolumeTag spellings of the spec example', () => {
  const lines = formatMtxStatus(sampleStatus()).split('\n');
  assert.equal(lines[0], '  Storage Changer /dev/sg0:10 Drives, 3200 Slots ( 1600 Import/Export )');
  assert.equal(lines[1], `Data Transfer Element 0:Full (Storage Element 1601 Loaded):VolumeTag = AMZN0001${' '.repeat(24)}`);
  assert.equal(lines[2], 'Data Transfer Element 1:Empty');
  assert.equal(lines[11], '      Storage Element 1:Empty');
  assert.equal(lines[1611], '      Storage Element 1601 IMPORT/EXPORT:Empty');
  assert.equal(lines[1612], `      Storage Element 1602 IMPORT/EXPORT:Full :VolumeTag=AMZN0002${' '.repeat(24)}`);
  assert.equal(lines.length, 1 + 10 + 3200 + 1);
  assert.equal(padVolumeTag('TESTD67E76').length, 32);
});

test('status round-trips, and parses the walkthrough lines with collapsed padding', () => {
  assert.deepEqual(parseMtxStatus(formatMtxStatus(sampleStatus())), sampleStatus());
  const walkthrough = parseMtxStatus(
    '  Storage Changer /dev/tape/by-id/scsi-2414d5a4e5f5347572d334335:10 Drives, 3200 Slots ( 1600 Import/Export )\n' +
      'Data Transfer Element 0:Full (Storage Element 1 Loaded):VolumeTag = TESTD67E76\n' +
      '      Storage Element 1601 IMPORT/EXPORT:Full :VolumeTag=TESTD67E76\n' +
      'Data Transfer Element 3:Full (Unknown Storage Element Loaded)\n',
  );
  assert.equal(walkthrough.device, '/dev/tape/by-id/scsi-2414d5a4e5f5347572d334335');
  assert.deepEqual(walkthrough.drives, [
    { drive: 0, full: true, loadedFrom: 1, barcode: 'TESTD67E76' },
    { drive: 3, full: true },
  ]);
  assert.deepEqual(walkthrough.slots, [{ slot: 1601, importExport: true, full: true, barcode: 'TESTD67E76' }]);
});

test('argv builders never build shell strings', () => {
  assert.deepEqual(mtxLoadArgs('/dev/sg0', 1601, 0), ['mtx', '-f', '/dev/sg0', 'load', '1601', '0']);
  assert.deepEqual(mtxUnloadArgs('/dev/sg0', 2), ['mtx', '-f', '/dev/sg0', 'unload', '0', '2']);
});
