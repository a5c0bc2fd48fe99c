// udev's persistent /dev/tape names for iSCSI-attached gateway devices (systemd path_id, scsi_id; AL2-era rules).

import { gatewayHexId } from './gatewayTargets';

/** `ip-<address>:<port>-iscsi-<iqn>-lun-0`, the ID_PATH of an iSCSI LUN 0. */
function iscsiIdPath(address: string, port: number, iqn: string): string {
  return `ip-${address}:${port}-iscsi-${iqn}-lun-0`;
}

export function changerByPathName(address: string, port: number, iqn: string): string {
  return `${iscsiIdPath(address, port, iqn)}-changer`;
}

export function driveByPathNames(address: string, port: number, iqn: string): { rewinding: string; nonRewinding: string } {
  const base = iscsiIdPath(address, port, iqn);
  return { rewinding: base, nonRewinding: `${base}-nst` };
}

function hexBytes(text: string, length: number): string {
  let hex = '';
  for (let i = 0; i < length; i += 1) hex += (i < text.length ? text.charCodeAt(i) & 0xff : 0).toString(16).padStart(2, '0');
  return hex;
}

/**
 * The changer's ID_SERIAL: `2` (EUI-64 designator) + hex of the first 12 bytes of the unit serial
 * `AMZN_SGW-<ID>_MEDIACHANGER_00001` (udev's serial id of the gateway's changer).
 */
function changerSerialId(gatewayId: string): string {
  return `2${hexBytes(`AMZN_SGW-${gatewayHexId(gatewayId)}`, 12)}`;
}

/**
 * A drive's ID_SERIAL: `2` + hex of the 12-byte designator `<ID><NN>` zero-padded, which reproduces the
 * reference walkthrough's `2334335324242353530310000` for drive 01 of sgw-3c52bb55.
 */
function driveSerialId(gatewayId: string, driveNumber: number): string {
  return `2${hexBytes(`${gatewayHexId(gatewayId)}${String(driveNumber).padStart(2, '0')}`, 12)}`;
}

export function changerByIdName(gatewayId: string): string {
  return `scsi-${changerSerialId(gatewayId)}`;
}

export function driveByIdNames(gatewayId: string, driveNumber: number): { rewinding: string; nonRewinding: string } {
  const base = `scsi-${driveSerialId(gatewayId, driveNumber)}`;
  return { rewinding: base, nonRewinding: `${base}-nst` };
}
