// mktemp [-d] [-u] [-q] [-p DIR | -t] [--suffix=S] [TEMPLATE]: a new file (0600) or folder (0700) with the template's trailing X's made random.
import { randomInt } from 'node:crypto';
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { errorText } from './operands';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function usage(message: string): ExecResult {
  return { stdout: '', stderr: `mktemp: ${message}\nTry 'mktemp --help' for more information.\n`, exitCode: 1 };
}

export const mktemp: Command = defineCommand('mktemp', async (args, ctx) => {
  let directory = false;
  let dryRun = false;
  let quiet = false;
  let parent: string | undefined;
  let useTmpdir = false;
  let suffix = '';
  const operands: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-d' || arg === '--directory') directory = true;
    else if (arg === '-u' || arg === '--dry-run') dryRun = true;
    else if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg === '-t') useTmpdir = true;
    else if (arg === '-p' || arg === '--tmpdir') parent = args[++i] ?? '';
    else if (arg.startsWith('-p')) parent = arg.slice(2);
    else if (arg.startsWith('--tmpdir=')) parent = arg.slice('--tmpdir='.length);
    else if (arg.startsWith('--suffix=')) suffix = arg.slice('--suffix='.length);
    else if (/^-[duqt]+$/.test(arg)) {
      for (const letter of arg.slice(1)) {
        if (letter === 'd') directory = true;
        else if (letter === 'u') dryRun = true;
        else if (letter === 'q') quiet = true;
        else useTmpdir = true;
      }
    } else if (arg.startsWith('-') && arg !== '-') return usage(`invalid option -- '${arg.slice(1, 2)}'`);
    else operands.push(arg);
  }
  if (operands.length > 1) return usage(`too many templates`);
  const template = (operands[0] ?? 'tmp.XXXXXXXXXX') + suffix;
  const xs = /X*$/.exec(operands[0] ?? 'tmp.XXXXXXXXXX')?.[0].length ?? 0;
  if (xs < 3) return { stdout: '', stderr: quiet ? '' : `mktemp: too few X's in template '${template}'\n`, exitCode: 1 };
  const base = operands[0] === undefined || parent !== undefined || useTmpdir ? (parent || ctx.env.get('TMPDIR') || '/tmp') : undefined;
  if (base !== undefined && operands[0]?.includes('/')) return usage(`invalid template, '${template}', contains directory separator`);
  const stem = template.slice(0, template.length - suffix.length - xs);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const name = stem + Array.from({ length: xs }, () => LETTERS[randomInt(LETTERS.length)]).join('') + suffix;
    const shown = base === undefined ? name : `${base.replace(/\/+$/, '')}/${name}`;
    const path = ctx.fs.resolvePath(ctx.cwd, shown);
    if (await ctx.fs.exists(path)) continue;
    if (dryRun) return { stdout: `${shown}\n`, stderr: '', exitCode: 0 };
    try {
      if (directory) {
        await ctx.fs.mkdir(path);
        await ctx.fs.chmod(path, 0o700);
      } else {
        await ctx.fs.writeFile(path, '');
        await ctx.fs.chmod(path, 0o600);
      }
    } catch (error) {
      const what = directory ? 'directory' : 'file';
      return { stdout: '', stderr: quiet ? '' : `mktemp: failed to create ${what} via template '${shown.slice(0, shown.length - name.length) + template}': ${errorText(error)}\n`, exitCode: 1 };
    }
    return { stdout: `${shown}\n`, stderr: '', exitCode: 0 };
  }
  return { stdout: '', stderr: `mktemp: failed to create file via template '${template}': File exists\n`, exitCode: 1 };
});
