// od [-A RADIX] [-t TYPE]... [-bcdosx] [-j SKIP] [-N COUNT] [-v] [-w[N]] [FILE...]: GNU od's columns, offsets and `*` for repeated lines.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { readOperand } from './operands';

type Kind = 'o' | 'x' | 'u' | 'd' | 'c' | 'a';
interface Format {
  readonly kind: Kind;
  /** Bytes per field. */
  readonly size: number;
}

const SIZE_LETTERS: Readonly<Record<string, number>> = { C: 1, S: 2, I: 4, L: 8 };
const NAMES = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si', 'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp'];
const ESCAPES: Readonly<Record<number, string>> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
const SHORTHAND: Readonly<Record<string, Format>> = {
  a: { kind: 'a', size: 1 }, b: { kind: 'o', size: 1 }, c: { kind: 'c', size: 1 }, d: { kind: 'u', size: 2 }, o: { kind: 'o', size: 2 }, s: { kind: 'd', size: 2 }, x: { kind: 'x', size: 2 },
  i: { kind: 'd', size: 4 }, l: { kind: 'd', size: 8 },
};

/** Digits the widest value of a field takes. */
function digits(format: Format): number {
  const bits = 8 * format.size;
  if (format.kind === 'o') return Math.ceil(bits / 3);
  if (format.kind === 'x') return 2 * format.size;
  if (format.kind === 'u') return (2n ** BigInt(bits) - 1n).toString().length;
  if (format.kind === 'd') return (-(2n ** BigInt(bits - 1))).toString().length;
  return 3;
}

/** Parses one -t argument (`x1`, `d4`, `u2`, `oS`, `c`, `a`; several may run together: `x1c`). */
function parseType(text: string): Format[] | string {
  const formats: Format[] = [];
  let at = 0;
  while (at < text.length) {
    const kind = text[at++];
    if (kind === 'c' || kind === 'a') {
      formats.push({ kind, size: 1 });
      continue;
    }
    if (!'oxud'.includes(kind)) return `invalid character '${kind}' in type string '${text}'`;
    let size = kind === 'c' ? 1 : 4;
    const letter = text[at];
    if (letter !== undefined && letter in SIZE_LETTERS) {
      size = SIZE_LETTERS[letter];
      at += 1;
    } else {
      const match = /^\d+/.exec(text.slice(at));
      if (match) {
        size = Number(match[0]);
        at += match[0].length;
        if (![1, 2, 4, 8].includes(size)) return `invalid type string '${text}';\nthis system doesn't provide a ${size}-byte integral type`;
      }
    }
    if (text[at] === 'z') at += 1;
    formats.push({ kind: kind as Kind, size });
  }
  return formats;
}

/** Characters a field takes on its own: a space and its digits (4 for a character). */
function naturalWidth(format: Format): number {
  return format.kind === 'c' || format.kind === 'a' ? 4 : digits(format) + 1;
}

function field(format: Format, bytes: Buffer, at: number): string {
  if (format.kind === 'c') {
    const byte = bytes[at];
    const text = ESCAPES[byte] ?? (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : byte.toString(8).padStart(3, '0'));
    return text.padStart(4);
  }
  if (format.kind === 'a') {
    const byte = bytes[at] & 0x7f;
    return (byte === 0x7f ? 'del' : byte <= 0x20 ? NAMES[byte] : String.fromCharCode(byte)).padStart(4);
  }
  // Little-endian, as on x86_64 and arm64; a short last field counts the missing bytes as zeros.
  let value = 0n;
  for (let i = format.size - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[at + i] ?? 0);
  const bits = BigInt(8 * format.size);
  if (format.kind === 'd' && value >= 1n << (bits - 1n)) value -= 1n << bits;
  const width = digits(format);
  if (format.kind === 'o') return ` ${value.toString(8).padStart(width, '0')}`;
  if (format.kind === 'x') return ` ${value.toString(16).padStart(width, '0')}`;
  return ` ${value.toString().padStart(width)}`;
}

