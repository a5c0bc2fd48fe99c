// A JSON document kept in one file, written atomically (temp file, fsync, rename) and in call order.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class JsonFileStore<T> {
  private queue: Promise<void> = Promise.resolve();
  private sequence = 0;

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    // Temporary files of writes a kill interrupted never replaced the document; remove them so they do not pile up.
    const prefix = `${basename(file)}.`;
    for (const name of readdirSync(dirname(file))) if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dirname(file), name), { force: true });
  }

  /** The saved document, or undefined when there is none yet. */
  load(): T | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  /** Queues a write of this snapshot; resolves once it is durable on disk. */
  save(value: T): Promise<void> {
    const text = JSON.stringify(value);
    const temp = `${this.file}.${process.pid}.${(this.sequence += 1)}.tmp`;
    const write = async () => {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    };
    this.queue = this.queue.then(write, write);
    return this.queue;
  }

  /** Waits for queued writes. */
  flush(): Promise<void> {
    return this.queue.catch(() => undefined);
  }
}
