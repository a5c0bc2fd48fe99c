// sed: adds GNU's -i SUFFIX / --in-place=SUFFIX (a backup of each file before it is edited in place); editing itself is just-bash's sed.
import { posix } from 'node:path';
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { runShadowed } from './shadowed';

/** The files sed will read: the operands after the script (or all of them once -e/-f gave it). */
function fileOperands(args: readonly string[]): string[] {
  let scriptGiven = false;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-e' || arg === '-f' || arg === '--expression' || arg === '--file') {
      scriptGiven = true;
      i += 1;
    } else if (arg === '-l') i += 1;
    else if (/^(-[ef].|--expression=|--file=)/.test(arg)) scriptGiven = true;
    else if (arg === '-' || !arg.startsWith('-')) operands.push(arg);
  }
  return scriptGiven ? operands : operands.slice(1);
}

export const sed: Command = defineCommand('sed', async (args, ctx): Promise<ExecResult> => {
  const at = args.findIndex((arg) => /^-i.+$/.test(arg) || /^--in-place=.+$/.test(arg));
  if (at < 0) return runShadowed('sed', args, ctx);
  const suffix = args[at].startsWith('--') ? args[at].slice('--in-place='.length) : args[at].slice(2);
  const rest = [...args.slice(0, at), '-i', ...args.slice(at + 1)];
  for (const name of fileOperands(rest)) {
    const path = ctx.fs.resolvePath(ctx.cwd, name);
    const data = await ctx.fs.readFileBuffer(path).catch(() => undefined);
    if (data === undefined) continue;
    // A `*` in the suffix stands for the file's name (`-i 'bak/*'`); otherwise the suffix is appended.
    const backup = suffix.includes('*') ? posix.join(posix.dirname(path), suffix.split('*').join(posix.basename(path))) : `${path}${suffix}`;
    await ctx.fs.writeFile(backup, data);
  }
  return runShadowed('sed', rest, ctx);
});
