// uniq [-c] [-d|-D|-u] [-i] [-f N] [-s N] [-w N] [-z] [INPUT [OUTPUT]]: GNU uniq (adjacent lines, `%7d ` counts, fields and characters skipped).
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { bytesResult, errorText, readOperand } from './operands';

interface UniqOptions {
  count: boolean;
  repeated: boolean;
  allRepeated: boolean;
  unique: boolean;
  ignoreCase: boolean;
  fields: number;
  chars: number;
  width: number;
  zero: boolean;
  readonly files: string[];
}

function usage(message: string): ExecResult {
  return { stdout: '', stderr: `uniq: ${message}\nTry 'uniq --help' for more information.\n`, exitCode: 1 };
}

function parse(args: readonly string[]): UniqOptions | ExecResult {
  const options: UniqOptions = { count: false, repeated: false, allRepeated: false, unique: false, ignoreCase: false, fields: 0, chars: 0, width: Number.POSITIVE_INFINITY, zero: false, files: [] };
  const number = (letter: string, value: string | undefined): ExecResult | undefined => {
    if (value === undefined || !/^\d+$/.test(value)) return { stdout: '', stderr: `uniq: ${value ?? ''}: invalid number of ${letter === 'f' ? 'fields' : 'bytes'} to ${letter === 'w' ? 'compare' : 'skip'}\n`, exitCode: 1 };
    if (letter === 'f') options.fields = Number(value);
    else if (letter === 's') options.chars = Number(value);
    else options.width = Number(value);
    return undefined;
  };
  const long: Readonly<Record<string, string>> = { '--count': 'c', '--repeated': 'd', '--all-repeated': 'D', '--unique': 'u', '--ignore-case': 'i', '--zero-terminated': 'z' };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-' || !arg.startsWith('-')) {
      options.files.push(arg);
      continue;
    }
    const longValue = /^--(skip-fields|skip-chars|check-chars)=(.*)$/.exec(arg);
    if (longValue) {
      const problem = number({ 'skip-fields': 'f', 'skip-chars': 's', 'check-chars': 'w' }[longValue[1]] ?? 'f', longValue[2]);
      if (problem) return problem;
      continue;
    }
    const letters = arg.startsWith('--') ? (long[arg] ?? '') : arg.slice(1);
    if (letters === '') return usage(`unrecognized option '${arg}'`);
    for (let at = 0; at < letters.length; at += 1) {
      const letter = letters[at];
      if ('fsw'.includes(letter)) {
        const problem = number(letter, at + 1 < letters.length ? letters.slice(at + 1) : args[++i]);
        if (problem) return problem;
        break;
      }
      if (letter === 'c') options.count = true;
      else if (letter === 'd') options.repeated = true;
      else if (letter === 'D') options.allRepeated = true;
      else if (letter === 'u') options.unique = true;
      else if (letter === 'i') options.ignoreCase = true;
      else if (letter === 'z') options.zero = true;
      else return usage(`invalid option -- '${letter}'`);
    }
  }
  return options;
}

function comparable(line: string, options: UniqOptions): string {
  let at = 0;
  for (let field = 0; field < options.fields; field += 1) {
    while (at < line.length && (line[at] === ' ' || line[at] === '\t')) at += 1;
    while (at < line.length && line[at] !== ' ' && line[at] !== '\t') at += 1;
  }
  const key = line.slice(at + options.chars, Number.isFinite(options.width) ? at + options.chars + options.width : undefined);
  return options.ignoreCase ? key.toLowerCase() : key;
}

export const uniq: Command = defineCommand('uniq', async (args, ctx) => {
  const options = parse(args);
  if (!('files' in options)) return options;
  if (options.files.length > 2) return usage(`extra operand '${options.files[2]}'`);
  if (options.count && options.allRepeated) return usage('printing all duplicated lines and repeat counts is meaningless');
  const input = await readOperand(ctx, options.files[0] ?? '-');
  if (!('bytes' in input)) return { stdout: '', stderr: `uniq: ${options.files[0]}: ${input.error}\n`, exitCode: 1 };
  const terminator = options.zero ? '\0' : '\n';
  const text = input.bytes.toString('latin1');
  const lines = text === '' ? [] : (text.endsWith(terminator) ? text.slice(0, -1) : text).split(terminator);
  let out = '';
  for (let start = 0; start < lines.length; ) {
    const key = comparable(lines[start], options);
    let end = start + 1;
    while (end < lines.length && comparable(lines[end], options) === key) end += 1;
    const size = end - start;
    if (options.allRepeated) {
      if (size > 1) for (let i = start; i < end; i += 1) out += lines[i] + terminator;
    } else if (!(options.repeated && size < 2) && !(options.unique && size > 1)) {
      out += (options.count ? `${String(size).padStart(7)} ` : '') + lines[start] + terminator;
    }
    start = end;
  }
  const output = Buffer.from(out, 'latin1');
  if (options.files[1] === undefined || options.files[1] === '-') return bytesResult(output, '', 0);
  try {
    await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, options.files[1]), output);
  } catch (error) {
    return { stdout: '', stderr: `uniq: ${options.files[1]}: ${errorText(error)}\n`, exitCode: 1 };
  }
  return { stdout: '', stderr: '', exitCode: 0 };
});
