// cut -b|-c|-f LIST [-d DELIM] [-s] [--complement] [--output-delimiter=S] [-z] [FILE...]: GNU cut's selection, lines without a delimiter and messages.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { bytesResult, readOperand } from './operands';

type Range = readonly [number, number];

function usage(message: string): ExecResult {
  return { stdout: '', stderr: `cut: ${message}\nTry 'cut --help' for more information.\n`, exitCode: 1 };
}

/** `1,3-5,7-` as sorted, merged ranges (1-based, inclusive; the open end is Infinity); a string is the error. */
function parseList(text: string, fields: boolean): Range[] | string {
  const ranges: Array<[number, number]> = [];
  for (const part of text.split(/[ ,]/)) {
    const match = /^(\d*)(?:(-)(\d*))?$/.exec(part);
    if (!match || (match[1] === '' && (match[3] ?? '') === '' )) return fields ? 'invalid field range' : 'invalid byte or character range';
    const start = match[1] === '' ? 1 : Number(match[1]);
    const end = match[2] === undefined ? start : match[3] === '' ? Number.POSITIVE_INFINITY : Number(match[3]);
    if (start === 0 || end === 0) return fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (end < start) return 'invalid decreasing range';
    ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function complement(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 1;
  for (const [start, end] of ranges) {
    if (start > next) out.push([next, start - 1]);
    next = end + 1;
  }
  if (Number.isFinite(next)) out.push([next, Number.POSITIVE_INFINITY]);
  return out;
}

interface CutOptions {
  mode?: 'bytes' | 'fields';
  list?: string;
  delimiter?: string;
  outputDelimiter?: string;
  onlyDelimited: boolean;
  complement: boolean;
  zero: boolean;
  readonly files: string[];
}

function parse(args: readonly string[]): CutOptions | ExecResult {
  const options: CutOptions = { onlyDelimited: false, complement: false, zero: false, files: [] };
  const setMode = (mode: 'bytes' | 'fields', list: string): ExecResult | undefined => {
    if (options.mode !== undefined) return usage('only one type of list may be specified');
    options.mode = mode;
    options.list = list;
    return undefined;
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--') {
      options.files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      options.files.push(arg);
      continue;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const value = () => inline ?? args[++i] ?? '';
      let problem: ExecResult | undefined;
      if (name === '--bytes' || name === '--characters') problem = setMode('bytes', value());
      else if (name === '--fields') problem = setMode('fields', value());
      else if (name === '--delimiter') options.delimiter = value();
      else if (name === '--output-delimiter') options.outputDelimiter = value();
      else if (name === '--only-delimited') options.onlyDelimited = true;
      else if (name === '--complement') options.complement = true;
      else if (name === '--zero-terminated') options.zero = true;
      else return usage(`unrecognized option '${arg}'`);
      if (problem) return problem;
      continue;
    }
    for (let at = 1; at < arg.length; at += 1) {
      const letter = arg[at];
      if ('bcfd'.includes(letter)) {
        const value = at + 1 < arg.length ? arg.slice(at + 1) : args[++i];
        if (value === undefined) return usage(`option requires an argument -- '${letter}'`);
        if (letter === 'd') options.delimiter = value;
        else {
          const problem = setMode(letter === 'f' ? 'fields' : 'bytes', value);
          if (problem) return problem;
        }
        break;
      }
      if (letter === 's') options.onlyDelimited = true;
      else if (letter === 'z') options.zero = true;
      else if (letter !== 'n') return usage(`invalid option -- '${letter}'`);
    }
  }
  return options;
}

function cutLine(line: string, ranges: readonly Range[], options: CutOptions): string | undefined {
  if (options.mode === 'bytes') {
    const pieces = ranges.filter(([start]) => start <= line.length).map(([start, end]) => line.slice(start - 1, Number.isFinite(end) ? end : undefined));
    return pieces.join(options.outputDelimiter ?? '');
  }
  const delimiter = options.delimiter ?? '\t';
  if (!line.includes(delimiter)) return options.onlyDelimited ? undefined : line;
  const fields = line.split(delimiter);
  const kept = fields.filter((_, index) => ranges.some(([start, end]) => index + 1 >= start && index + 1 <= end));
  return kept.join(options.outputDelimiter ?? delimiter);
}

async function run(args: string[], ctx: Parameters<Command['execute']>[1]): Promise<ExecResult> {
  const options = parse(args);
  if (!('files' in options)) return options;
  if (options.mode === undefined || options.list === undefined) return usage('you must specify a list of bytes, characters, or fields');
  if (options.delimiter !== undefined && options.mode !== 'fields') return usage('an input delimiter may be specified only when operating on fields');
  if (options.onlyDelimited && options.mode !== 'fields') return usage('suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  if (options.delimiter !== undefined && options.delimiter.length !== 1) return usage('the delimiter must be a single character');
  const parsed = parseList(options.list, options.mode === 'fields');
  if (typeof parsed === 'string') return usage(parsed);
  const ranges = options.complement ? complement(parsed) : parsed;
  const terminator = options.zero ? '\0' : '\n';
  let out = '';
  let stderr = '';
  for (const name of options.files.length > 0 ? options.files : ['-']) {
    const operand = await readOperand(ctx, name);
    if (!('bytes' in operand)) {
      stderr += `cut: ${name}: ${operand.error}\n`;
      continue;
    }
    const text = operand.bytes.toString('latin1');
    if (text === '') continue;
    for (const line of (text.endsWith(terminator) ? text.slice(0, -1) : text).split(terminator)) {
      const cut = cutLine(line, ranges, options);
      if (cut !== undefined) out += cut + terminator;
    }
  }
  return bytesResult(Buffer.from(out, 'latin1'), stderr, stderr === '' ? 0 : 1);
}

export const cut: Command = defineCommand('cut', run);
