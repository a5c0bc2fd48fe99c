// One virtual cartridge's contents (data blocks and filemarks) stored durably under the state dir.
//
// Two files per tape: `data` holds the block bytes back to back; `journal` holds 16-byte records
// (blocks of a size, filemarks, erase-from) replayed at open. Data is written before its journal
// record and a torn last record is ignored. One BLOCKS record covers a run of writes of one block size, up to
// JOURNAL_BATCH_BYTES, not one record per write. sync() writes the pending record and fsyncs; the drive calls it before
// it acknowledges a filemark, a rewind or an unload, the points where a real drive empties its buffer onto the medium.
// A kill -9 between those points keeps a prefix of the blocks written since (a torn tape file), as a drive loses what
// its buffer held.

import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

type Segment =
  | { readonly kind: 'blocks'; readonly start: number; count: number; readonly size: number; readonly byteStart: number }
  | { readonly kind: 'filemarks'; readonly start: number; count: number; readonly byteStart: number };

export type TapeObject = { readonly kind: 'block'; readonly size: number; readonly byteOffset: number } | { readonly kind: 'filemark' };

const RECORD = 16;
/** Bytes of blocks one journal record covers at most (a kill loses at most this much more than the last record says). */
const JOURNAL_BATCH_BYTES = 512 * 1024;
/** Most bytes one read of the data file takes in for readBlock. */
const READ_WINDOW = 1024 * 1024;
const BLOCKS = 1;
const FILEMARKS = 2;
const ERASE = 3;

export class TapeMedia {
  private segments: Segment[] = [];
  /** Object indexes of all filemarks, ascending. */
  private filemarks: number[] = [];
  private objects = 0;
  private bytes = 0;
  private readonly dataFd: number;
  private journalFd: number;
  private unsynced = false;
  /** Blocks written whose journal record is not written yet (one record per run of one size). */
  private unjournaled: { readonly size: number; count: number } | undefined;
  /** The blocks read last, as one run of data-file bytes; dropped by anything that changes the tape. */
  private window: { readonly byteStart: number; readonly data: Buffer } | undefined;

