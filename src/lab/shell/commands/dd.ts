// dd if= of= bs= count=: copies test data (e.g. from /dev/urandom) into files, with coreutils' summary on stderr.
import { CommandContext } from '../CommandContext';
import { FsError } from '../VirtualFileSystem';
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

export function dd(context: CommandContext): number {
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
  const data = readInput(context, input, count === undefined ? 1 << 20 : bs * count);
  if (typeof data === 'string') {
    context.stderr.write(`dd: failed to open '${input}': ${data}\n`);
    return 1;
  }
  const bytes = data.subarray(0, count === undefined ? data.length : Math.min(data.length, bs * count));
  const output = operands.get('of');
  try {
    if (output === undefined) context.stdout.write(bytes);
    else context.host.fs.writeFile(output, context.cwd, Buffer.from(bytes), context.user);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    context.stderr.write(`dd: failed to open '${output}': ${error.message}\n`);
    return 1;
  }
  if (operands.get('status') !== 'none') {
    const full = Math.floor(bytes.length / bs);
    const partial = bytes.length % bs === 0 ? 0 : 1;
    const seconds = Math.max((Date.now() - started) / 1000, 0.000001);
    const sizes = context.host.os === 'al2' ? humanBytes(bytes.length, 1000, 'B') : `${humanBytes(bytes.length, 1000, 'B')}, ${humanBytes(bytes.length, 1024, 'iB')}`;
    context.stderr.write(
      `${full}+${partial} records in\n${full}+${partial} records out\n` +
        `${bytes.length} bytes (${sizes}) copied, ${Number(seconds.toPrecision(6))} s, ${humanBytes(bytes.length / seconds, 1000, 'B/s')}\n`,
    );
  }
  return 0;
}
