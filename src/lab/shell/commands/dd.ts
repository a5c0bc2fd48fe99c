// dd if= of= bs= count=: test data from /dev/urandom or /dev/zero, files, and raw reads/writes of tape devices, one record at a time.
import { CommandContext } from '../CommandContext';
import { TapeDeviceError } from '../../library/TapeDeviceError';
import { openSink, openSource } from './ddEnds';

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
  const source = openSource(context, input, count !== undefined);
  if (!source.ok) {
    context.stderr.write(`dd: failed to open '${input}': ${source.error}\n`);
    return 1;
  }
  const sink = openSink(context, output);
  if (!sink.ok) {
    await source.value.close();
    context.stderr.write(`dd: failed to open '${output}': ${sink.error}\n`);
    return 1;
  }
  // One record at a time, read then written, as dd does: a copy of any size holds one record in memory.
  const tally = { fullIn: 0, partialIn: 0, fullOut: 0, partialOut: 0, bytes: 0 };
  let failure: string | undefined;
  try {
    for (let n = 0; count === undefined || n < count; n += 1) {
      if (context.signal?.aborted) break;
      let record: Buffer;
      try {
        record = await source.value.read(bs);
      } catch (error) {
        if (!(error instanceof TapeDeviceError)) throw error;
        failure = `dd: error reading '${input}': ${error.strerror}`;
        break;
      }
      if (record.length === 0) break;
      if (record.length === bs) tally.fullIn += 1;
      else tally.partialIn += 1;
      let stored: number;
      try {
        stored = await sink.value.write(record);
      } catch (error) {
        if (!(error instanceof TapeDeviceError)) throw error;
        failure = `dd: error writing '${output}': ${error.strerror}`;
        break;
      }
      // The volume filled up part way through a record: what fit counts as a partial record out, as write(2) returns it.
      if (stored === bs) tally.fullOut += 1;
      else if (stored > 0) tally.partialOut += 1;
      tally.bytes += stored;
      if (stored < record.length) {
        failure = `dd: error writing '${output}': No space left on device`;
        break;
      }
    }
  } finally {
    await source.value.close();
    await sink.value.close();
  }
  if (failure) context.stderr.write(`${failure}\n`);
  if (operands.get('status') !== 'none') {
    const { bytes } = tally;
    const seconds = Math.max((Date.now() - started) / 1000, 0.000001);
    const sizes = context.host.os === 'al2' ? humanBytes(bytes, 1000, 'B') : `${humanBytes(bytes, 1000, 'B')}, ${humanBytes(bytes, 1024, 'iB')}`;
    context.stderr.write(
      `${tally.fullIn}+${tally.partialIn} records in\n${tally.fullOut}+${tally.partialOut} records out\n` +
        `${bytes} bytes (${sizes}) copied, ${Number(seconds.toPrecision(6))} s, ${humanBytes(bytes / seconds, 1000, 'B/s')}\n`,
    );
  }
  return failure ? 1 : 0;
}
