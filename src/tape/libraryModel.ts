// The library as the library view draws it: 10 drives, occupied slots and free-slot counts, from `mtx status` and DescribeTapes.
import { parseMtxStatus, type MtxStatus } from './mtxStatus';

interface TapeState {
  readonly barcode: string;
  /** DescribeTapes TapeStatus, e.g. AVAILABLE, IN TRANSIT TO VTS, ARCHIVED. */
  readonly status: string;
  readonly sizeInBytes?: number;
}

export interface LibraryTape {
  readonly barcode: string;
  readonly status: string;
}

interface LibraryDrive {
  readonly drive: number;
  readonly tape?: LibraryTape;
  readonly loadedFrom?: number;
  /** Logged in on the client, so mt/tar can use it. */
  readonly connected: boolean;
}

export interface LibrarySlot {
  readonly slot: number;
  readonly importExport: boolean;
  readonly tape: LibraryTape;
}

export interface LibraryModel {
  readonly drives: readonly LibraryDrive[];
  readonly slots: readonly LibrarySlot[];
  readonly freeStorage: number;
  readonly freeImportExport: number;
  readonly firstFreeStorage?: number;
  readonly firstFreeImportExport?: number;
  /** Tapes DescribeTapes lists that mtx does not show in a drive or slot (e.g. archived, being created). */
  readonly elsewhere: readonly LibraryTape[];
}

export function toLibraryModel(status: MtxStatus, tapes: readonly TapeState[], connectedDrives: ReadonlySet<number>): LibraryModel {
  const byBarcode = new Map(tapes.map((tape) => [tape.barcode, tape]));
  const seen = new Set<string>();
  const tapeOf = (barcode: string | undefined): LibraryTape => {
    const code = barcode ?? '';
    seen.add(code);
    return { barcode: code || '(no barcode)', status: byBarcode.get(code)?.status ?? 'UNKNOWN' };
  };
  const drives = status.drives.map((drive) => ({ drive: drive.drive, tape: drive.full ? tapeOf(drive.barcode) : undefined, loadedFrom: drive.loadedFrom, connected: connectedDrives.has(drive.drive) }));
  const slots = status.slots.filter((slot) => slot.full).map((slot) => ({ slot: slot.slot, importExport: slot.importExport, tape: tapeOf(slot.barcode) }));
  const free = (importExport: boolean) => status.slots.filter((slot) => slot.importExport === importExport && !slot.full);
  return {
    drives,
    slots,
    freeStorage: free(false).length,
    freeImportExport: free(true).length,
    firstFreeStorage: free(false)[0]?.slot,
    firstFreeImportExport: free(true)[0]?.slot,
    elsewhere: tapes.filter((tape) => !seen.has(tape.barcode)).map((tape) => ({ barcode: tape.barcode, status: tape.status })),
  };
}

const STATUS_HEADER = /^ {2}Storage Changer .*:(\d+) Drives, (\d+) Slots \( (\d+) Import\/Export \)\r?$/m;

/** `mtx status` without its empty slot lines (Run Command keeps only 24,000 characters of output, a full status is ~130 KB). */
export function fullSlotsStatusLine(mtxStatusLine: string): string {
  return `${mtxStatusLine} | grep -v 'Storage Element .*:Empty'`;
}

/** Rebuilds the whole status from filtered output: slots the header counts but the text omits are empty. */
export function expandFilteredMtxStatus(text: string): MtxStatus {
  const parsed = parseMtxStatus(text);
  const header = STATUS_HEADER.exec(text);
  if (!header) return parsed;
  const [drives, slots, importExport] = [Number(header[1]), Number(header[2]), Number(header[3])];
  const listedDrives = new Map(parsed.drives.map((drive) => [drive.drive, drive]));
  const listedSlots = new Map(parsed.slots.map((slot) => [slot.slot, slot]));
  const storage = slots - importExport;
  return {
    device: parsed.device,
    drives: Array.from({ length: drives }, (_, drive) => listedDrives.get(drive) ?? { drive, full: false }),
    slots: Array.from({ length: slots }, (_, index) => listedSlots.get(index + 1) ?? { slot: index + 1, importExport: index + 1 > storage, full: false }),
  };
}
