// One emulated IBM ULT3580-TD5 drive with Linux st driver semantics (Documentation/scsi/st.rst, st.c).

import { MtStatus, MtStatusBit } from '../../tape/mtStatus';
import { TapeDeviceError } from './TapeDeviceError';
import { TapeMedia } from './TapeMedia';
import { TapeMediaStore } from './TapeMediaStore';
import { LibraryTape, VirtualLibrary } from './VirtualLibrary';

/** The gateway's drives report fixed 65536-byte blocks. */
export const DEFAULT_BLOCK_SIZE = 65536;
/** READ BLOCK LIMITS of an LTO-5 drive. */
const MAX_BLOCK_SIZE = 0xffffff;

export interface TapeOpenOptions {
  /** /dev/stN rewinds on close; /dev/nstN does not. */
  readonly rewindOnClose: boolean;
  readonly write: boolean;
  /** O_NONBLOCK: succeeds without a tape (mt status, mt setblk). */
  readonly nonBlocking?: boolean;
}

/** Bytes that crossed a drive, as the gateway's ReadBytes/WriteBytes metrics count them. */
export interface TapeTransfer {
  readonly gatewayArn: string;
  readonly barcode: string;
  readonly direction: 'read' | 'write';
  readonly bytes: number;
  /** The tape's status then (a RETRIEVED tape is read from the cloud, not from the cache). */
  readonly tapeStatus: string;
}

export type TransferObserver = (transfer: TapeTransfer) => void;

interface Loaded {
  readonly tape: LibraryTape;
  readonly media: TapeMedia;
}

export class TapeDrive {
  private cartridge: string | undefined;
  private offline = false;
  private position = 0;
  private blockUnknown = false;
  private atEod = false;
  private zeroReadsAtEod = 0;
  private dirty = false;
  private readAhead: { data: Buffer; offset: number } | undefined;
  private blockSize = DEFAULT_BLOCK_SIZE;
  private busy = false;

  constructor(
    private readonly library: VirtualLibrary,
    /** Data Transfer Element number, 0-9. */
    readonly index: number,
    private readonly store: TapeMediaStore,
    private readonly observe?: TransferObserver,
  ) {}

  /** Opens the device node; throws ENOMEDIUM (blocking open, no tape), EROFS (write to a protected tape) or EBUSY. */
  open(options: TapeOpenOptions): TapeHandle {
    if (this.busy) throw new TapeDeviceError('EBUSY');
    const loaded = this.loaded();
    if (!loaded && !options.nonBlocking) throw new TapeDeviceError('ENOMEDIUM');
    if (loaded && options.write && loaded.tape.readOnly) throw new TapeDeviceError('EROFS');
    this.busy = true;
    return new TapeHandle(this, options.rewindOnClose);
  }

  /** The changer moved a cartridge into or out of this drive: the next access starts fresh (online, at BOT). */
  mediumChanged(): void {
    this.cartridge = undefined;
    this.offline = false;
  }

  /** What MTIOCGET reports. */
  status(): MtStatus {
    const loaded = this.loaded();
    if (!loaded) return { fileNumber: -1, blockNumber: -1, partition: 0, blockSize: 0, densityCode: 0, softErrors: 0, bits: ['DR_OPEN', 'IM_REP_EN'] };
    const fileNumber = loaded.media.fileNumberAt(this.position);
    const blockNumber = this.blockUnknown ? -1 : this.position - (loaded.media.fileStart(fileNumber) ?? this.position);
    const bits: MtStatusBit[] = ['ONLINE', 'IM_REP_EN'];
    if (blockNumber === 0) bits.push(fileNumber === 0 ? 'BOT' : 'EOF');
    if (this.atEod) bits.push('EOD');
    if (loaded.tape.readOnly) bits.push('WR_PROT');
    return { fileNumber, blockNumber, partition: 0, blockSize: this.blockSize, densityCode: 0, softErrors: 0, bits };
  }

