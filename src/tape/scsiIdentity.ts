// SCSI INQUIRY identities of the gateway's medium changer types and tape drives (vendor 8, product 16, revision 4 bytes).

export type PeripheralType = 'Medium Changer' | 'Tape Drive';

export interface ScsiIdentity {
  readonly peripheralType: PeripheralType;
  /** Unpadded; INQUIRY pads it with spaces to 8 bytes. */
  readonly vendor: string;
  /** Unpadded; INQUIRY pads it with spaces to 16 bytes. */
  readonly product: string;
  /** Exactly 4 characters. */
  readonly revision: string;
}

export const MEDIUM_CHANGER_TYPES = ['AWS-Gateway-VTL', 'STK-L700', 'IBM-03584L32-0402'] as const;
export type MediumChangerType = (typeof MEDIUM_CHANGER_TYPES)[number];

export const TAPE_DRIVE_TYPE = 'IBM-ULT3580-TD5';

/**
 * The one table of changer identities: `mtx inquiry` (INQUIRY vendor/product/revision) and DescribeVTLDevices
 * (VTLDeviceVendor/VTLDeviceProductIdentifier) both read it, so the API and the device always agree.
 * - AWS-Gateway-VTL: 'AWS' / 'Gateway-VTL' / '0100' as printed by the reference walkthrough's `mtx inquiry`.
 * - STK-L700: vendor/product from the DescribeVTLDevices example; revision '0104' is made up.
 * - IBM-03584L32-0402: read as vendor-product-revision. The real IBM 3584 (TS3500) reports INQUIRY product
 *   '03584L32' for LTO logical libraries (IBM TS3500 SCSI reference, standard inquiry data), and the confirmed type
 *   names (STK-L700, IBM-ULT3580-TD5) are vendor-product, so '0402' is the revision and the product is '03584L32'
 *   (an earlier guess, '03584L32-0402', is not used).
 */
const CHANGERS: Readonly<Record<MediumChangerType, ScsiIdentity>> = {
  'AWS-Gateway-VTL': { peripheralType: 'Medium Changer', vendor: 'AWS', product: 'Gateway-VTL', revision: '0100' },
  'STK-L700': { peripheralType: 'Medium Changer', vendor: 'STK', product: 'L700', revision: '0104' },
  'IBM-03584L32-0402': { peripheralType: 'Medium Changer', vendor: 'IBM', product: '03584L32', revision: '0402' },
};

// Vendor/product from DescribeVTLDevices ("IBM" / "ULT3580-TD5"); the firmware revision is INFERRED.
const DRIVE: ScsiIdentity = { peripheralType: 'Tape Drive', vendor: 'IBM', product: 'ULT3580-TD5', revision: 'C7RC' };

function isMediumChangerType(value: string): value is MediumChangerType {
  return (MEDIUM_CHANGER_TYPES as readonly string[]).includes(value);
}

/** The changer's identity; an unknown type falls back to STK-L700, the type DescribeVTLDevices shows by default. */
export function changerIdentity(type: string): ScsiIdentity {
  return isMediumChangerType(type) ? CHANGERS[type] : CHANGERS['STK-L700'];
}

export function driveIdentity(): ScsiIdentity {
  return DRIVE;
}

/** Pads (or cuts) an INQUIRY field to its fixed width, as the device returns it. */
export function padInquiryField(value: string, width: number): string {
  return value.length >= width ? value.slice(0, width) : value + ' '.repeat(width - value.length);
}
