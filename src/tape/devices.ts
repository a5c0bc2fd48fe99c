// Device types of a Tape Gateway VTL as the Storage Gateway API names them, and their vendor/product (DescribeVTLDevices).
import { changerIdentity, driveIdentity, MEDIUM_CHANGER_TYPES as CHANGER_TYPES, TAPE_DRIVE_TYPE, type ScsiIdentity } from './scsiIdentity';

interface DeviceIdentity {
  /** SCSI vendor, up to 8 characters. */
  readonly vendor: string;
  /** SCSI product, up to 16 characters. */
  readonly product: string;
}

/** Listed in the order of the API reference (ActivateGateway's TapeDriveType and MediumChangerType). */
export const MEDIUM_CHANGER_TYPES = ['STK-L700', 'AWS-Gateway-VTL', 'IBM-03584L32-0402'] as const satisfies readonly (typeof CHANGER_TYPES)[number][];
export const TAPE_DRIVE_TYPES = [TAPE_DRIVE_TYPE] as const;

/** Vendor and product of each device type, taken from the INQUIRY identities `mtx inquiry` prints (scsiIdentity.ts), so both agree. */
export const DEVICE_IDENTITIES: Readonly<Record<string, DeviceIdentity>> = {
  ...Object.fromEntries(MEDIUM_CHANGER_TYPES.map((type) => [type, vendorAndProduct(changerIdentity(type))])),
  [TAPE_DRIVE_TYPE]: vendorAndProduct(driveIdentity()),
};

function vendorAndProduct({ vendor, product }: ScsiIdentity): DeviceIdentity {
  return { vendor, product };
}

/** iSCSI targets of a gateway listen on TCP 3260. */
export const ISCSI_PORT = 3260;
