// The gateway's SCSI medium changer as mtx sees it: INQUIRY identity, READ ELEMENT STATUS and MOVE MEDIUM over a VirtualLibrary.

import { MtxDriveStatus, MtxSlotStatus, MtxStatus } from '../../tape/mtxStatus';
import { ScsiIdentity, changerIdentity } from '../../tape/scsiIdentity';
import { ElementRef, LibraryElement, VirtualLibrary } from './VirtualLibrary';

export class MediumChanger {
  constructor(
    readonly library: VirtualLibrary,
    /** Told after a move into or out of a drive. */
    private readonly onDriveChanged: (drive: number) => void = () => undefined,
  ) {}

  identity(): ScsiIdentity {
    return changerIdentity(this.library.mediumChangerType);
  }

  elements(): LibraryElement[] {
    return this.library.elements();
  }

  /**
   * What `mtx status` derives from READ ELEMENT STATUS. A drive's "Storage Element N Loaded" is the slot
   * whose address equals the drive's source address if that slot is empty; otherwise mtx assigns the
   * next empty storage slot (mtxl.c:1436-1492), which is why a gateway drive reports "Storage Element 1".
   */
  status(device: string): MtxStatus {
    const elements = this.elements();
    const slots = elements.filter((e) => e.kind !== 'drive');
    const slotByAddress = new Map(slots.map((slot) => [slot.address, slot]));
    const storage = slots.filter((e) => e.kind === 'storage');
    let cursor = 0;
    const nextEmptyStorage = (): number | undefined => {
      while (cursor < storage.length && storage[cursor].barcode !== undefined) cursor += 1;
      const slot = storage[cursor];
      cursor += 1;
      return slot?.index;
    };
    const drives: MtxDriveStatus[] = elements
      .filter((e) => e.kind === 'drive')
      .map((drive) => {
        if (drive.barcode === undefined) return { drive: drive.index, full: false };
        const source = drive.sourceAddress === undefined ? undefined : slotByAddress.get(drive.sourceAddress);
        const loadedFrom = source && source.barcode === undefined ? source.index : nextEmptyStorage();
        return { drive: drive.index, full: true, barcode: drive.barcode, ...(loadedFrom === undefined ? {} : { loadedFrom }) };
      });
    const slotStatus: MtxSlotStatus[] = slots.map((slot) => ({
      slot: slot.index,
      importExport: slot.kind === 'importExport',
      full: slot.barcode !== undefined,
      ...(slot.barcode === undefined ? {} : { barcode: slot.barcode }),
    }));
    return { device, drives, slots: slotStatus };
  }

  /** SCSI MOVE MEDIUM; throws MoveMediumError with the device's sense. */
  move(from: ElementRef, to: ElementRef): void {
    this.library.moveMedium(from, to);
    for (const ref of [from, to]) if (ref.kind === 'drive') this.onDriveChanged(ref.index);
  }
}
