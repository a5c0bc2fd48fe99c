// Where a tar archive is read from or written to: a tape device (one write per record), a file (through its blob), or stdin/stdout.
import { CommandContext } from '../CommandContext';
import { TapeDeviceError } from '../../library/TapeDeviceError';
import { TapeHandle } from '../../library/TapeDrive';
import { openDevice } from '../commands/openDevice';
import { FileWriter, openFileReader, openFileWriter } from '../fileIo';

export interface ArchiveWriter {
  /** One write(2) of a whole record; a device throws TapeDeviceError with its errno, a file queues it (copied). */
  writeRecord(record: Uint8Array): void;
  /** Waits for the queued writes; throws TapeDeviceError (ENOSPC for a full volume). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ArchiveReader {
  /** Is it a character device (tar's short-read rules apply only there)? */
  readonly isDevice: boolean;
  /** One read(2) of up to `size` bytes; empty = end of file (or a filemark). */
  readRecord(size: number): Buffer | Promise<Buffer>;
  close(): Promise<void>;
}

export type Opened<T> = { ok: true; value: T } | { ok: false; error: string };

function openTape(context: CommandContext, path: string, write: boolean): Opened<TapeHandle> | undefined {
  const opened = openDevice(context, path);
  if (!opened.ok) return { ok: false, error: opened.error };
  if (opened.device?.kind !== 'tape' || !opened.devices) return undefined;
  try {
    const drive = opened.devices.drives[opened.device.drive];
    return { ok: true, value: drive.open({ rewindOnClose: opened.device.rewindOnClose, write }) };
  } catch (error) {
    if (error instanceof TapeDeviceError) return { ok: false, error: error.strerror };
    throw error;
  }
}

export function openArchiveForWrite(context: CommandContext, path: string): Opened<ArchiveWriter> {
  // To stdout: flush waits while the pipe or terminal reading it is behind.
  if (path === '-') return { ok: true, value: { writeRecord: (record) => context.stdout.write(record), flush: async () => context.stdout.whenWritable?.(), close: async () => undefined } };
  // A name that does not exist yet becomes a new archive file.
  const tape = context.host.fs.tryResolve(path, context.cwd) ? openTape(context, path, true) : undefined;
  if (tape) return tape.ok ? { ok: true, value: { writeRecord: (record) => tape.value.write(record), flush: async () => undefined, close: async () => tape.value.close() } } : tape;
  let file: FileWriter;
  try {
    file = openFileWriter(context.host.fs, path, context.cwd, context.user);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  // Records go to the file in order, one write at a time; the caller flushes after each chunk, so few wait at once.
  let queue: Promise<void> = Promise.resolve();
  let failure: TapeDeviceError | undefined;
  return {
    ok: true,
    value: {
      writeRecord: (record) => {
        const copy = Buffer.from(record);
        queue = queue.then(async () => {
          if (failure) return;
          if ((await file.write(copy)) < copy.length) failure = new TapeDeviceError('ENOSPC');
        });
      },
      flush: async () => {
        await queue;
        if (failure) throw failure;
      },
      close: async () => {
        await queue.catch(() => undefined);
        await file.close();
      },
    },
  };
}

export function openArchiveForRead(context: CommandContext, path: string): Opened<ArchiveReader> {
  // "-" is standard input (a pipe), never a device path.
  const tape = path === '-' ? undefined : openTape(context, path, false);
  if (tape) return tape.ok ? { ok: true, value: { isDevice: true, readRecord: (size) => tape.value.read(size), close: async () => tape.value.close() } } : tape;
  if (path !== '-') {
    const found = context.host.fs.tryResolve(path, context.cwd);
    if (!found) return { ok: false, error: 'No such file or directory' };
    if (found.node.kind !== 'file') return { ok: false, error: found.node.kind === 'dir' ? 'Is a directory' : 'Invalid argument' };
    const reader = openFileReader(context.host.fs, found.node);
    return { ok: true, value: { isDevice: false, readRecord: (size) => reader.read(size), close: () => reader.close() } };
  }
  const pipe = context.input;
  if (pipe) return { ok: true, value: { isDevice: false, readRecord: (size) => pipe.readFull(size), close: async () => undefined } };
  const data = context.stdin;
  let offset = 0;
  return {
    ok: true,
    value: {
      isDevice: false,
      readRecord: (size) => {
        const chunk = data.subarray(offset, offset + size);
        offset += chunk.length;
        return chunk;
      },
      close: async () => undefined,
    },
  };
}
