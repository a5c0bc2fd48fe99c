// iSCSI target names of a Tape Gateway's VTL devices and the order its SendTargets discovery returns them.

export const ISCSI_PORT = 3260;
export const TAPE_DRIVE_COUNT = 10;

/** "sgw-3C52BB55" or "sgw-3c52bb55" -> "3C52BB55". */
export function gatewayHexId(gatewayId: string): string {
  return gatewayId.replace(/^sgw-/i, '').toUpperCase();
}

export function mediumChangerIqn(gatewayId: string): string {
  return `iqn.1997-05.com.amazon:${gatewayId.toLowerCase()}-mediachanger`;
}

/** Drive numbers are 1-based in target names (`tapedrive-01` is Data Transfer Element 0). */
export function tapeDriveIqn(gatewayId: string, driveNumber: number): string {
  return `iqn.1997-05.com.amazon:${gatewayId.toLowerCase()}-tapedrive-${String(driveNumber).padStart(2, '0')}`;
}

export type GatewayTarget = { readonly kind: 'changer'; readonly iqn: string } | { readonly kind: 'drive'; readonly iqn: string; readonly driveNumber: number };

/** Which device an IQN names, if it belongs to this gateway. */
export function parseGatewayTarget(gatewayId: string, iqn: string): GatewayTarget | undefined {
  if (iqn === mediumChangerIqn(gatewayId)) return { kind: 'changer', iqn };
  const match = /-tapedrive-(\d\d)$/.exec(iqn);
  const driveNumber = match ? Number(match[1]) : 0;
  if (driveNumber >= 1 && driveNumber <= TAPE_DRIVE_COUNT && iqn === tapeDriveIqn(gatewayId, driveNumber)) return { kind: 'drive', iqn, driveNumber };
  return undefined;
}

// The order a real gateway returned its targets in the reference walkthrough (hash order, not sorted).
const DISCOVERY_ORDER: readonly (number | 'changer')[] = [9, 'changer', 8, 5, 4, 7, 6, 1, 3, 2, 10];

/** All 11 targets in the order SendTargets discovery lists them. */
export function discoveryTargets(gatewayId: string): GatewayTarget[] {
  return DISCOVERY_ORDER.map((item) =>
    item === 'changer' ? { kind: 'changer', iqn: mediumChangerIqn(gatewayId) } : { kind: 'drive', iqn: tapeDriveIqn(gatewayId, item), driveNumber: item },
  );
}
