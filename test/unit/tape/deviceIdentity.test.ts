// One identity per VTL device type: what DescribeVTLDevices reports is what `mtx inquiry` prints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEVICE_IDENTITIES, MEDIUM_CHANGER_TYPES, TAPE_DRIVE_TYPES } from '../../../src/tape/devices';
import { formatMtxInquiry, parseMtxInquiry } from '../../../src/tape/mtxInquiry';
import { changerIdentity, driveIdentity, MEDIUM_CHANGER_TYPES as INQUIRY_CHANGER_TYPES } from '../../../src/tape/scsiIdentity';

test('every changer type has one vendor/product, shared by the API table and the INQUIRY data', () => {
  assert.deepEqual([...MEDIUM_CHANGER_TYPES].sort(), [...INQUIRY_CHANGER_TYPES].sort());
  for (const type of MEDIUM_CHANGER_TYPES) {
    const inquiry = parseMtxInquiry(formatMtxInquiry(changerIdentity(type)));
    assert.deepEqual(DEVICE_IDENTITIES[type], { vendor: inquiry?.vendor, product: inquiry?.product }, type);
  }
  for (const type of TAPE_DRIVE_TYPES) assert.deepEqual(DEVICE_IDENTITIES[type], { vendor: driveIdentity().vendor, product: driveIdentity().product });
});

test('IBM-03584L32-0402 is vendor IBM, product 03584L32 (as a real IBM 3584 reports it), revision 0402', () => {
  assert.deepEqual(changerIdentity('IBM-03584L32-0402'), { peripheralType: 'Medium Changer', vendor: 'IBM', product: '03584L32', revision: '0402' });
  assert.equal(
    formatMtxInquiry(changerIdentity('IBM-03584L32-0402')),
    "Product Type: Medium Changer\nVendor ID: 'IBM     '\nProduct ID: '03584L32        '\nRevision: '0402'\nAttached Changer API: No\n",
  );
  assert.deepEqual(DEVICE_IDENTITIES['IBM-03584L32-0402'], { vendor: 'IBM', product: '03584L32' });
  assert.deepEqual(DEVICE_IDENTITIES['STK-L700'], { vendor: 'STK', product: 'L700' });
  assert.deepEqual(DEVICE_IDENTITIES['AWS-Gateway-VTL'], { vendor: 'AWS', product: 'Gateway-VTL' });
  assert.deepEqual(DEVICE_IDENTITIES['IBM-ULT3580-TD5'], { vendor: 'IBM', product: 'ULT3580-TD5' });
});
