// A gateway's VTL as iSCSI targets (from DescribeVTLDevices): the medium changer and the tape drives with their portals.
import type { IscsiPortal } from './workflowSteps';

interface VtlTarget {
  readonly iqn: string;
  readonly portal: IscsiPortal;
}

export interface DriveTarget extends VtlTarget {
  /** mtx's Data Transfer Element number: `tapedrive-01` is element 0. */
  readonly element: number;
}

export interface LibraryTargets {
  readonly gatewayArn: string;
  readonly changer: VtlTarget;
  /** Sorted by element. */
  readonly drives: readonly DriveTarget[];
}

export interface VtlDeviceRecord {
  readonly deviceType: string;
  /** DeviceiSCSIAttributes.TargetARN: `<gateway ARN>/target/<iqn>`. */
  readonly targetArn: string;
  readonly address: string;
  readonly port: number;
}

function iqnOfTargetArn(targetArn: string): string {
  const at = targetArn.indexOf('/target/');
  return at < 0 ? targetArn : targetArn.slice(at + '/target/'.length);
}

/** Undefined when the gateway reports no medium changer (it is not a VTL or not activated yet). */
export function toLibraryTargets(gatewayArn: string, devices: readonly VtlDeviceRecord[]): LibraryTargets | undefined {
  let changer: VtlTarget | undefined;
  const drives: DriveTarget[] = [];
  for (const device of devices) {
    const target = { iqn: iqnOfTargetArn(device.targetArn), portal: { address: device.address, port: device.port } };
    if (device.deviceType === 'Medium Changer') changer = target;
    else if (device.deviceType === 'Tape Drive') {
      const number = /-tapedrive-(\d+)$/.exec(target.iqn);
      if (number) drives.push({ ...target, element: Number(number[1]) - 1 });
    }
  }
  if (!changer) return undefined;
  drives.sort((a, b) => a.element - b.element);
  return { gatewayArn, changer, drives };
}
