// basename and dirname as GNU coreutils has them: `/` stays `/`, trailing slashes go, -a / -s / -z.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { missingOperand } from './operands';

function baseOf(name: string, suffix: string): string {
  if (name === '') return '';
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return suffix && base !== suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base;
}

function dirOf(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return name.startsWith('/') ? '/' : '.';
  const at = trimmed.lastIndexOf('/');
  if (at < 0) return '.';
  const dir = trimmed.slice(0, at).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

function options(tool: string, args: string[], withValue: string): { flags: Set<string>; values: Map<string, string>; operands: string[] } | ExecResult {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    const long = /^--(multiple|zero|suffix)(?:=(.*))?$/.exec(arg);
    if (long) {
      const letter = { multiple: 'a', zero: 'z', suffix: 's' }[long[1] as 'multiple' | 'zero' | 'suffix'];
      if (letter === 's') values.set('s', long[2] ?? args[++i] ?? '');
      else flags.add(letter);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let at = 1; at < arg.length; at++) {
      const letter = arg[at];
      if (withValue.includes(letter)) {
        values.set(letter, at + 1 < arg.length ? arg.slice(at + 1) : (args[++i] ?? ''));
        break;
      }
      if (!'az'.includes(letter) || (tool === 'dirname' && letter !== 'z')) {
        return { stdout: '', stderr: `${tool}: invalid option -- '${letter}'\nTry '${tool} --help' for more information.\n`, exitCode: 1 };
      }
      flags.add(letter);
    }
  }
  return { flags, values, operands };
}

export const basename: Command = defineCommand('basename', async (args) => {
  const parsed = options('basename', args, 's');
  if ('exitCode' in parsed) return parsed;
  const { flags, values, operands } = parsed;
  if (operands.length === 0) return { stdout: '', stderr: missingOperand('basename'), exitCode: 1 };
  const multiple = flags.has('a') || values.has('s');
  if (!multiple && operands.length > 2) return { stdout: '', stderr: `basename: extra operand '${operands[2]}'\nTry 'basename --help' for more information.\n`, exitCode: 1 };
  const end = flags.has('z') ? '\0' : '\n';
  const names = multiple ? operands : [operands[0]];
  const suffix = values.get('s') ?? (multiple ? '' : (operands[1] ?? ''));
  return { stdout: names.map((name) => baseOf(name, suffix) + end).join(''), stderr: '', exitCode: 0 };
});

export const dirname: Command = defineCommand('dirname', async (args) => {
  const parsed = options('dirname', args, '');
  if ('exitCode' in parsed) return parsed;
  if (parsed.operands.length === 0) return { stdout: '', stderr: missingOperand('dirname'), exitCode: 1 };
  const end = parsed.flags.has('z') ? '\0' : '\n';
  return { stdout: parsed.operands.map((name) => dirOf(name) + end).join(''), stderr: '', exitCode: 0 };
});
