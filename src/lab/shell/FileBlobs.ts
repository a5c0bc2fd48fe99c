// The contents of one client host's files on the real disk: one file per inode, named only by its number, in one folder.
import { mkdir, open, readdir, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export class FileBlobs {
  private next = 1;
  private ready: Promise<void> | undefined;

  constructor(readonly folder: string) {}

  /** A fresh inode number; its file is created by the first write. */
  allocate(): number {
    return this.next++;
  }

  /** Numbers up to `id` are taken (by files a restart found). */
  reserveThrough(id: number): void {
    this.next = Math.max(this.next, id + 1);
  }

  /**
   * The real path of inode `id`. Only a positive integer names a blob, so no guest path, `..`, symlink or tar member
   * can ever become a real path outside this folder.
   */
  pathOf(id: number): string {
    if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`${String(id)} is not an inode number.`);
    return join(this.folder, String(id));
  }

  private folderReady(): Promise<void> {
    this.ready ??= mkdir(this.folder, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready;
  }

  /** Opens the blob: 'w' truncates (or creates), 'r+' writes in place, 'r' reads. */
  async open(id: number, flags: 'r' | 'r+' | 'w'): Promise<FileHandle> {
    if (flags !== 'r') await this.folderReady();
    try {
      return await open(this.pathOf(id), flags, 0o600);
    } catch (error) {
      // A file whose write never reached the disk (a kill between the metadata and the data) reads as empty.
      if (flags === 'r+' && (error as NodeJS.ErrnoException).code === 'ENOENT') return open(this.pathOf(id), 'w', 0o600);
      throw error;
    }
  }

  async read(id: number): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    }
  }

  /** Bytes the blob holds on disk (0 when it was never written). */
  async size(id: number): Promise<number> {
    try {
      return (await stat(this.pathOf(id))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }

  async remove(id: number): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }

  /** Inode numbers of the blobs on disk (anything else in the folder is ignored). */
  async list(): Promise<number[]> {
    try {
      return (await readdir(this.folder)).filter((name) => /^[1-9][0-9]*$/.test(name)).map(Number);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
