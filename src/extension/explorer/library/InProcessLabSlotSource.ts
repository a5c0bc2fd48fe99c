// Slot source for the lab running inside VS Code: reads the same changer state the client's `mtx status` prints.
import type { RunningLab } from '../../../lab/index';
import type { LibrarySlot, LibrarySlotSource } from './LibrarySlotSource';

export class InProcessLabSlotSource implements LibrarySlotSource {
  constructor(private readonly lab: () => RunningLab | undefined) {}

  async readSlots(gatewayArn: string): Promise<readonly LibrarySlot[] | undefined> {
    const library = this.lab()?.libraries.byGatewayArn(gatewayArn);
    if (!library) return undefined;
    return library.elements().map((e) => ({ kind: e.kind, index: e.index, barcode: e.barcode }));
  }
}
