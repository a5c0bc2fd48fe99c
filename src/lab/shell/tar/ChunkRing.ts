// The buffers tar -c reads file data into, lent to the archive and given back once its records are written: a 1 GiB
// member is read through a few MiB that stay put, instead of through a thousand fresh 1 MiB buffers the kernel must
// fault in and the garbage collector must free.

export class ChunkRing {
  private readonly free: Buffer[] = [];
  /** Lent buffers by their memory: a short last chunk goes out as a view of its buffer and comes back as that view. */
  private readonly lent = new Map<ArrayBufferLike, Buffer>();
  private created = 0;
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly count: number,
    private readonly size: number,
  ) {}

  /** A buffer of `size` bytes to fill and hand to the archive; waits while all `count` are lent. */
  async take(): Promise<Buffer> {
    while (this.free.length === 0 && this.created >= this.count && !this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    let buffer = this.free.pop();
    if (!buffer) {
      // Never from the shared pool: a buffer is known by its own memory.
      buffer = Buffer.allocUnsafeSlow(this.size);
      // Once closed, buffers are no longer taken back: each new one is the caller's to keep.
      if (this.closed) return buffer;
      this.created += 1;
    }
    this.lent.set(buffer.buffer, buffer);
    return buffer;
  }

  /** The archive has written `chunk` (any chunk it was given: ones not from this ring are ignored). */
  giveBack(chunk: Uint8Array): void {
    const buffer = this.lent.get(chunk.buffer);
    if (!buffer) return;
    this.lent.delete(chunk.buffer);
    this.free.push(buffer);
    this.wake();
  }

  /** No more buffers come back (the archive's consumer ended): take() stops waiting and allocates. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Every waiter looks again (each takes a free buffer or waits once more). */
  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
