// sort [-bdfghiMnrsuVz] [-k KEY]... [-t SEP] [-o FILE] [-c|-C] [-m] [FILE...]: GNU sort in the C locale (bytes order, last-resort comparison, -u by keys).
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { bytesResult, errorText, readOperand } from './operands';
import { type KeySpec, type Ordering, compareKeys, hasOwnOrdering, keyText, orderingLetter, parseKey } from './sortKeys';

interface SortOptions {
  readonly global: Ordering;
  readonly keys: KeySpec[];
  separator?: string;
  output?: string;
  check?: 'loud' | 'quiet';
  unique: boolean;
  stable: boolean;
  zero: boolean;
  merge: boolean;
  readonly files: string[];
}

const LONG_FLAGS: Readonly<Record<string, string>> = {
  '--reverse': 'r', '--numeric-sort': 'n', '--unique': 'u', '--stable': 's', '--ignore-case': 'f', '--human-numeric-sort': 'h', '--version-sort': 'V',
  '--general-numeric-sort': 'g', '--month-sort': 'M', '--ignore-leading-blanks': 'b', '--dictionary-order': 'd', '--ignore-nonprinting': 'i',
  '--check': 'c', '--merge': 'm', '--zero-terminated': 'z',
};
const WITH_VALUE = 'ktoTS';

function usage(message: string): ExecResult {
  return { stdout: '', stderr: `sort: ${message}\nTry 'sort --help' for more information.\n`, exitCode: 2 };
}

function parse(args: readonly string[]): SortOptions | ExecResult {
  const options: SortOptions = { global: {}, keys: [], unique: false, stable: false, zero: false, merge: false, files: [] };
  const flag = (letter: string): string | undefined => {
    const ordering = orderingLetter(letter);
    if (ordering) options.global[ordering] = true;
    else if (letter === 'u') options.unique = true;
    else if (letter === 's') options.stable = true;
    else if (letter === 'c') options.check = 'loud';
    else if (letter === 'C') options.check = 'quiet';
    else if (letter === 'z') options.zero = true;
    else if (letter === 'm') options.merge = true;
    else return `invalid option -- '${letter}'`;
    return undefined;
  };
  const valued = (letter: string, value: string): string | ExecResult | undefined => {
    if (letter === 'k') {
      const key = parseKey(value);
      // GNU reports a bad key without the usage hint.
      if (typeof key === 'string') return { stdout: '', stderr: `sort: ${key}\n`, exitCode: 2 };
      options.keys.push(key);
    } else if (letter === 't') {
      if (value.length !== 1) return { stdout: '', stderr: `sort: ${value === '' ? 'empty tab' : `multi-character tab '${value}'`}\n`, exitCode: 2 };
      options.separator = value;
    } else if (letter === 'o') options.output = value;
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
    let problem: string | ExecResult | undefined;
    if (arg.startsWith('--')) {
      const [name, value] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const valueLetter = { '--key': 'k', '--field-separator': 't', '--output': 'o', '--temporary-directory': 'T', '--buffer-size': 'S', '--parallel': 'P' }[name];
      if (valueLetter) problem = valued(valueLetter, value ?? args[++i] ?? '');
      else if (LONG_FLAGS[name]) problem = flag(LONG_FLAGS[name]);
      else problem = `unrecognized option '${arg}'`;
    } else {
      for (let at = 1; at < arg.length && problem === undefined; at += 1) {
        const letter = arg[at];
        if (WITH_VALUE.includes(letter)) {
          const value = at + 1 < arg.length ? arg.slice(at + 1) : (args[++i] ?? '');
          problem = valued(letter, value);
          break;
        }
        problem = flag(letter);
      }
    }
    if (typeof problem === 'object') return problem;
    if (problem !== undefined) return usage(problem);
  }
  return options;
}

