// The lab's one storage layer: tables in memory, every change appended to a journal file (group commit, fsync), compacted in the background.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { removeStaleTempFiles, syncFolder, TEMP_MARKER } from './atomicWrite';
import { JOURNAL_HEADER_LINE, parseJournal, type JournalOp } from './journalFormat';
import { Table, type TableSpec } from './Table';

export interface StateStoreOptions {
  readonly log?: (line: string) => void;
  /** Rewrite the journal once it is this many times the live data (plus a small allowance). */
  readonly compactionRatio?: number;
  /** Bytes a journal may exceed that ratio by before it is rewritten (small states are not rewritten over and over). */
  readonly compactionSlackBytes?: number;
  /** Records to start from when the journal does not exist yet (an older lab's state file, say). */
  readonly importWhenMissing?: () => Promise<Iterable<JournalOp> | undefined>;
}

const SNAPSHOT_OPS_PER_LINE = 500;
/** close() compacts a journal that holds more than this times its live data (plus the slack allowance). */
const CLOSE_COMPACTION_RATIO = 1.1;
const SEPARATOR = '\u0000';

interface Waiter {
  readonly upTo: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class StateStore {
  private readonly tables = new Map<string, Table<unknown>>();
  private readonly pending = new Map<string, JournalOp>();
  /** Journal bytes of each live record, per table, so the live total stays current without re-serialising. */
  private readonly sizes = new Map<string, Map<string, number>>();
  private readonly compactionRatio: number;
  private readonly compactionSlackBytes: number;
  private sealScheduled = false;
  private sealedLines: string[] = [];
  private sealedCount = 0;
  private writtenCount = 0;
  private waiters: Waiter[] = [];
  private pumping = false;
  private handle: FileHandle | undefined;
  private fileBytes = 0;
  private liveBytes = 0;
  private exclusiveTail: Promise<void> = Promise.resolve();
  private compaction: Promise<void> | undefined;
  private sinceSnapshot: string[] | undefined;
  private broken = false;
  private closed = false;
  private changes = 0;

  /** A store on `path`; undefined keeps it in memory only (unit tests). Declare tables, then call open(). */
  constructor(
    readonly path: string | undefined,
    private readonly options: StateStoreOptions = {},
  ) {
    this.compactionRatio = options.compactionRatio ?? 1.4;
    this.compactionSlackBytes = options.compactionSlackBytes ?? 64 * 1024;
  }

  /** Declares a table; do it before open() so its records load with their indexes. */
  table<T>(name: string, spec: TableSpec<T> = {}): Table<T> {
    if (this.tables.has(name)) throw new Error(`Table ${name} is declared twice.`);
    const table = new Table<T>(name, spec, (tableName, key, value) => this.changed(tableName, key, value));
    this.tables.set(name, table as Table<unknown>);
    return table;
  }

  /** Loads the journal (or the import), rewriting it first when a kill left a torn last line. */
  async open(): Promise<void> {
    const path = this.path;
    if (path === undefined) return;
    // Both touch the folder only: run together, so a start waits for one round of file system calls, not two.
    const [bytes] = await Promise.all([readFileIfAny(path), removeStaleTempFiles(path)]);
    let rewrite = false;
    if (bytes === undefined) {
      await mkdir(dirname(path), { recursive: true });
      const imported = await this.options.importWhenMissing?.();
      if (imported) for (const op of imported) this.restore(op, 0);
      rewrite = true;
    } else {
      const parsed = parseJournal(bytes.toString('utf8'), path);
      parsed.batches.forEach((batch, index) => {
        const share = Math.ceil((parsed.lineBytes[index] ?? 0) / Math.max(1, batch.length));
        for (const op of batch) this.restore(op, share);
      });
      this.fileBytes = bytes.length;
      rewrite = parsed.torn;
    }
    // A torn tail must go before anything is appended; an overgrown file is compacted in the background.
    if (rewrite) await this.writeSnapshot();
    this.handle ??= await open(path, 'a', 0o600);
    this.compactIfOvergrown();
  }

  /** Resolves once every change made so far is on disk; rejects if writing it failed. */
  durable(): Promise<void> {
    this.seal();
    if (this.path === undefined || this.writtenCount >= this.sealedCount) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo: this.sealedCount, resolve, reject });
      void this.pump();
    });
  }

  /**
   * A number that changes with every put, touch or delete in any table of the store (not with loading): whatever was
   * derived from the records at one version (a serialized page, say) is still right while the version is the same.
   */
  get version(): number {
    return this.changes;
  }

  /** Bytes the journal takes on disk and bytes its live records take (as JSON), for figures and tests. */
  footprint(): { fileBytes: number; liveBytes: number } {
    return { fileBytes: this.fileBytes, liveBytes: this.liveBytes };
  }

  /** Waits for outstanding writes and any compaction, then closes the file; later changes stay in memory only. */
  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    // A compaction that ends may start another (see compactIfOvergrown): wait for the last one.
    while (this.compaction) await this.compaction;
    // An orderly stop leaves the file at its live size, so the next start parses no superseded lines.
    if (this.path !== undefined && !this.broken && this.fileBytes > CLOSE_COMPACTION_RATIO * this.liveBytes + this.compactionSlackBytes) await this.compact();
    this.closed = true;
    await this.handle?.close();
    this.handle = undefined;
  }

  private changed(table: string, key: string, value: unknown): void {
    this.changes += 1;
    if (this.closed) return;
    this.pending.set(`${table}${SEPARATOR}${key}`, value === undefined ? [table, key] : [table, key, value]);
    if (this.sealScheduled) return;
    this.sealScheduled = true;
    // Everything changed in one synchronous stretch becomes one line: a batch that is on disk whole or not at all.
    queueMicrotask(() => this.seal());
  }

  private seal(): void {
    this.sealScheduled = false;
    if (this.pending.size === 0) return;
    const parts: string[] = [];
    for (const op of this.pending.values()) {
      const text = JSON.stringify(op);
      parts.push(text);
      this.account(op[0], op[1], op.length === 3 ? text.length + 1 : 0);
    }
    this.pending.clear();
    if (this.path === undefined) return;
    this.sealedLines.push(`[${parts.join(',')}]\n`);
    this.sealedCount += 1;
    void this.pump();
  }

  private account(table: string, key: string, bytes: number): void {
    let sizes = this.sizes.get(table);
    if (!sizes) this.sizes.set(table, (sizes = new Map()));
    this.liveBytes += bytes - (sizes.get(key) ?? 0);
    if (bytes === 0) sizes.delete(key);
    else sizes.set(key, bytes);
  }

  private restore(op: JournalOp, bytes: number): void {
    const [tableName, key] = op;
    let table = this.tables.get(tableName);
    // A table this lab does not declare (written by a newer one) is kept as is, so a compaction does not drop it.
    if (!table) table = this.table<unknown>(tableName);
    table.restore(key, op.length === 3 ? op[2] : undefined);
    this.account(tableName, key, op.length === 3 ? bytes : 0);
  }

  private overgrown(): boolean {
    return this.fileBytes > this.compactionRatio * this.liveBytes + this.compactionSlackBytes;
  }

  /** Serialises file work: appends and the switch to a compacted file never interleave. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.exclusiveTail.then(work);
    this.exclusiveTail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.sealedLines.length > 0 && this.handle) {
        const lines = this.sealedLines;
        this.sealedLines = [];
        const upTo = this.sealedCount;
        try {
          if (this.broken) await this.rewriteAfterFailure();
          else await this.append(lines.join(''));
          this.settle(upTo);
        } catch (error) {
          // A failed append may have left part of a line: the next attempt rewrites the whole file from memory instead.
          this.broken = true;
          const failure = new Error(`Saving lab state to ${this.path ?? ''} failed: ${(error as Error).message}. Free disk space or fix the folder's permissions; the lab retries with the next change.`);
          this.options.log?.(`state: ${failure.message}`);
          this.settle(upTo, failure);
          return;
        }
        this.compactIfOvergrown();
      }
    } finally {
      this.pumping = false;
    }
  }

  private append(text: string): Promise<void> {
    return this.exclusive(async () => {
      const handle = this.handle;
      if (!handle) throw new Error('the journal is closed');
      await handle.write(text);
      await handle.datasync();
      this.fileBytes += Buffer.byteLength(text);
      this.sinceSnapshot?.push(text);
    });
  }

  private async rewriteAfterFailure(): Promise<void> {
    while (this.compaction) await this.compaction;
    await this.writeSnapshot();
    this.broken = false;
  }

  private compactIfOvergrown(): void {
    if (this.compaction || this.closed || !this.overgrown()) return;
    this.compaction = this.compact().then((done) => {
      this.compaction = undefined;
      // What was appended while the snapshot was written is in the new file too; if that alone overgrew it, an idle
      // store would otherwise wait for its next append (or its close) to compact again. A failed try waits for one.
      if (done) this.compactIfOvergrown();
    });
  }

  private settle(upTo: number, error?: Error): void {
    // A failed batch counts as settled for its waiters (they were told); the rewrite that follows puts it on disk.
    this.writtenCount = Math.max(this.writtenCount, upTo);
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.upTo > upTo) still.push(waiter);
      else if (error) waiter.reject(error);
      else waiter.resolve();
    }
    this.waiters = still;
  }

  /** Rewrites the journal as a snapshot of the live records while appends go on; lines appended meanwhile are copied over. */
  private async compact(): Promise<boolean> {
    try {
      await this.writeSnapshot();
      return true;
    } catch (error) {
      this.options.log?.(`state: compacting ${this.path ?? ''} failed (the journal keeps growing until the next try): ${(error as Error).message}`);
      return false;
    }
  }

  private async writeSnapshot(): Promise<void> {
    const path = this.path;
    if (path === undefined) return;
    const temp = join(dirname(path), `${basename(path)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
    const out = await open(temp, 'w', 0o600);
    let bytes = 0;
    let renamed = false;
    this.sinceSnapshot = [];
    try {
      const write = async (text: string) => {
        await out.write(text);
        bytes += Buffer.byteLength(text);
      };
      await write(JOURNAL_HEADER_LINE);
      let chunk: string[] = [];
      for (const table of this.tables.values()) {
        for (const [key, value] of table.entries()) {
          chunk.push(JSON.stringify([table.name, key, value]));
          if (chunk.length < SNAPSHOT_OPS_PER_LINE) continue;
          // Each chunk is written (and the event loop freed) before the next is serialised.
          await write(`[${chunk.join(',')}]\n`);
          chunk = [];
        }
      }
      if (chunk.length > 0) await write(`[${chunk.join(',')}]\n`);
      await this.exclusive(async () => {
        for (const text of this.sinceSnapshot ?? []) await write(text);
        await out.sync();
        await out.close();
        await rename(temp, path);
        renamed = true;
        await syncFolder(dirname(path));
        await this.handle?.close();
        this.handle = this.closed ? undefined : await open(path, 'a', 0o600);
        this.fileBytes = bytes;
      });
    } finally {
      this.sinceSnapshot = undefined;
      if (!renamed) {
        await out.close().catch(() => undefined);
        await rm(temp, { force: true });
      }
    }
  }
}

async function readFileIfAny(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
