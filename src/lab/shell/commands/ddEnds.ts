// The two ends of a dd copy, opened as open(2) would: a tape device, a file (read and written through its blob), a device node, or stdin/stdout.
import { randomBytes } from 'node:crypto';
import { TapeDeviceError } from '../../library/TapeDeviceError';
import { TapeHandle } from '../../library/TapeDrive';
import { CommandContext } from '../CommandContext';
import { canRead } from '../filePermissions';
import { openFileReader, openFileWriter } from '../fileIo';
import { FsError } from '../VirtualFileSystem';
import { openDevice } from './openDevice';

/** Reads of an endless device (/dev/zero, /dev/urandom) stop after this much when no count= bounds them. */
const ENDLESS_DEVICE_LIMIT = 1 << 20;

export interface RecordSource {
  /** One read(2) of up to `size` bytes; empty at the end. Throws TapeDeviceError for a tape's errno. */
  read(size: number): Promise<Buffer> | Buffer;
  close(): Promise<void> | void;
}

export interface RecordSink {
  /** Bytes stored (fewer than given: the volume is full). Throws TapeDeviceError for a tape's errno. */
  write(record: Buffer): Promise<number> | number;
  close(): Promise<void> | void;
}

export type Opened<T> = { ok: true; value: T } | { ok: false; error: string };

/** A tape node opened for dd, or undefined when the path is not a tape device. */
function openTape(context: CommandContext, path: string, write: boolean): Opened<TapeHandle> | undefined {
  const opened = openDevice(context, path);
  if (!opened.ok) return opened;
  if (opened.device?.kind !== 'tape' || !opened.devices) return undefined;
  try {
    return { ok: true, value: opened.devices.drives[opened.device.drive].open({ rewindOnClose: opened.device.rewindOnClose, write }) };
  } catch (error) {
    if (error instanceof TapeDeviceError) return { ok: false, error: error.strerror };
    throw error;
  }
}

function fromBuffer(data: Buffer): RecordSource {
  let offset = 0;
  return {
    read(size) {
      const chunk = data.subarray(offset, offset + size);
      offset += chunk.length;
      return chunk;
    },
    close: () => undefined,
  };
}

function endless(fill: (size: number) => Buffer, limit: number): RecordSource {
  let left = limit;
  return {
    read(size) {
      const chunk = fill(Math.min(size, left));
      left -= chunk.length;
      return chunk;
    },
    close: () => undefined,
  };
}

export function openSource(context: CommandContext, input: string, bounded: boolean): Opened<RecordSource> {
  if (input === '-') {
    const pipe = context.input;
    // From a pipe, a record is read whole (as with iflag=fullblock): the lab's pipes always gave dd whole records.
    return { ok: true, value: pipe ? { read: (size) => pipe.readFull(size), close: () => undefined } : fromBuffer(context.stdin) };
  }
  const tape = openTape(context, input, false);
  if (tape) return tape.ok ? { ok: true, value: { read: (size) => tape.value.read(size), close: () => tape.value.close() } } : tape;
  const found = context.host.fs.tryResolve(input, context.cwd);
  if (!found) return { ok: false, error: 'No such file or directory' };
  const { node } = found;
  if (node.kind === 'dir') return { ok: false, error: 'Is a directory' };
  if (!canRead(context.user, node)) return { ok: false, error: 'Permission denied' };
  if (node.kind === 'file') {
    const reader = openFileReader(context.host.fs, node);
    return { ok: true, value: { read: (size) => reader.read(size), close: () => reader.close() } };
  }
  if (node.kind !== 'device') return { ok: false, error: 'No such file or directory' };
  const limit = bounded ? Number.POSITIVE_INFINITY : ENDLESS_DEVICE_LIMIT;
  if (node.device.kind === 'null') return { ok: true, value: fromBuffer(Buffer.alloc(0)) };
  if (node.device.kind === 'zero') return { ok: true, value: endless((size) => Buffer.alloc(size), limit) };
  if (node.device.kind === 'urandom') return { ok: true, value: endless((size) => randomBytes(size), limit) };
  return { ok: false, error: 'Invalid argument' };
}

/** `of=` absent: stdout. A name that does not exist yet becomes a new file. */
export function openSink(context: CommandContext, output: string | undefined): Opened<RecordSink> {
  if (output === undefined) {
    return {
      ok: true,
      value: {
        // Each record is written as read; on a terminal, dd waits while the session is behind (and Ctrl-C releases it).
        write: async (record) => {
          context.stdout.write(record);
          await context.stdout.whenWritable?.();
          return record.length;
        },
        close: () => undefined,
      },
    };
  }
  const tape = openTape(context, output, true);
  if (tape?.ok) {
    return {
      ok: true,
      value: {
        write: (record) => {
          tape.value.write(record);
          return record.length;
        },
        close: () => tape.value.close(),
      },
    };
  }
  if (tape && context.host.fs.tryResolve(output, context.cwd)) return tape;
  try {
    const writer = openFileWriter(context.host.fs, output, context.cwd, context.user);
    return { ok: true, value: writer };
  } catch (error) {
    if (error instanceof FsError) return { ok: false, error: error.message };
    throw error;
  }
}
