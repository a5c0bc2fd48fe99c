// Slot source that runs `mtx -f <changer> status` on the stack's client instance (SSM Run Command) and parses it with tape/'s parser.
import { ISCSI_PORT } from '../../../tape/devices';
import { mediumChangerIqn } from '../../../tape/gatewayTargets';
import { parseMtxStatus, type MtxStatus } from '../../../tape/mtxStatus';
import { changerByPathName } from '../../../tape/tapeDeviceLinks';
import type { LibrarySlot, LibrarySlotSource } from './LibrarySlotSource';

/** Where the changer is reachable from: the client instance logged in to it, and the gateway's iSCSI portal. */
export interface ChangerLocation {
  readonly clientInstanceId: string;
  readonly gatewayId: string;
  readonly gatewayIp: string;
}

export interface MtxSlotSourceDeps {
  /** The client that can reach this gateway's changer (the stack whose GatewayInstanceId is the gateway's instance), if any. */
  locate(gatewayArn: string, signal: AbortSignal): Promise<ChangerLocation | undefined>;
  /** Runs a shell command on the instance; resolves with its exit code and standard output. */
  run(instanceId: string, command: string, signal: AbortSignal): Promise<{ exitCode: number; stdout: string }>;
}

/** udev's persistent name of the changer once the client has logged in to its iSCSI target. */
export function changerDevicePath(location: ChangerLocation): string {
  return `/dev/tape/by-path/${changerByPathName(location.gatewayIp, ISCSI_PORT, mediumChangerIqn(location.gatewayId))}`;
}

export function slotsOfMtxStatus(status: MtxStatus): LibrarySlot[] {
  return [
    ...status.drives.map((d): LibrarySlot => ({ kind: 'drive', index: d.drive, barcode: d.full ? d.barcode : undefined })),
    ...status.slots.map((s): LibrarySlot => ({ kind: s.importExport ? 'importExport' : 'storage', index: s.slot, barcode: s.full ? s.barcode : undefined })),
  ];
}

export class MtxSlotSource implements LibrarySlotSource {
  constructor(private readonly deps: MtxSlotSourceDeps) {}

  async readSlots(gatewayArn: string, signal: AbortSignal): Promise<readonly LibrarySlot[] | undefined> {
    const location = await this.deps.locate(gatewayArn, signal).catch(() => undefined);
    if (!location) return undefined;
    const result = await this.deps.run(location.clientInstanceId, `mtx -f ${changerDevicePath(location)} status`, signal).catch(() => undefined);
    if (!result) return undefined;
    // A client not logged in to the changer (no device) cannot tell; the Library node then falls back to DescribeTapes.
    if (result.exitCode !== 0) return undefined;
    const status = parseMtxStatus(result.stdout);
    return status.slots.length > 0 ? slotsOfMtxStatus(status) : undefined;
  }
}