function comparator(options: SortOptions): { keysOnly: (a: string, b: string) => number; full: (a: string, b: string) => number } {
  const keys = options.keys.length > 0 ? options.keys : undefined;
  const keysOnly = (a: string, b: string): number => {
    if (!keys) {
      const result = compareKeys(a, b, options.global);
      return options.global.reverse ? -result : result;
    }
    for (const key of keys) {
      const ordering = hasOwnOrdering(key) ? key.ordering : options.global;
      const result = compareKeys(keyText(a, key, options.separator, options.global.blanks === true), keyText(b, key, options.separator, options.global.blanks === true), ordering);
      if (result !== 0) return ordering.reverse ? -result : result;
    }
    return 0;
  };
  const full = (a: string, b: string): number => {
    const result = keysOnly(a, b);
    if (result !== 0 || options.stable || options.unique) return result;
    // The last resort: the whole lines byte by byte (reversed by a global -r).
    const last = a < b ? -1 : a > b ? 1 : 0;
    return options.global.reverse ? -last : last;
  };
  return { keysOnly, full };
}

/** -m: the files are taken as sorted already and merged line by line, the earlier file first on ties. */
function merged(runs: readonly string[][], compare: (a: string, b: string) => number): string[] {
  const at = runs.map(() => 0);
  const out: string[] = [];
  for (;;) {
    let best = -1;
    for (let r = 0; r < runs.length; r += 1) {
      if (at[r] >= runs[r].length) continue;
      if (best < 0 || compare(runs[r][at[r]], runs[best][at[best]]) < 0) best = r;
    }
    if (best < 0) return out;
    out.push(runs[best][at[best]]);
    at[best] += 1;
  }
}

async function run(args: string[], ctx: Parameters<Command['execute']>[1]): Promise<ExecResult> {
  const options = parse(args);
  if (!('files' in options)) return options;
  const names = options.files.length > 0 ? options.files : ['-'];
  const terminator = options.zero ? '\0' : '\n';
  const lines: string[] = [];
  const origins: string[] = [];
  const runs: string[][] = [];
  for (const name of names) {
    const operand = await readOperand(ctx, name);
    if (!('bytes' in operand)) {
      const verb = operand.directory ? 'read failed' : 'cannot read';
      return { stdout: '', stderr: `sort: ${verb}: ${name}: ${operand.error}\n`, exitCode: 2 };
    }
    const text = operand.bytes.toString('latin1');
    if (text === '') continue;
    const parts = (text.endsWith(terminator) ? text.slice(0, -1) : text).split(terminator);
    lines.push(...parts);
    origins.push(...parts.map(() => name));
    runs.push(parts);
  }
  const { keysOnly, full } = comparator(options);
  if (options.check) {
    for (let i = 1; i < lines.length; i += 1) {
      const order = options.unique ? keysOnly(lines[i - 1], lines[i]) >= 0 : full(lines[i - 1], lines[i]) > 0;
      if (!order) continue;
      const stderr = options.check === 'loud' ? `sort: ${origins[i]}:${i + 1}: disorder: ${lines[i]}\n` : '';
      return { stdout: '', stderr, exitCode: 1 };
    }
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  const sorted = options.merge ? merged(runs, full) : lines.map((line, index) => ({ line, index })).sort((x, y) => full(x.line, y.line) || x.index - y.index).map(({ line }) => line);
  const kept = options.unique ? sorted.filter((line, i) => i === 0 || keysOnly(sorted[i - 1], line) !== 0) : sorted;
  const output = Buffer.from(kept.map((line) => line + terminator).join(''), 'latin1');
  if (options.output === undefined) return bytesResult(output, '', 0);
  try {
    await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, options.output), output);
  } catch (error) {
    return { stdout: '', stderr: `sort: open failed: ${options.output}: ${errorText(error)}\n`, exitCode: 2 };
  }
  return { stdout: '', stderr: '', exitCode: 0 };
}

export const sort: Command = defineCommand('sort', run);
