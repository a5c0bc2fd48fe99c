// One small JSON document kept in memory and saved whole, atomically (the appliance registry); growing state belongs in StateStore.
import { readJsonFile, removeStaleTempFiles, writeFileAtomic } from './atomicWrite';
import { StateLoadError } from './journalFormat';

export { StateLoadError };

export class DurableDocument<T> {
  private writing: Promise<void> | undefined;
  private dirtyVersion = 0;
  private savedVersion = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly value: T,
  ) {}

  /** Loads the document at `path`, or starts from `initial()` when there is none yet. */
  static async open<T>(path: string, initial: () => T, accept: (raw: unknown) => raw is T): Promise<DurableDocument<T>> {
    let raw: unknown;
    try {
      await removeStaleTempFiles(path);
      raw = await readJsonFile(path);
    } catch (error) {
      throw new StateLoadError(`The lab state file ${path} could not be read (${(error as Error).message}). Move it aside or choose another --state-dir.`);
    }
    if (raw === undefined) return new DurableDocument(path, initial());
    if (!accept(raw)) throw new StateLoadError(`The lab state file ${path} is not in a format this lab understands. Move it aside or choose another --state-dir.`);
    return new DurableDocument(path, raw);
  }

  /** Marks the in-memory value changed; resolves once a save that includes this change has finished. */
  save(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.dirtyVersion += 1;
    const wanted = this.dirtyVersion;
    return this.flushUntil(wanted);
  }

  /** Resolves once every change marked so far is on disk. */
  flush(): Promise<void> {
    return this.flushUntil(this.dirtyVersion);
  }

  /** Waits for outstanding saves, then refuses further ones. */
  async close(): Promise<void> {
    await this.flushUntil(this.dirtyVersion);
    this.closed = true;
  }

  private async flushUntil(version: number): Promise<void> {
    while (this.savedVersion < version) {
      if (this.writing) {
        await this.writing.catch(() => undefined);
        continue;
      }
      const snapshotVersion = this.dirtyVersion;
      const text = JSON.stringify(this.value);
      this.writing = writeFileAtomic(this.path, text).then(() => {
        this.savedVersion = Math.max(this.savedVersion, snapshotVersion);
      });
      try {
        await this.writing;
      } finally {
        this.writing = undefined;
      }
    }
  }
}
