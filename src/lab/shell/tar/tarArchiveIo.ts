// Where a tar archive is read from or written to: a tape device (one write per record), a file, or stdin/stdout.
import { CommandContext } from '../CommandContext';
import { TapeDeviceError } from '../../library/TapeDeviceError';
import { TapeHandle } from '../../library/TapeDrive';
import { openDevice } from '../commands/openDevice';

export interface ArchiveWriter {
  /** One write(2) of a whole record; throws TapeDeviceError with the device's errno. */
  writeRecord(record: Uint8Array): void;
  close(): void;
}

export interface ArchiveReader {
  /** Is it a character device (tar's short-read rules apply only there)? */
  readonly isDevice: boolean;
  /** One read(2) of up to `size` bytes; empty = end of file (or a filemark). */
  readRecord(size: number): Buffer;
  close(): void;
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
  if (path === '-') return { ok: true, value: { writeRecord: (record) => context.stdout.write(record), close: () => undefined } };
  // A name that does not exist yet becomes a new archive file.
  const tape = context.host.fs.tryResolve(path, context.cwd) ? openTape(context, path, true) : undefined;
  if (tape) return tape.ok ? { ok: true, value: { writeRecord: (record) => tape.value.write(record), close: () => tape.value.close() } } : tape;
  const chunks: Buffer[] = [];
  try {
    context.host.fs.writeFile(path, context.cwd, Buffer.alloc(0), context.user);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  return {
    ok: true,
    value: {
      writeRecord: (record) => void chunks.push(Buffer.from(record)),
      close: () => context.host.fs.writeFile(path, context.cwd, Buffer.concat(chunks), context.user),
    },
  };
}

export function openArchiveForRead(context: CommandContext, path: string): Opened<ArchiveReader> {
  // "-" is standard input (a pipe), never a device path.
  const tape = path === '-' ? undefined : openTape(context, path, false);
  if (tape) return tape.ok ? { ok: true, value: { isDevice: true, readRecord: (size) => tape.value.read(size), close: () => tape.value.close() } } : tape;
  let data: Buffer;
  if (path === '-') data = context.stdin;
  else {
    const found = context.host.fs.tryResolve(path, context.cwd);
    if (!found) return { ok: false, error: 'No such file or directory' };
    if (found.node.kind !== 'file') return { ok: false, error: found.node.kind === 'dir' ? 'Is a directory' : 'Invalid argument' };
    data = found.node.data;
  }
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
      close: () => undefined,
    },
  };
}
