// argv builders for mtx 1.3.12 (slots 1-based, drives 0-based; mtx.c:900-1040) and the progress lines its moves print.

export function mtxStatusArgs(device: string): string[] {
  return ['mtx', '-f', device, 'status'];
}

export function mtxLoadArgs(device: string, slot: number, drive: number): string[] {
  return ['mtx', '-f', device, 'load', String(slot), String(drive)];
}

/** Without a slot (mtx reads slot 0 as absent), mtx unloads into the drive's source slot. */
export function mtxUnloadArgs(device: string, drive: number, slot?: number): string[] {
  return ['mtx', '-f', device, 'unload', String(slot ?? 0), String(drive)];
}

export function mtxTransferArgs(device: string, fromSlot: number, toSlot: number): string[] {
  return ['mtx', '-f', device, 'transfer', String(fromSlot), String(toSlot)];
}

/** Printed before MOVE MEDIUM (mtx.c:601-657); "done" follows on success. */
export function formatMtxLoading(slot: number, drive: number): string {
  return `Loading media from Storage Element ${slot} into drive ${drive}...`;
}

/** Printed before MOVE MEDIUM (mtx.c:780-851); "done" follows on success. */
export function formatMtxUnloading(drive: number, slot: number): string {
  return `Unloading drive ${drive} into Storage Element ${slot}...`;
}
