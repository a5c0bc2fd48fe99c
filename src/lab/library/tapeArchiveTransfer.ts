// Admin transfers between a virtual tape and the host: export one tape file (e.g. a tar archive) to a host file,
// and import a tar stream (e.g. made by GNU tar) onto a tape as fixed-size blocks followed by a filemark.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { RecordBlocker } from '../../tape/tarRecords';
import { DEFAULT_BLOCK_SIZE } from './TapeDrive';
import { TapeMediaStore } from './TapeMediaStore';

/** Copies the blocks of tape file `fileNumber` (up to its filemark or EOD) to `hostPath`; returns the byte count. */
export async function exportTapeFile(store: TapeMediaStore, barcode: string, fileNumber: number, hostPath: string): Promise<number> {
  const media = store.media(barcode);
  const start = media.fileStart(fileNumber);
  if (start === undefined || start > media.objectCount) throw new Error(`Tape ${barcode} has no file ${fileNumber}; it holds ${media.filemarkCount} filemark(s).`);
  const out = createWriteStream(hostPath);
  // A failed open or write (no such folder, disk full) fails this export, not the lab: `once` below rethrows it.
  let failure: Error | undefined;
  out.on('error', (error) => {
    failure = error;
  });
  let bytes = 0;
  try {
    for (let index = start; index < media.objectCount; index += 1) {
      if (media.objectAt(index)?.kind !== 'block') break;
      const block = media.readBlock(index);
      bytes += block.length;
      if (!out.write(block)) await once(out, 'drain');
    }
  } finally {
    out.end();
    if (!out.closed) await once(out, 'close');
  }
  if (failure) throw failure;
  return bytes;
}

export interface ImportResult {
  /** The tape file number the archive now occupies. */
  readonly fileNumber: number;
  readonly bytes: number;
  /** The tape's data bytes after the import (for TapeUsedInBytes). */
  readonly usedBytes: number;
}

/**
 * Appends `source` at the tape's end of data in blocks of `blockSize` (the last one zero-padded, as tar pads its
 * final record), then writes a filemark and syncs. The tape should not be in use by a drive meanwhile.
 */
export async function importTarStream(store: TapeMediaStore, barcode: string, source: AsyncIterable<Uint8Array>, blockSize = DEFAULT_BLOCK_SIZE): Promise<ImportResult> {
  const media = store.media(barcode);
  const fileNumber = media.filemarkCount;
  let bytes = 0;
  const blocker = new RecordBlocker(blockSize, (block) => {
    media.writeBlocks(media.objectCount, block, blockSize);
    bytes += block.length;
  });
  for await (const chunk of source) blocker.push(chunk);
  blocker.finish();
  media.writeFilemarks(media.objectCount, 1);
  media.sync();
  return { fileNumber, bytes, usedBytes: media.usedBytes };
}
