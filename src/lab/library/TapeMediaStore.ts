// Opens each cartridge's media once, under <stateDir>/tape-media/<barcode>/ (barcodes are never reused, even after deletion).

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { TapeMedia } from './TapeMedia';

export class TapeMediaStore {
  private readonly open = new Map<string, TapeMedia>();
  private readonly root: string;

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

  /** Removes a deleted tape's contents. */
  erase(barcode: string): void {
    this.open.get(barcode)?.close();
    this.open.delete(barcode);
    rmSync(this.directoryOf(barcode), { recursive: true, force: true });
  }

  close(): void {
    for (const media of this.open.values()) media.close();
    this.open.clear();
  }

  private directoryOf(barcode: string): string {
    if (!/^[A-Z0-9]{1,16}$/.test(barcode)) throw new Error(`"${barcode}" is not a tape barcode (1-16 characters A-Z, 0-9).`);
    return join(this.root, barcode);
  }
}
