// dd if= of= bs= count=: test data from /dev/urandom or /dev/zero, files, and raw reads/writes of tape devices.
import { CommandContext } from '../CommandContext';
import { TapeDeviceError } from '../../library/TapeDeviceError';
import { TapeHandle } from '../../library/TapeDrive';
import { FsError } from '../VirtualFileSystem';
import { openDevice } from './openDevice';
import { readInput } from './readInput';

const UNITS: Readonly<Record<string, number>> = { '': 1, c: 1, w: 2, b: 512, k: 1024, K: 1024, kB: 1000, KB: 1000, M: 1024 ** 2, MB: 1e6, G: 1024 ** 3, GB: 1e9 };

function parseSize(text: string): number | undefined {
  const match = /^(\d+)([a-zA-Z]*)$/.exec(text);
  const unit = match ? UNITS[match[2]] : undefined;
  return match && unit !== undefined ? Number(match[1]) * unit : undefined;
}

function humanBytes(bytes: number, base: number, suffix: string): string {
  const units = ['', 'k', 'M', 'G', 'T'].map((u) => (base === 1024 && u === 'k' ? 'K' : u));
  let value = bytes;
  let i = 0;
  while (value >= base && i < units.length - 1) {
    value /= base;
    i += 1;
  }
  return `${Number(value.toPrecision(value < 10 ? 2 : 3))} ${units[i]}${suffix}`;
}

/** A tape node opened for dd, or undefined when the path is not a tape device. */
function openTape(context: CommandContext, path: string, write: boolean): TapeHandle | string | undefined {
  const opened = openDevice(context, path);
  if (!opened.ok) return opened.error;
  if (opened.device?.kind !== 'tape' || !opened.devices) return undefined;
  try {
    return opened.devices.drives[opened.device.drive].open({ rewindOnClose: opened.device.rewindOnClose, write });
  } catch (error) {
    if (error instanceof TapeDeviceError) return error.strerror;
    throw error;
  }
}

export async function dd(context: CommandContext): Promise<number> {
  const operands = new Map<string, string>();
  for (const arg of context.argv.slice(1)) {
    const at = arg.indexOf('=');
    if (at <= 0) {
      context.stderr.write(`dd: unrecognized operand '${arg}'\nTry 'dd --help' for more information.\n`);
      return 1;
    }
    operands.set(arg.slice(0, at), arg.slice(at + 1));
  }
  const bs = parseSize(operands.get('bs') ?? '512');
  const count = operands.has('count') ? parseSize(operands.get('count')!) : undefined;
  if (bs === undefined || bs === 0 || (operands.has('count') && count === undefined)) {
    context.stderr.write(`dd: invalid number: '${operands.get('bs') ?? operands.get('count')}'\n`);
    return 1;
  }
  const started = Date.now();
  const input = operands.get('if') ?? '-';
  const output = operands.get('of');
  const source = input === '-' ? undefined : openTape(context, input, false);
  if (typeof source === 'string') {
    context.stderr.write(`dd: failed to open '${input}': ${source}\n`);
    return 1;
  }
  let sink = output === undefined ? undefined : openTape(context, output, true);
  if (typeof sink === 'string' && context.host.fs.tryResolve(output!, context.cwd)) {
    source?.close();
    context.stderr.write(`dd: failed to open '${output}': ${sink}\n`);
    return 1;
  }
  if (typeof sink === 'string') sink = undefined;
  /** Records held for a tape or file output (records read from a tape to stdout are written as they come, not held). */
  const records: Buffer[] = [];
  /** The size of every record read, for the tally. */
  const recordSizes: number[] = [];
  let streamed = 0;
  let failure: string | undefined;
  try {
    if (source) {
      for (let n = 0; count === undefined || n < count; n += 1) {
        let record: Buffer;
        try {
          record = source.read(bs);
        } catch (error) {
          if (!(error instanceof TapeDeviceError)) throw error;
          failure = `dd: error reading '${input}': ${error.strerror}`;
          break;
        }
        if (record.length === 0) break;
        recordSizes.push(record.length);
        if (output !== undefined) {
          records.push(record);
          continue;
        }
        // To stdout, each record is written as read; on a terminal, dd waits while the session is behind and stops on Ctrl-C.
        context.stdout.write(record);
        streamed += 1;
        await context.stdout.whenWritable?.();
        if (context.signal?.aborted) break;
      }
    } else {
      const data = readInput(context, input, count === undefined ? 1 << 20 : bs * count);
      if (typeof data === 'string') {
        context.stderr.write(`dd: failed to open '${input}': ${data}\n`);
        return 1;
      }
      const limit = count === undefined ? data.length : Math.min(data.length, bs * count);
      for (let offset = 0; offset < limit; offset += bs) records.push(data.subarray(offset, Math.min(limit, offset + bs)));
      for (const record of records) recordSizes.push(record.length);
    }
  } finally {
    source?.close();
  }
  let written = 0;
  /** The last record when the volume filled up in the middle of it (counted as a partial record out). */
  let partialOut: Buffer | undefined;
  try {
    if (sink) {
      for (const record of records) {
        sink.write(record);
        written += 1;
      }
    } else if (output === undefined) {
      for (const record of records) context.stdout.write(record);
      written = streamed + records.length;
    } else {
      context.host.fs.writeFile(output, context.cwd, Buffer.concat(records), context.user);
      written = records.length;
    }
  } catch (error) {
    if (error instanceof TapeDeviceError) failure ??= `dd: error writing '${output}': ${error.strerror}`;
    else if (error instanceof FsError && error.code === 'ENOSPC' && output !== undefined) {
      // The volume filled up part way: whole records that fit count as written, as write(2) returns them.
      const stored = context.host.fs.tryResolve(output, context.cwd)?.node;
      const size = stored?.kind === 'file' ? stored.data.length : 0;
      let kept = 0;
      while (written < records.length && kept + records[written].length <= size) kept += records[written++].length;
      if (size > kept) partialOut = records[written].subarray(0, size - kept);
      failure ??= `dd: error writing '${output}': ${error.message}`;
    } else if (error instanceof FsError) {
      context.stderr.write(`dd: failed to open '${output}': ${error.message}\n`);
      return 1;
    } else throw error;
  } finally {
    sink?.close();
  }
  if (failure) context.stderr.write(`${failure}\n`);
  if (operands.get('status') !== 'none') {
    const tally = (list: number[]) => `${list.filter((size) => size === bs).length}+${list.filter((size) => size !== bs).length}`;
    const out = [...recordSizes.slice(0, written), ...(partialOut ? [partialOut.length] : [])];
    const bytes = out.reduce((sum, size) => sum + size, 0);
    const seconds = Math.max((Date.now() - started) / 1000, 0.000001);
    const sizes = context.host.os === 'al2' ? humanBytes(bytes, 1000, 'B') : `${humanBytes(bytes, 1000, 'B')}, ${humanBytes(bytes, 1024, 'iB')}`;
    context.stderr.write(
      `${tally(recordSizes)} records in\n${tally(out)} records out\n` +
        `${bytes} bytes (${sizes}) copied, ${Number(seconds.toPrecision(6))} s, ${humanBytes(bytes / seconds, 1000, 'B/s')}\n`,
    );
  }
  return failure ? 1 : 0;
}
