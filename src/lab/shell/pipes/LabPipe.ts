// A bounded pipe between two stages of a shell pipeline: the writer waits while it is full, the reader while it is empty, and a reader that closes early breaks it for the writer (SIGPIPE).

/**
 * Bytes a pipe holds before its writer waits: Linux's default pipe capacity (16 pages of 4 KiB). The same size keeps
 * which writers a real pipe would kill with SIGPIPE (`cat 1MiB-file | head -c 10` ends cat with 141, output that fits
 * in 64 KiB leaves its writer with 0), and dd's usual `bs=64k` moves one record per hand-over, so a tape copy pays
 * one wake-up of each side per 64 KiB record.
 */
export const PIPE_CAPACITY = 64 * 1024;

/** What a writer meets once the reader has gone: the lab's EPIPE; the stage ends with status 141 (128 + SIGPIPE). */
export class BrokenPipeError extends Error {
  constructor() {
    super('Broken pipe');
  }
}

export class LabPipe {
  private readonly chunks: Buffer[] = [];
  private held = 0;
  private ended = false;
  private readerGone = false;
  private wakeReader: (() => void) | undefined;
  private wakeWriter: (() => void) | undefined;
  /** The most bytes the pipe ever held at once (what a test of memory can check). */
  peakBytes = 0;
  /** Did the writer meet the closed reader (its write would have raised SIGPIPE)? */
  broken = false;
  /** Called once, when the writer first meets the closed reader. */
  onBroken: (() => void) | undefined;

  constructor(
    signal?: AbortSignal,
    readonly capacity = PIPE_CAPACITY,
  ) {
    // Ctrl-C ends both sides: the reader sees the end, a waiting writer a broken pipe.
    signal?.addEventListener('abort', () => {
      this.end();
      this.closeRead();
    });
  }

  get bytesHeld(): number {
    return this.held;
  }

  /** Queues a chunk (a write larger than the room left is taken whole); throws BrokenPipeError once the reader has gone. */
  write(chunk: Uint8Array): void {
    if (this.readerGone) this.breakFor();
    if (this.ended || chunk.byteLength === 0) return;
    this.chunks.push(Buffer.from(chunk));
    this.held += chunk.byteLength;
    this.peakBytes = Math.max(this.peakBytes, this.held);
    this.wake('reader');
  }

  /** Resolves while there is room; throws BrokenPipeError once the reader has gone. */
  async whenWritable(): Promise<void> {
    while (this.held >= this.capacity && !this.readerGone) {
      await new Promise<void>((resolve) => (this.wakeWriter = resolve));
    }
    if (this.broken) throw new BrokenPipeError();
  }

  /** The writer's end: the reader sees end of file once the pipe is drained. */
  end(): void {
    this.ended = true;
    this.wake('reader');
  }

  /** Up to `max` bytes as soon as any are there; empty once the writer has ended and everything was read. */
  async read(max = Number.POSITIVE_INFINITY): Promise<Buffer> {
    while (this.held === 0 && !this.ended && !this.readerGone) {
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
    if (this.held === 0 || this.readerGone) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    let taken = 0;
    while (this.chunks.length > 0 && taken < max) {
      const first = this.chunks[0];
      const want = Math.min(first.length, max - taken);
      if (want === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(want);
      parts.push(want === first.length ? first : first.subarray(0, want));
      taken += want;
    }
    this.held -= taken;
    this.wake('writer');
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, taken);
  }

  /** Exactly `size` bytes unless the writer ends first (a record read as dd's iflag=fullblock and tar read it). */
  async readFull(size: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let taken = 0;
    while (taken < size) {
      const part = await this.read(size - taken);
      if (part.length === 0) break;
      parts.push(part);
      taken += part.length;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, taken);
  }

  /**
   * The reader's end. A writer that writes again meets a broken pipe; one whose last write did not fit in the pipe's
   * capacity was still inside write(2) on Linux, so it counts as broken too.
   */
  closeRead(): void {
    if (this.readerGone) return;
    this.readerGone = true;
    if (this.held > this.capacity && !this.ended) this.markBroken();
    this.chunks.length = 0;
    this.held = 0;
    this.wake('writer');
    this.wake('reader');
  }

  private breakFor(): never {
    this.markBroken();
    throw new BrokenPipeError();
  }

  private markBroken(): void {
    if (this.broken) return;
    this.broken = true;
    this.onBroken?.();
  }

  /**
   * A waiting writer resumes on the next turn of the event loop, not as a microtask: a pipeline whose stages never touch
   * the disk (dd from /dev/zero) would otherwise run to its end without letting the lab serve anything else.
   */
  private wake(side: 'reader' | 'writer'): void {
    const wake = side === 'reader' ? this.wakeReader : this.wakeWriter;
    if (side === 'reader') this.wakeReader = undefined;
    else this.wakeWriter = undefined;
    if (wake && side === 'writer') setImmediate(wake);
    else wake?.();
  }
}
