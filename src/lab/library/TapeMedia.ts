// One virtual cartridge's contents (data blocks and filemarks) stored durably under the state dir.
//
// Two files per tape: `data` holds the block bytes back to back; `journal` holds 16-byte records
// (blocks of a size, filemarks, erase-from) replayed at open. Data is written before its journal
// record and a torn last record is ignored, so a kill -9 loses nothing the caller was told was
// written; sync() (fsync) is called by the drive before it acknowledges a close or a filemark.

import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

type Segment =
  | { readonly kind: 'blocks'; readonly start: number; count: number; readonly size: number; readonly byteStart: number }
  | { readonly kind: 'filemarks'; readonly start: number; count: number; readonly byteStart: number };

export type TapeObject = { readonly kind: 'block'; readonly size: number; readonly byteOffset: number } | { readonly kind: 'filemark' };

const RECORD = 16;
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

  /** Reads one data block into a new buffer. */
  readBlock(index: number): Buffer {
    const object = this.objectAt(index);
    if (object?.kind !== 'block') throw new Error(`object ${index} is not a data block`);
    const buffer = Buffer.allocUnsafe(object.size);
    let done = 0;
    while (done < object.size) {
      const n = readSync(this.dataFd, buffer, done, object.size - done, object.byteOffset + done);
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
    this.erase(index);
    let done = 0;
    while (done < data.length) done += writeSync(this.dataFd, data, done, data.length - done, this.bytes + done);
    const count = data.length / blockSize;
    this.applyBlocks(blockSize, count);
    this.journal(BLOCKS, blockSize, count);
  }

  writeFilemarks(index: number, count: number): void {
    if (count <= 0) return;
    this.erase(index);
    this.applyFilemarks(count);
    this.journal(FILEMARKS, 0, count);
  }

  /** Flushes data and journal to disk (what makes a close or filemark durable). */
  sync(): void {
    if (!this.unsynced) return;
    fsyncSync(this.dataFd);
    fsyncSync(this.journalFd);
    this.unsynced = false;
  }

  close(): void {
    this.sync();
    closeSync(this.dataFd);
    closeSync(this.journalFd);
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
    if (index >= this.objects) return;
    while (this.segments.length > 0 && this.segments[this.segments.length - 1].start >= index) this.segments.pop();
    const last = this.segments.at(-1);
    if (last) last.count = Math.min(last.count, index - last.start);
    this.filemarks.length = countBelow(this.filemarks, index);
    this.objects = index;
    this.bytes = last ? last.byteStart + (last.kind === 'blocks' ? last.size * last.count : 0) : 0;
  }

  private journal(type: number, size: number, value: number): void {
    const record = Buffer.alloc(RECORD);
    record.writeUInt8(type, 0);
    record.writeUInt32LE(size, 4);
    record.writeDoubleLE(value, 8);
    writeSync(this.journalFd, record);
    this.unsynced = true;
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
      if (type === BLOCKS && size > 0 && Number.isInteger(value) && value > 0) {
        // Blocks whose bytes never reached the data file are dropped (their write was never acknowledged).
        const whole = Math.min(value, Math.floor((dataLength - this.bytes) / size));
        if (whole > 0) this.applyBlocks(size, whole);
        if (whole < value) break;
      } else if (type === FILEMARKS && Number.isInteger(value) && value > 0) this.applyFilemarks(value);
      else if (type === ERASE && Number.isInteger(value) && value >= 0) this.applyErase(value);
      else break;
    }
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
