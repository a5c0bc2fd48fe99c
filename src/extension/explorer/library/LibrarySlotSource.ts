// Where the Library node reads slot contents from: the changer's element status (what `mtx status` prints), by gateway.

/** One element as `mtx status` reports it: drives 0-9, storage slots 1-1600, import/export slots 1601-3200. */
export interface LibrarySlot {
  readonly kind: 'drive' | 'storage' | 'importExport';
  readonly index: number;
  readonly barcode?: string;
}

export interface LibrarySlotSource {
  /** The elements of the gateway's changer, or undefined when this source cannot read that gateway. */
  readSlots(gatewayArn: string, signal: AbortSignal): Promise<readonly LibrarySlot[] | undefined>;
}

/** Tries each source in turn; the first that can read the gateway answers. */
export class FirstAnsweringSlotSource implements LibrarySlotSource {
  constructor(private readonly sources: readonly LibrarySlotSource[]) {}

  async readSlots(gatewayArn: string, signal: AbortSignal): Promise<readonly LibrarySlot[] | undefined> {
    for (const source of this.sources) {
      const slots = await source.readSlots(gatewayArn, signal);
      if (slots) return slots;
    }
    return undefined;
  }
}
