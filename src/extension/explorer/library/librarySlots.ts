// The changer's elements as the Library node groups them, from what `mtx status` prints.
import type { MtxStatus } from '../../../tape/mtxStatus';

/** One element as `mtx status` reports it: drives 0-9, storage slots 1-1600, import/export slots 1601-3200. */
export interface LibrarySlot {
  readonly kind: 'drive' | 'storage' | 'importExport';
  readonly index: number;
  readonly barcode?: string;
}

export function slotsOfMtxStatus(status: MtxStatus): LibrarySlot[] {
  return [
    ...status.drives.map((d): LibrarySlot => ({ kind: 'drive', index: d.drive, barcode: d.full ? d.barcode : undefined })),
    ...status.slots.map((s): LibrarySlot => ({ kind: s.importExport ? 'importExport' : 'storage', index: s.slot, barcode: s.full ? s.barcode : undefined })),
  ];
}
