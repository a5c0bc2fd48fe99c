// Writes one tape's blocks on a worker thread, so the event loop hands over a batch and goes on (reading tar's next
// member, serving requests) while the disk takes the last one; anything that needs the blocks on disk settles first.
//
// The worker writes each batch's bytes to the data file, then the batch's journal record, in the order given: a kill
// leaves the journal describing only blocks whose bytes are in the data file. Batches queue up to MAX_QUEUED; past that
// the event loop waits for the oldest, as it waited for every block before.
import { Worker } from 'node:worker_threads';

/** Bytes gathered before a batch goes to the worker. */
export const BATCH_BYTES = 512 * 1024;
const MAX_QUEUED = 8;

/** Shared words: [0] batches written (or skipped after a failure), [1] 1 once a write failed; then the failure's data offset as a float64 at byte 8, and its errno text from byte 16. */
const STATE_BYTES = 64;
const CODE_OFFSET = 16;

// Plain CommonJS evaluated in the worker (a string, so every bundle of the lab carries it without a file of its own).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const words = new Int32Array(workerData, 0, 2);
const offset = new Float64Array(workerData, 8, 1);
const code = new Uint8Array(workerData, ${CODE_OFFSET});
parentPort.on('message', (batch) => {
  if (Atomics.load(words, 1) === 0) {
    try {
      const data = new Uint8Array(batch.buffer, 0, batch.length);
      for (let done = 0; done < batch.length; ) done += writeSync(batch.dataFd, data, done, batch.length - done, batch.position + done);
      writeSync(batch.journalFd, new Uint8Array(batch.record));
    } catch (error) {
      offset[0] = batch.position;
      code.set(Buffer.from(String((error && error.code) || 'EIO').slice(0, code.length - 1)));
      Atomics.store(words, 1, 1);
    }
  }
  parentPort.postMessage(batch.buffer, [batch.buffer]);
  Atomics.add(words, 0, 1);
  Atomics.notify(words, 0);
});
`;

/** What settle() reports when a batch failed: where the tape's data stops being trustworthy, and why. */
export interface WriteFailure {
  readonly dataOffset: number;
  readonly code: string;
}

export class TapeWriteBehind {
  private worker: Worker | undefined;
  private readonly shared = new SharedArrayBuffer(STATE_BYTES);
  private readonly words = new Int32Array(this.shared, 0, 2);
  private readonly spare: ArrayBuffer[] = [];
  private submitted = 0;
  private batch: Buffer | undefined;
  private filled = 0;
  /** Where the batch being gathered goes in the data file, its block size, and how to make its journal record. */
  private position = 0;
  private blockSize = 0;
  private recordFor: ((count: number) => Buffer) | undefined;

  constructor(
    private readonly dataFd: number,
    private readonly journalFd: number,
  ) {}

  /** Bytes gathered and not yet handed to the worker. */
  get gathered(): number {
    return this.filled;
  }

  /** Has a write failed since the last settle()? */
  get failed(): boolean {
    return Atomics.load(this.words, 1) !== 0;
  }

  /** Can a block of `blockSize` at data offset `position` join the batch being gathered? (Same size, contiguous, room left.) */
  fits(position: number, blockSize: number): boolean {
    return this.filled > 0 && blockSize === this.blockSize && position === this.position + this.filled && this.filled + blockSize <= BATCH_BYTES;
  }

  /**
   * Copies `data` (whole blocks of `blockSize`) into the batch being gathered, starting one at `position` when it is
   * empty; `recordFor(count)` is the journal record for the batch's `count` blocks, written after its bytes. A full
   * batch is handed over at once.
   */
  gather(position: number, data: Uint8Array, blockSize: number, recordFor: (count: number) => Buffer): void {
    if (this.filled === 0) {
      this.batch = Buffer.from(this.spare.pop() ?? new ArrayBuffer(BATCH_BYTES));
      this.position = position;
      this.blockSize = blockSize;
    }
    this.batch!.set(data, this.filled);
    this.filled += data.length;
    this.recordFor = recordFor;
    if (this.filled + blockSize > BATCH_BYTES) this.handOver();
  }

  /** Sends the batch being gathered (if any) to the worker. */
  handOver(): void {
    if (this.filled === 0 || !this.batch || !this.recordFor) return;
    if (this.submitted - Atomics.load(this.words, 0) >= MAX_QUEUED) this.waitUntil(this.submitted - MAX_QUEUED + 1);
    const worker = this.start();
    const buffer = this.batch.buffer as ArrayBuffer;
    const made = this.recordFor(this.filled / this.blockSize);
    const record = made.buffer.slice(made.byteOffset, made.byteOffset + made.length) as ArrayBuffer;
    worker.postMessage({ buffer, length: this.filled, position: this.position, record, dataFd: this.dataFd, journalFd: this.journalFd }, [buffer, record]);
    this.submitted += 1;
    this.batch = undefined;
    this.filled = 0;
    this.recordFor = undefined;
  }

  /** Hands over what is gathered and waits until the worker has written everything; reports (once) a failed write. */
  settle(): WriteFailure | undefined {
    this.handOver();
    this.waitUntil(this.submitted);
    if (Atomics.load(this.words, 1) === 0) return undefined;
    const dataOffset = new Float64Array(this.shared, 8, 1)[0];
    const codeBytes = new Uint8Array(this.shared, CODE_OFFSET);
    const end = codeBytes.indexOf(0);
    const code = Buffer.from(codeBytes.subarray(0, end < 0 ? codeBytes.length : end)).toString();
    codeBytes.fill(0);
    Atomics.store(this.words, 1, 0);
    return { dataOffset, code };
  }

  /** Ends the worker; call after settle(). */
  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private waitUntil(count: number): void {
    for (let done = Atomics.load(this.words, 0); done < count; done = Atomics.load(this.words, 0)) Atomics.wait(this.words, 0, done);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.shared });
    // Buffers come back once written, to be filled again instead of allocated (and faulted in) anew.
    worker.on('message', (buffer: ArrayBuffer) => {
      if (this.spare.length < MAX_QUEUED) this.spare.push(buffer);
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