  private constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    closeSync(openSync(join(dir, 'data'), 'a'));
    this.dataFd = openSync(join(dir, 'data'), 'r+');
    this.journalFd = openSync(join(dir, 'journal'), 'a+');
  }

  static open(dir: string): TapeMedia {
    const media = new TapeMedia(dir);
    media.replay();
    return media;
  }

  /** Number of objects (blocks + filemarks); the EOD position. */
  get objectCount(): number {
    return this.objects;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get filemarkCount(): number {
    return this.filemarks.length;
  }

  objectAt(index: number): TapeObject | undefined {
    if (index < 0 || index >= this.objects) return undefined;
    const segment = this.segmentOf(index);
    if (segment.kind === 'filemarks') return { kind: 'filemark' };
    return { kind: 'block', size: segment.size, byteOffset: segment.byteStart + (index - segment.start) * segment.size };
  }

  /** Data bytes stored before object `index` (what remains if the tape is overwritten from there). */
  bytesBefore(index: number): number {
    if (index >= this.objects) return this.bytes;
    const segment = this.segmentOf(index);
    return segment.byteStart + (segment.kind === 'blocks' ? (index - segment.start) * segment.size : 0);
  }

  /**
   * One data block. Reads go to the disk a window at a time (the block and the ones after it in the same run, up to
   * READ_WINDOW bytes, in one read), so reading a tape in order costs one read(2) per window, not one per block.
   * The block comes back as a view of that window, which is never written to again.
   */
  readBlock(index: number): Buffer {
    const object = this.objectAt(index);
    if (object?.kind !== 'block') throw new Error(`object ${index} is not a data block`);
    const window = this.window;
    if (!window || object.byteOffset < window.byteStart || object.byteOffset + object.size > window.byteStart + window.data.length) {
      const segment = this.segmentOf(index);
      const segmentEnd = segment.byteStart + segment.count * object.size;
      const length = Math.max(object.size, Math.min(segmentEnd - object.byteOffset, READ_WINDOW - (READ_WINDOW % object.size)));
      this.window = { byteStart: object.byteOffset, data: this.readData(index, object.byteOffset, length) };
    }
    const at = object.byteOffset - this.window!.byteStart;
    return this.window!.data.subarray(at, at + object.size);
  }

  private readData(index: number, byteOffset: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.dataFd, buffer, done, length - done, byteOffset + done);
      if (n === 0) throw new Error(`tape data ends inside block ${index}`);
      done += n;
    }
    return buffer;
  }

  /** File number of an object position (filemarks before it). */
  fileNumberAt(index: number): number {
    return countBelow(this.filemarks, index);
  }

  /** Object index where file `n` starts, or undefined past the last filemark + 1. */
  fileStart(fileNumber: number): number | undefined {
    if (fileNumber === 0) return 0;
    const mark = this.filemarks[fileNumber - 1];
    return mark === undefined ? undefined : mark + 1;
  }

  /** The first filemark at or after `index`. */
  nextFilemark(index: number): number | undefined {
    const i = countBelow(this.filemarks, index);
    return this.filemarks[i];
  }

  /** The last filemark strictly before `index`. */
  previousFilemark(index: number): number | undefined {
    const i = countBelow(this.filemarks, index);
    return i === 0 ? undefined : this.filemarks[i - 1];
  }

  /** Writes `data` as blocks of `blockSize` at `index`, erasing everything from there on (tape overwrite). */
  writeBlocks(index: number, data: Uint8Array, blockSize: number): void {
    if (data.length === 0 || data.length % blockSize !== 0) throw new Error('write must be whole blocks');
    this.window = undefined;
    this.erase(index);
    let done = 0;
    while (done < data.length) done += writeSync(this.dataFd, data, done, data.length - done, this.bytes + done);
    const count = data.length / blockSize;
    this.applyBlocks(blockSize, count);
    // The record comes after the bytes it describes, and only once a batch is full (or something else needs the journal).
    if (this.unjournaled && this.unjournaled.size !== blockSize) this.journalBlocks();
    this.unjournaled ??= { size: blockSize, count: 0 };
    this.unjournaled.count += count;
    this.unsynced = true;
    if (this.unjournaled.size * this.unjournaled.count >= JOURNAL_BATCH_BYTES) this.journalBlocks();
  }

  writeFilemarks(index: number, count: number): void {
    if (count <= 0) return;
    this.window = undefined;
    this.erase(index);
    this.applyFilemarks(count);
    this.journal(FILEMARKS, 0, count);
  }

  /** Flushes data and journal to disk (what makes a close or filemark durable). */
  sync(): void {
    this.journalBlocks();
    if (!this.unsynced) return;
    fsyncSync(this.dataFd);
    fsyncSync(this.journalFd);
    this.unsynced = false;
  }

  close(): void {
    try {
      this.sync();
    } finally {
      closeSync(this.dataFd);
      closeSync(this.journalFd);
    }
  }

  private erase(index: number): void {
    if (index >= this.objects) return;
    this.applyErase(index);
    this.journal(ERASE, 0, index);
    ftruncateSync(this.dataFd, this.bytes);
  }

  private applyBlocks(size: number, count: number): void {
    const last = this.segments.at(-1);
    if (last?.kind === 'blocks' && last.size === size) last.count += count;
    else this.segments.push({ kind: 'blocks', start: this.objects, count, size, byteStart: this.bytes });
    this.objects += count;
    this.bytes += size * count;
  }

  private applyFilemarks(count: number): void {
    const last = this.segments.at(-1);
    for (let i = 0; i < count; i += 1) this.filemarks.push(this.objects + i);
    if (last?.kind === 'filemarks') last.count += count;
    else this.segments.push({ kind: 'filemarks', start: this.objects, count, byteStart: this.bytes });
    this.objects += count;
  }

  private applyErase(index: number): void {
    this.window = undefined;
    if (index >= this.objects) return;
    while (this.segments.length > 0 && this.segments[this.segments.length - 1].start >= index) this.segments.pop();
    const last = this.segments.at(-1);
    if (last) last.count = Math.min(last.count, index - last.start);
    this.filemarks.length = countBelow(this.filemarks, index);
    this.objects = index;
    this.bytes = last ? last.byteStart + (last.kind === 'blocks' ? last.size * last.count : 0) : 0;
  }

  private journal(type: number, size: number, value: number): void {
    this.journalBlocks();
    writeSync(this.journalFd, journalRecord(type, size, value));
    this.unsynced = true;
  }

  /** Writes the record for the blocks written since the last one. */
  private journalBlocks(): void {
    if (!this.unjournaled) return;
    writeSync(this.journalFd, journalRecord(BLOCKS, this.unjournaled.size, this.unjournaled.count));
    this.unjournaled = undefined;
  }

  private replay(): void {
    const length = fstatSync(this.journalFd).size;
    const journal = Buffer.alloc(length);
    if (length > 0) readSync(this.journalFd, journal, 0, length, 0);
    const dataLength = fstatSync(this.dataFd).size;
    for (let offset = 0; offset + RECORD <= length; offset += RECORD) {
      const type = journal.readUInt8(offset);
      const size = journal.readUInt32LE(offset + 4);
      const value = journal.readDoubleLE(offset + 8);
      // Records are replayed in full: blocks a later ERASE cut off were truncated from the data file and overwritten since.
      if (type === BLOCKS && size > 0 && Number.isInteger(value) && value > 0) this.applyBlocks(size, value);
      else if (type === FILEMARKS && Number.isInteger(value) && value > 0) this.applyFilemarks(value);
      else if (type === ERASE && Number.isInteger(value) && value >= 0) this.applyErase(value);
      else break;
    }
    // Blocks whose bytes never reached the data file are dropped, with everything after them (their write was never acknowledged).
    if (this.bytes > dataLength) this.applyErase(this.firstObjectBeyond(dataLength));
    if (dataLength !== this.bytes) ftruncateSync(this.dataFd, this.bytes);
    this.compactJournal(length);
  }

  /** Rewrites the journal as one record per segment (temp file + fsync + rename), dropping erased history. */
  private compactJournal(length: number): void {
    if (length === this.segments.length * RECORD) return;
    const path = join(this.dir, 'journal');
    const fd = openSync(`${path}.tmp`, 'w');
    const buffer = Buffer.alloc(this.segments.length * RECORD);
    this.segments.forEach((segment, i) => {
      buffer.writeUInt8(segment.kind === 'blocks' ? BLOCKS : FILEMARKS, i * RECORD);
      buffer.writeUInt32LE(segment.kind === 'blocks' ? segment.size : 0, i * RECORD + 4);
      buffer.writeDoubleLE(segment.count, i * RECORD + 8);
    });
    writeSync(fd, buffer);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(`${path}.tmp`, path);
    closeSync(this.journalFd);
    this.journalFd = openSync(path, 'a+');
  }

  /** The first object whose bytes do not all lie within the first `byteLength` bytes of the data file. */
  private firstObjectBeyond(byteLength: number): number {
    for (const segment of this.segments) {
      if (segment.kind !== 'blocks' || segment.byteStart + segment.count * segment.size <= byteLength) continue;
      return segment.start + Math.max(0, Math.floor((byteLength - segment.byteStart) / segment.size));
    }
    return this.objects;
  }

  private segmentOf(index: number): Segment {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.segments[mid].start <= index) low = mid;
      else high = mid - 1;
    }
    return this.segments[low];
  }
}

/** One 16-byte journal record: type at 0, block size at 4 (LE), count or object index at 8 (LE double). */
function journalRecord(type: number, size: number, value: number): Buffer {
  const record = Buffer.alloc(RECORD);
  record.writeUInt8(type, 0);
  record.writeUInt32LE(size, 4);
  record.writeDoubleLE(value, 8);
  return record;
}

/** How many sorted values are < limit. */
function countBelow(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < limit) low = mid + 1;
    else high = mid;
  }
  return low;
}
