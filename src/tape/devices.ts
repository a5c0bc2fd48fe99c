// SCSI identities of the VTL devices per device type (DescribeVTLDevices vendor/product, what `mtx inquiry` shows).

export interface DeviceIdentity {
  /** SCSI vendor, up to 8 characters. */
  readonly vendor: string;
  /** SCSI product, up to 16 characters. */
  readonly product: string;
}

/** STK-L700 and IBM-ULT3580-TD5 are from the AWS example; the other two are inferred from the type names (spec §5.7). */
export const DEVICE_IDENTITIES: Readonly<Record<string, DeviceIdentity>> = {
  'STK-L700': { vendor: 'STK', product: 'L700' },
  'AWS-Gateway-VTL': { vendor: 'AWS', product: 'Gateway-VTL' },
  'IBM-03584L32-0402': { vendor: 'IBM', product: '03584L32-0402' },
  'IBM-ULT3580-TD5': { vendor: 'IBM', product: 'ULT3580-TD5' },
};

export const MEDIUM_CHANGER_TYPES = ['STK-L700', 'AWS-Gateway-VTL', 'IBM-03584L32-0402'] as const;
export const TAPE_DRIVE_TYPES = ['IBM-ULT3580-TD5'] as const;
/** iSCSI targets of a gateway listen on TCP 3260. */
export const ISCSI_PORT = 3260;
