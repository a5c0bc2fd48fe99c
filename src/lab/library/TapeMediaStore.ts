// Opens each cartridge's media once, under <stateDir>/tape-media/<barcode>/ (barcodes are never reused, even after deletion).

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TapeMedia } from './TapeMedia';

export class TapeMediaStore {
  private readonly open = new Map<string, TapeMedia>();
  private readonly root: string;
  /** Removals of deleted tapes' folders still under way (the lab's stop waits for them through settled()). */
  private readonly removals = new Set<Promise<void>>();

  constructor(stateDir: string) {
    this.root = join(stateDir, 'tape-media');
  }

  media(barcode: string): TapeMedia {
    let media = this.open.get(barcode);
    if (!media) {
      media = TapeMedia.open(this.directoryOf(barcode));
      this.open.set(barcode, media);
    }
    return media;
  }

  /**
   * Removes a deleted tape's contents without blocking the event loop; resolves once they are gone. The barcode is never
   * used again, so nothing can open the folder meanwhile; a kill before the removal ends leaves a folder no tape refers to.
   */
  erase(barcode: string): Promise<void> {
    this.open.get(barcode)?.close();
    this.open.delete(barcode);
    const removal = rm(this.directoryOf(barcode), { recursive: true, force: true })
      .catch(() => undefined)
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
    return removal;
  }

  /** Resolves once every removal started so far has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.removals]);
  }

  /** Closes every open cartridge; removals under way go on (await settled() for them). */
  close(): void {
    for (const media of this.open.values()) media.close();
    this.open.clear();
  }

  private directoryOf(barcode: string): string {
    if (!/^[A-Z0-9]{1,16}$/.test(barcode)) throw new Error(`"${barcode}" is not a tape barcode (1-16 characters A-Z, 0-9).`);
    return join(this.root, barcode);
  }
}
