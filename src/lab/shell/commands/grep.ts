// grep [-v] [-i] [-c] [-E|-F] [-e] PATTERN [FILE...]: basic and extended regular expressions over lines.
import { CommandContext } from '../CommandContext';
import { readInput } from './readInput';

/** Turns a POSIX basic regular expression into a JavaScript one (\( \) \{ \} \| are the grouping forms). */
function fromBasic(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1];
      out += '(){}|+?'.includes(next) ? next : `\\${next}`;
      i += 1;
    } else out += '(){}|+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

export function grep(context: CommandContext): number {
  let invert = false;
  let ignoreCase = false;
  let count = false;
  let mode: 'basic' | 'extended' | 'fixed' = 'basic';
  let pattern: string | undefined;
  const files: string[] = [];
  const args = context.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-e') pattern = args[++i];
    else if (arg.startsWith('-') && arg.length > 1 && pattern === undefined) {
      for (const flag of arg.slice(1)) {
        if (flag === 'v') invert = true;
        else if (flag === 'i') ignoreCase = true;
        else if (flag === 'c') count = true;
        else if (flag === 'E') mode = 'extended';
        else if (flag === 'F') mode = 'fixed';
        else {
          context.stderr.write(`grep: invalid option -- '${flag}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
          return 2;
        }
      }
    } else if (pattern === undefined) pattern = arg;
    else files.push(arg);
  }
  if (pattern === undefined) {
    context.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  const source = mode === 'fixed' ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : mode === 'basic' ? fromBasic(pattern) : pattern;
  const regex = new RegExp(source, ignoreCase ? 'i' : '');
  let matched = false;
  let trouble = false;
  const names = files.length > 0 ? files : ['-'];
  for (const name of names) {
    const data = readInput(context, name);
    if (typeof data === 'string') {
      context.stderr.write(`grep: ${name}: ${data}\n`);
      trouble = true;
      continue;
    }
    const text = data.toString('utf8');
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text === '' ? [] : text.split('\n');
    const selected = lines.filter((line) => regex.test(line) !== invert);
    if (selected.length > 0) matched = true;
    const prefix = names.length > 1 ? `${name}:` : '';
    if (count) context.stdout.write(`${prefix}${selected.length}\n`);
    else if (selected.length > 0) context.stdout.write(selected.map((line) => `${prefix}${line}\n`).join(''));
  }
  return trouble ? 2 : matched ? 0 : 1;
}
