// tar's record layer: cutting a 512-byte-block stream into fixed records, and finding the end-of-archive block while reading.

const BLOCK = 512;

/** Groups bytes into records of `recordSize`; the last record is padded with zeros (tar pads the archive to whole records). */
export class RecordBlocker {
  private readonly buffer: Uint8Array;
  private filled = 0;

  constructor(
    private readonly recordSize: number,
    private readonly emit: (record: Uint8Array) => void,
  ) {
    this.buffer = new Uint8Array(recordSize);
  }

  push(chunk: Uint8Array): void {
    let offset = 0;
    if (this.filled > 0) {
      const take = Math.min(chunk.length, this.recordSize - this.filled);
      this.buffer.set(chunk.subarray(0, take), this.filled);
      this.filled += take;
      offset = take;
      if (this.filled < this.recordSize) return;
      this.emit(this.buffer);
      this.filled = 0;
    }
    // Whole records straight from the chunk, without copying.
    while (chunk.length - offset >= this.recordSize) {
      this.emit(chunk.subarray(offset, offset + this.recordSize));
      offset += this.recordSize;
    }
    if (offset < chunk.length) {
      this.buffer.set(chunk.subarray(offset), 0);
      this.filled = chunk.length - offset;
    }
  }

  finish(): void {
    if (this.filled === 0) return;
    this.buffer.fill(0, this.filled);
    this.emit(this.buffer);
    this.filled = 0;
  }
}

function octal(block: Uint8Array, offset: number, length: number): number {
  if (block[offset] & 0x80) {
    // GNU base-256 encoding for large values.
    let value = block[offset] & 0x7f;
    for (let i = 1; i < length; i += 1) value = value * 256 + block[offset + i];
    return value;
  }
  let text = '';
  for (let i = offset; i < offset + length && block[i] !== 0; i += 1) text += String.fromCharCode(block[i]);
  text = text.trim();
  return text === '' ? 0 : parseInt(text, 8);
}

export function isTarHeader(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  let text = '';
  for (let i = 148; i < 156 && block[i] !== 0; i += 1) text += String.fromCharCode(block[i]);
  text = text.trim();
  return /^[0-7]+$/.test(text) && parseInt(text, 8) === sum;
}

type TarScan = 'more' | 'end' | 'invalid';

/**
 * Follows header offsets (512 + size rounded up to 512 per member) through the bytes read so far; reports
 * 'end' at the first all-zero header block (where GNU tar stops reading) and 'invalid' at a bad checksum.
 */
export class TarEndDetector {
  private nextHeader = 0;
  private seen = 0;
  private carry: Uint8Array | undefined;
  headers = 0;

  /** Byte offset of the next header block; after 'end', that of the zero block that ended the archive. */
  get headerOffset(): number {
    return this.nextHeader;
  }

  /** True when the bytes seen stop exactly at a member boundary. */
  get atBoundary(): boolean {
    return this.seen === this.nextHeader;
  }

  feed(chunk: Uint8Array): TarScan {
    let data = chunk;
    let base = this.seen;
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry);
      joined.set(chunk, this.carry.length);
      base -= this.carry.length;
      data = joined;
      this.carry = undefined;
    }
    this.seen += chunk.length;
    while (this.nextHeader + BLOCK <= base + data.length) {
      if (this.nextHeader < base) return 'invalid';
      const at = this.nextHeader - base;
      const block = data.subarray(at, at + BLOCK);
      if (block.every((byte) => byte === 0)) return 'end';
      if (!isTarHeader(block)) return 'invalid';
      this.headers += 1;
      const size = octal(block, 124, 12);
      this.nextHeader += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    if (this.nextHeader < base + data.length && this.nextHeader >= base) this.carry = data.slice(this.nextHeader - base);
    return 'more';
  }
}
