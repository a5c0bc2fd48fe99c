// `mtx status` output: formatter and parser (format FROM SOURCE mtx.c:484-552; VolumeTag padding mtxl.c:572).

export interface MtxDriveStatus {
  /** Data Transfer Element number, 0-based. */
  readonly drive: number;
  readonly full: boolean;
  /** Slot number mtx names in "Storage Element N Loaded"; undefined prints "Unknown Storage Element". */
  readonly loadedFrom?: number;
  readonly barcode?: string;
}

export interface MtxSlotStatus {
  /** Storage Element number, 1-based; import/export slots follow the storage slots. */
  readonly slot: number;
  readonly importExport: boolean;
  readonly full: boolean;
  readonly barcode?: string;
}

export interface MtxStatus {
  /** The `-f` argument exactly as typed. */
  readonly device: string;
  readonly drives: readonly MtxDriveStatus[];
  /** All slots, storage and import/export, in element order. */
  readonly slots: readonly MtxSlotStatus[];
}

/** The primary volume tag is 32 bytes, space-padded, and mtx prints the padding. */
export function padVolumeTag(barcode: string): string {
  return barcode.length >= 32 ? barcode.slice(0, 32) : barcode + ' '.repeat(32 - barcode.length);
}

export function formatMtxStatus(status: MtxStatus): string {
  const importExport = status.slots.filter((slot) => slot.importExport).length;
  const lines = [`  Storage Changer ${status.device}:${status.drives.length} Drives, ${status.slots.length} Slots ( ${importExport} Import/Export )`];
  for (const drive of status.drives) {
    let line = `Data Transfer Element ${drive.drive}:`;
    if (!drive.full) line += 'Empty';
    else {
      line += drive.loadedFrom === undefined ? 'Full (Unknown Storage Element Loaded)' : `Full (Storage Element ${drive.loadedFrom} Loaded)`;
      if (drive.barcode !== undefined) line += `:VolumeTag = ${padVolumeTag(drive.barcode)}`;
    }
    lines.push(line);
  }
  for (const slot of status.slots) {
    let line = `      Storage Element ${slot.slot}${slot.importExport ? ' IMPORT/EXPORT' : ''}:${slot.full ? 'Full ' : 'Empty'}`;
    if (slot.full && slot.barcode !== undefined) line += `:VolumeTag=${padVolumeTag(slot.barcode)}`;
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}

const HEADER = /^ {2}Storage Changer (.*):(\d+) Drives, (\d+) Slots \( (\d+) Import\/Export \)$/;
const DRIVE = /^Data Transfer Element (\d+):(Empty|Full \((?:Storage Element (\d+)|Unknown Storage Element) Loaded\))(?::VolumeTag ?= ?(.*))?$/;
const SLOT = /^ *Storage Element (\d+)( IMPORT\/EXPORT)?:(Empty|Full ?)(?::VolumeTag ?= ?(.*))?$/;

/** Reads `mtx status` output (also a filtered part of it, e.g. after `grep -v Empty`); tags come back trimmed. */
export function parseMtxStatus(text: string): MtxStatus {
  let device = '';
  const drives: MtxDriveStatus[] = [];
  const slots: MtxSlotStatus[] = [];
  for (const line of text.split(/\r?\n/)) {
    const header = HEADER.exec(line);
    if (header) {
      device = header[1];
      continue;
    }
    const drive = DRIVE.exec(line);
    if (drive) {
      const full = drive[2] !== 'Empty';
      const barcode = drive[4]?.trim();
      drives.push({
        drive: Number(drive[1]),
        full,
        ...(drive[3] !== undefined ? { loadedFrom: Number(drive[3]) } : {}),
        ...(barcode ? { barcode } : {}),
      });
      continue;
    }
    const slot = SLOT.exec(line);
    if (slot) {
      const barcode = slot[4]?.trim();
      slots.push({ slot: Number(slot[1]), importExport: slot[2] !== undefined, full: slot[3] !== 'Empty', ...(barcode ? { barcode } : {}) });
    }
  }
  return { device, drives, slots };
}