  /** @internal used by TapeHandle */
  read(maxBytes: number): Buffer {
    const { media } = this.require();
    if (this.blockSize === 0) return this.readVariable(media, maxBytes);
    const parts: Buffer[] = [];
    let total = 0;
    while (total < maxBytes) {
      if (this.readAhead) {
        const { data, offset } = this.readAhead;
        const take = Math.min(maxBytes - total, data.length - offset);
        parts.push(offset === 0 && take === data.length ? data : data.subarray(offset, offset + take));
        total += take;
        this.readAhead = offset + take === data.length ? undefined : { data, offset: offset + take };
        continue;
      }
      const object = media.objectAt(this.position);
      if (object?.kind !== 'block') {
        if (total > 0) break;
        return object ? this.crossFilemark() : this.readAtEod();
      }
      this.readAhead = { data: media.readBlock(this.position), offset: 0 };
      this.advance();
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
  }

  /** @internal used by TapeHandle */
  write(data: Uint8Array): void {
    const { tape, media } = this.require();
    if (tape.readOnly) throw new TapeDeviceError('EACCES');
    const blockSize = this.blockSize === 0 ? data.length : this.blockSize;
    if (data.length === 0) return;
    if (data.length % blockSize !== 0 || blockSize > MAX_BLOCK_SIZE) throw new TapeDeviceError('EINVAL');
    if (tape.worm && this.position < media.objectCount) throw new TapeDeviceError('EIO');
    if (media.bytesBefore(this.position) + data.length > tape.sizeInBytes) throw new TapeDeviceError('ENOSPC');
    this.readAhead = undefined;
    media.writeBlocks(this.position, data, blockSize);
    this.position += data.length / blockSize;
    this.atEod = false;
    this.dirty = true;
  }

  /** @internal used by TapeHandle: reports bytes a read or write moved. */
  noteTransfer(direction: TapeTransfer['direction'], bytes: number): void {
    if (!this.observe || bytes === 0 || this.cartridge === undefined) return;
    const tape = this.library.tape(this.cartridge);
    if (tape) this.observe({ gatewayArn: this.library.gatewayArn, barcode: this.cartridge, direction, bytes, tapeStatus: tape.status });
  }

  /** @internal used by TapeHandle: a filemark after writing, then the rewind of /dev/stN. */
  release(rewind: boolean): void {
    try {
      if (this.cartridge !== undefined && !this.offline) {
        this.flushWrite(true);
        if (rewind) this.rewind();
        this.readAhead = undefined;
      }
    } finally {
      this.busy = false;
    }
  }

  /** @internal MTREW */
  rewind(): void {
    this.require();
    this.flushWrite(true);
    this.moveTo(0, false);
  }

  /** @internal MTFSF: EIO at EOD, leaving block -1 with the files actually crossed counted. */
  forwardFiles(count: number): void {
    const { media } = this.require();
    this.flushWrite(false);
    for (let i = 0; i < count; i += 1) {
      const mark = media.nextFilemark(this.position);
      if (mark === undefined) {
        this.moveTo(media.objectCount, true);
        this.atEod = true;
        throw new TapeDeviceError('EIO');
      }
      this.moveTo(mark + 1, false);
    }
  }

  /** @internal MTBSF: stops before the filemark (block -1); at BOT EIO with file 0, block 0. */
  backFiles(count: number): void {
    const { media } = this.require();
    this.flushWrite(true);
    for (let i = 0; i < count; i += 1) {
      const mark = media.previousFilemark(this.position);
      if (mark === undefined) {
        this.moveTo(0, false);
        throw new TapeDeviceError('EIO');
      }
      this.moveTo(mark, true);
    }
  }

  /** @internal MTEOM */
  toEndOfData(): void {
    const { media } = this.require();
    this.flushWrite(false);
    this.moveTo(media.objectCount, true);
    this.atEod = true;
  }

  /** @internal MTIOCPOS: the logical object number (filemarks count). */
  tell(): number {
    this.require();
    this.flushWrite(false);
    return this.position;
  }

  /** @internal MTSETBLK: 0 = variable. */
  setBlockSize(size: number): void {
    this.require();
    if (size < 0 || size > MAX_BLOCK_SIZE) throw new TapeDeviceError('EINVAL');
    if (this.dirty) throw new TapeDeviceError('EIO');
    this.blockSize = size;
  }

  /** @internal MTOFFL: rewind and unload; the cartridge stays in the element until the changer moves it. */
  takeOffline(): void {
    this.rewind();
    this.offline = true;
  }

  /** @internal MTWEOF */
  writeFilemarks(count: number): void {
    const { tape, media } = this.require();
    if (tape.readOnly) throw new TapeDeviceError('EACCES');
    if (tape.worm && this.position < media.objectCount) throw new TapeDeviceError('EIO');
    this.readAhead = undefined;
    media.writeFilemarks(this.position, count);
    this.dirty = false;
    this.moveTo(this.position + count, false);
    this.commit();
  }

  private readVariable(media: TapeMedia, maxBytes: number): Buffer {
    const object = media.objectAt(this.position);
    if (!object) return this.readAtEod();
    if (object.kind === 'filemark') return this.crossFilemark();
    this.advance();
    // st: "Failed to read N byte block with M byte transfer"; the block is passed over.
    if (object.size > maxBytes) throw new TapeDeviceError('ENOMEM');
    return media.readBlock(this.position - 1);
  }

  private crossFilemark(): Buffer {
    this.moveTo(this.position + 1, false);
    return Buffer.alloc(0);
  }

  private readAtEod(): Buffer {
    this.atEod = true;
    this.zeroReadsAtEod += 1;
    if (this.zeroReadsAtEod > 1) throw new TapeDeviceError('EIO');
    return Buffer.alloc(0);
  }

  private advance(): void {
    this.position += 1;
    this.zeroReadsAtEod = 0;
  }

  private moveTo(position: number, blockUnknown: boolean): void {
    this.position = position;
    this.blockUnknown = blockUnknown;
    this.atEod = false;
    this.zeroReadsAtEod = 0;
    this.readAhead = undefined;
  }

  private flushWrite(withFilemark: boolean): void {
    if (!this.dirty) return;
    this.dirty = false;
    const { media } = this.require();
    if (withFilemark) {
      media.writeFilemarks(this.position, 1);
      this.moveTo(this.position + 1, false);
    }
    this.commit();
  }

  /** Makes written data durable, then reports the tape's usage (TapeUsedInBytes). */
  private commit(): void {
    if (this.cartridge === undefined) return;
    const media = this.store.media(this.cartridge);
    media.sync();
    this.library.recordUsage(this.cartridge, media.usedBytes);
  }

  private require(): Loaded {
    const loaded = this.loaded();
    if (!loaded) throw new TapeDeviceError('ENOMEDIUM');
    return loaded;
  }

  /** The cartridge in this drive's element; a different one than last time resets the drive's position. */
  private loaded(): Loaded | undefined {
    if (!this.busy || this.cartridge === undefined) {
      const element = this.library.elements().find((e) => e.kind === 'drive' && e.index === this.index);
      if (element?.barcode !== this.cartridge) {
        this.cartridge = element?.barcode;
        this.offline = false;
        this.dirty = false;
        this.moveTo(0, false);
      }
    }
    if (this.cartridge === undefined || this.offline) return undefined;
    const tape = this.library.tape(this.cartridge);
    if (!tape) return undefined;
    return { tape, media: this.store.media(this.cartridge) };
  }
}

/** Bytes moved through one handle are reported to the observer in sums of up to this many (and at close). */
const TRANSFER_REPORT_BYTES = 8 * 1024 * 1024;

/** An open file descriptor on /dev/stN or /dev/nstN. */
export class TapeHandle {
  private closed = false;
  /** Bytes moved and not reported yet: one report per few MiB instead of one per record. */
  private unreported: { direction: TapeTransfer['direction']; bytes: number } | undefined;

  constructor(
    readonly drive: TapeDrive,
    private readonly rewindOnClose: boolean,
  ) {}

  /** Returns up to maxBytes; an empty buffer means a filemark (once) or end of data. */
  read(maxBytes: number): Buffer {
    const data = this.drive.read(maxBytes);
    this.moved('read', data.length);
    return data;
  }

  write(data: Uint8Array): void {
    this.drive.write(data);
    this.moved('write', data.length);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.report();
    } finally {
      this.drive.release(this.rewindOnClose);
    }
  }

  private moved(direction: TapeTransfer['direction'], bytes: number): void {
    if (this.unreported && this.unreported.direction !== direction) this.report();
    this.unreported ??= { direction, bytes: 0 };
    this.unreported.bytes += bytes;
    if (this.unreported.bytes >= TRANSFER_REPORT_BYTES) this.report();
  }

  private report(): void {
    if (!this.unreported) return;
    this.drive.noteTransfer(this.unreported.direction, this.unreported.bytes);
    this.unreported = undefined;
  }
}
