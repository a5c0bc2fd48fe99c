// The catalog on disk: an append-only JSON-lines journal per connection, fsynced per record, compacted by atomic rename.
import { mkdir, open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decodeRecord, encodeRecord, type CatalogRecord } from './catalogRecords';
import { CatalogIndex } from './CatalogIndex';

export interface JournalLoad {
  readonly index: CatalogIndex;
  /** Damaged lines skipped (not counting a torn last line, which is cut off). */
  readonly damagedLines: number;
  /** Bytes of a torn last record (a kill in the middle of an append) that were cut off. */
  readonly tornBytes: number;
}

/**
 * Why a journal: appending one line and fsyncing it is the only write, so a kill at any moment leaves every earlier
 * record intact and at most one torn last line, which the CRC at its end exposes and loading cuts off. Rewrites
 * (compaction) go to a temporary file that replaces the journal by rename, so they too are all-or-nothing.
 */
export class CatalogJournal {
  private appending: Promise<void> = Promise.resolve();
  private garbage = 0;

  private constructor(
    readonly path: string,
    readonly index: CatalogIndex,
  ) {}

  static async open(path: string): Promise<{ journal: CatalogJournal; load: JournalLoad }> {
    await mkdir(dirname(path), { recursive: true });
    await rm(`${path}.compact`, { force: true });
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const index = new CatalogIndex();
    let damagedLines = 0;
    let tornBytes = 0;
    let records = 0;
    let offset = 0;
    while (offset < text.length) {
      const newline = text.indexOf('\n', offset);
      const line = text.slice(offset, newline < 0 ? text.length : newline);
      const record = decodeRecord(line);
      if (newline < 0) {
        // No newline: the append of this record never finished.
        if (!record) tornBytes = Buffer.byteLength(text.slice(offset));
        else {
          index.apply(record);
          records += 1;
        }
        break;
      }
      if (record) {
        index.apply(record);
        records += 1;
      } else if (line.length > 0) damagedLines += 1;
      offset = newline + 1;
    }
    if (tornBytes > 0) await truncate(path, Buffer.byteLength(text) - tornBytes);
    else if (text.length > 0 && !text.endsWith('\n')) await appendDurably(path, '\n');
    const journal = new CatalogJournal(path, index);
    journal.garbage = Math.max(0, records - index.liveRecords().length);
    return { journal, load: { index, damagedLines, tornBytes } };
  }

  /** Appends the records (durably, in order) and applies them to the index. */
  append(records: readonly CatalogRecord[]): Promise<void> {
    const text = records.map(encodeRecord).join('');
    const next = this.appending.then(async () => {
      await appendDurably(this.path, text);
      for (const record of records) {
        if (record.kind === 'forgetTape' || this.index.tape(record.barcode)?.archives.has(record.archive)) this.garbage += 1;
        this.index.apply(record);
      }
      if (this.garbage > 1000 && this.garbage > this.index.liveRecords().length) await this.compactNow();
    });
    this.appending = next.catch(() => undefined);
    return next;
  }

  /** Rewrites the journal with only the records in force. */
  compact(): Promise<void> {
    const next = this.appending.then(() => this.compactNow());
    this.appending = next.catch(() => undefined);
    return next;
  }

  private async compactNow(): Promise<void> {
    const temp = `${this.path}.compact`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(this.index.liveRecords().map(encodeRecord).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.path);
    this.garbage = 0;
  }
}

async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.write(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