function offsetText(radix: string, offset: number): string {
  if (radix === 'n') return '';
  if (radix === 'x') return offset.toString(16).padStart(6, '0');
  if (radix === 'd') return offset.toString().padStart(7, '0');
  return offset.toString(8).padStart(7, '0');
}

function usage(message: string): ExecResult {
  return { stdout: '', stderr: `od: ${message}\nTry 'od --help' for more information.\n`, exitCode: 1 };
}

async function run(args: string[], ctx: Parameters<Command['execute']>[1]): Promise<ExecResult> {
  const formats: Format[] = [];
  let radix = 'o';
  let skip = 0;
  let limit = Number.POSITIVE_INFINITY;
  let verbose = false;
  let width = 16;
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const value = (inline: string) => (inline !== '' ? inline : (args[++i] ?? ''));
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) files.push(arg);
    else if (arg.startsWith('-A') || arg.startsWith('--address-radix=')) radix = value(arg.startsWith('-A') ? arg.slice(2) : arg.slice(16));
    else if (arg.startsWith('-t') || arg.startsWith('--format=')) {
      const parsed = parseType(value(arg.startsWith('-t') ? arg.slice(2) : arg.slice(9)));
      if (typeof parsed === 'string') return usage(parsed);
      formats.push(...parsed);
    } else if (arg.startsWith('-j')) skip = Number(value(arg.slice(2)));
    else if (arg.startsWith('-N')) limit = Number(value(arg.slice(2)));
    else if (arg.startsWith('-w')) width = arg.length > 2 ? Number(arg.slice(2)) : 32;
    else if (arg === '-v' || arg === '--output-duplicates') verbose = true;
    else {
      for (const letter of arg.slice(1)) {
        const format = SHORTHAND[letter];
        if (letter === 'v') verbose = true;
        else if (!format) return usage(`invalid option -- '${letter}'`);
        else formats.push(format);
      }
    }
  }
  if (!'odxn'.includes(radix) || radix.length !== 1) return usage(`invalid output address radix '${radix}'; it must be one character from [doxn]`);
  if (formats.length === 0) formats.push({ kind: 'o', size: 2 });
  const parts: Buffer[] = [];
  let stderr = '';
  for (const name of files.length > 0 ? files : ['-']) {
    const operand = await readOperand(ctx, name);
    if ('bytes' in operand) parts.push(operand.bytes);
    else stderr += `od: ${name}: ${operand.error}\n`;
  }
  const data = Buffer.concat(parts).subarray(skip, Number.isFinite(limit) ? skip + limit : undefined);
  // With several types, every field is widened so the columns of all of them line up byte for byte.
  const fieldWidth = (format: Format) => Math.max(...formats.map((other) => Math.ceil((naturalWidth(other) * format.size) / other.size)));
  const lines: string[] = [];
  let previous: Buffer | undefined;
  let squeezed = false;
  for (let at = 0; at < data.length; at += width) {
    const chunk = data.subarray(at, at + width);
    if (!verbose && previous !== undefined && chunk.length === width && chunk.equals(previous)) {
      if (!squeezed) lines.push('*');
      squeezed = true;
      continue;
    }
    squeezed = false;
    previous = chunk;
    formats.forEach((format, index) => {
      let text = index === 0 ? offsetText(radix, skip + at) : ' '.repeat(offsetText(radix, 0).length);
      for (let i = 0; i < chunk.length; i += format.size) text += field(format, chunk, i).padStart(fieldWidth(format));
      lines.push(text);
    });
  }
  if (radix !== 'n') lines.push(offsetText(radix, skip + data.length));
  return { stdout: lines.map((line) => `${line}\n`).join(''), stderr, exitCode: stderr === '' ? 0 : 1 };
}

export const od: Command = defineCommand('od', run);
