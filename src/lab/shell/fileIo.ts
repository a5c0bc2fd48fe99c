// Reading and writing client files through handles on their blobs, in records and chunks: a large file never sits in memory whole.
import type { FileHandle } from 'node:fs/promises';
import { FileNode, FsError, FsNode, VirtualFileSystem } from './VirtualFileSystem';

export interface FileWriter {
  /** Stores what fits on the volume and returns how many bytes that was (fewer than given: the volume is full). */
  write(data: Uint8Array): Promise<number>;
  close(): Promise<void>;
}

export interface FileReader {
  /** Up to `size` bytes; empty at the end of the file. */
  read(size: number): Promise<Buffer>;
  /** Reads up to `length` bytes at byte `at` into the start of `target` (the caller's buffer, reused); returns how many (0 at the end). */
  readInto(target: Buffer, at: number, length: number): Promise<number>;
  close(): Promise<void>;
}

/** Chunks a reader asks for beyond the one its caller waits on (each in its own read on the thread pool). */
const READ_AHEAD = 3;

/** Chunk size of copies between files. */
export const COPY_CHUNK = 1 << 20;

const DISCARD: FileWriter = { write: async (data) => data.length, close: async () => undefined };

/** Opens `path` for writing (creating it; truncating it unless `append`); a device node swallows what is written. */
export function openFileWriter(fs: VirtualFileSystem, path: string, cwd: string, owner: string, options: { append?: boolean; mode?: number } = {}): FileWriter {
  const target = fs.fileForWrite(path, cwd, owner, options.mode);
  if (target.node.kind === 'device') return DISCARD;
  const node: FileNode = target.node;
  let position: number;
  let opening: Promise<FileHandle>;
  if (node.inline !== undefined && options.append) {
    // The image's own small file gets its blob on its first change.
    const inline = node.inline;
    const blob = fs.blobs.allocate();
    node.blob = blob;
    opening = fs.blobs.open(blob, 'w').then(async (handle) => {
      await handle.write(inline, 0, inline.length, 0);
      return handle;
    });
    position = node.size;
  } else {
    node.blob ??= fs.blobs.allocate();
    if (options.append) position = node.size;
    else {
      fs.account(node, -node.size);
      position = 0;
    }
    opening = fs.blobs.open(node.blob, options.append ? 'r+' : 'w');
  }
  node.inline = undefined;
  node.meta.mtime = fs.now();
  fs.touch(target.path, node);
  // Awaited by write and close; a failure to open must not count as unhandled in between.
  opening.catch(() => undefined);
  return {
    async write(data) {
      const stored = Math.min(data.length, fs.freeBytes());
      fs.account(node, Math.max(0, position + stored - node.size));
      const handle = await opening;
      for (let done = 0; done < stored; ) {
        const { bytesWritten } = await handle.write(data, done, stored - done, position + done);
        done += bytesWritten;
      }
      position += stored;
      return stored;
    },
    async close() {
      await (await opening).close();
      node.meta.mtime = fs.now();
      if (!node.detached) fs.touch(target.path, node);
    },
  };
}

/** Gives a file a blob of its own if it has none yet (an empty file never written, or one of the image's in-memory files). */
export async function ensureBlob(fs: VirtualFileSystem, path: string, node: FileNode): Promise<void> {
  if (node.blob !== undefined && node.inline === undefined) return;
  await openFileWriter(fs, path, '/', node.meta.owner, { append: true }).close();
}

/** Opens a file's content for reading from the start. */
export function openFileReader(fs: VirtualFileSystem, node: FileNode): FileReader {
  let position = 0;
  const inline = node.inline;
  if (inline !== undefined || node.blob === undefined) {
    const data = inline ?? Buffer.alloc(0);
    return {
      read: async (size) => {
        const chunk = data.subarray(position, position + size);
        position += chunk.length;
        return chunk;
      },
      readInto: async (target, at, length) => data.copy(target, 0, Math.min(at, data.length), Math.min(at + length, data.length)),
      close: async () => undefined,
    };
  }
  const opening = fs.blobs.open(node.blob, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const readAt = async (at: number, size: number): Promise<Buffer> => {
    const handle = await opening;
    if (!handle) return Buffer.alloc(0);
    const buffer = Buffer.allocUnsafe(size);
    const { bytesRead } = await handle.read(buffer, 0, size, at);
    return bytesRead === size ? buffer : buffer.subarray(0, bytesRead);
  };
  // Chunks are read ahead while the caller handles the last one, so the disk and the consumer (tar's records, a tape's
  // writes) overlap instead of taking turns; a reader holds at most READ_AHEAD + 1 chunks.
  const ahead: { at: number; size: number; chunk: Promise<Buffer> }[] = [];
  const dropAhead = () => {
    // Read ahead unasked: a failure surfaces only when (and if) the caller asks for that chunk.
    for (const read of ahead.splice(0)) read.chunk.catch(() => undefined);
  };
  return {
    async read(size) {
      const first = ahead[0];
      let next: Promise<Buffer>;
      if (first !== undefined && first.at === position && first.size === size) next = ahead.shift()!.chunk;
      else {
        dropAhead();
        next = readAt(position, size);
      }
      next.catch(() => undefined);
      const chunk = await next;
      position += chunk.length;
      if (chunk.length < size) dropAhead();
      else {
        for (let at = (ahead.at(-1)?.at ?? position - size) + size; ahead.length < READ_AHEAD; at += size) {
          const read = { at, size, chunk: readAt(at, size) };
          read.chunk.catch(() => undefined);
          ahead.push(read);
        }
      }
      return chunk;
    },
    async readInto(target, at, length) {
      const handle = await opening;
      if (!handle) return 0;
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(target, done, length - done, at + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done;
    },
    async close() {
      const pending = ahead.splice(0);
      await Promise.all(pending.map((read) => read.chunk.catch(() => undefined)));
      await (await opening)?.close();
    },
  };
}

/** The whole content of a file of ordinary size (what just-bash's own commands read). */
export async function readWholeFile(fs: VirtualFileSystem, node: FileNode): Promise<Buffer> {
  if (node.inline !== undefined) return node.inline;
  if (node.blob === undefined) return Buffer.alloc(0);
  return fs.blobs.read(node.blob);
}

/** Writes a whole content (or appends it); a full volume keeps what fit and throws ENOSPC. */
export async function writeWholeFile(fs: VirtualFileSystem, path: string, cwd: string, data: Uint8Array, owner: string, options: { append?: boolean; mode?: number } = {}): Promise<void> {
  const writer = openFileWriter(fs, path, cwd, owner, options);
  let stored: number;
  try {
    stored = await writer.write(data);
  } finally {
    await writer.close();
  }
  if (stored < data.length) throw new FsError('ENOSPC');
}

/** Copies a file chunk by chunk; a full volume keeps what fit and throws ENOSPC. */
export async function copyFile(fs: VirtualFileSystem, source: FsNode, path: string, owner: string, mode?: number): Promise<void> {
  if (source.kind !== 'file') throw new FsError('EISDIR');
  const reader = openFileReader(fs, source);
  const writer = openFileWriter(fs, path, '/', owner, mode === undefined ? {} : { mode });
  try {
    for (;;) {
      const chunk = await reader.read(COPY_CHUNK);
      if (chunk.length === 0) break;
      if ((await writer.write(chunk)) < chunk.length) throw new FsError('ENOSPC');
    }
  } finally {
    await reader.close();
    await writer.close();
  }
}
