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

/** GNU's message for an `s` command whose pattern or replacement is never closed (just-bash's sed runs it anyway). */
function unterminated(args: readonly string[]): ExecResult | undefined {
  const scripts: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '-e' || args[i] === '--expression') scripts.push(args[++i] ?? '');
    else if (args[i] === '-f' || args[i] === '--file' || args[i] === '-l') return undefined;
  }
  if (scripts.length === 0) {
    const first = args.find((arg) => !arg.startsWith('-'));
    if (first === undefined) return undefined;
    scripts.push(first);
  }
  for (const [index, script] of scripts.entries()) {
    const match = /^\s*(?:\d+|\$)?\s*s([^\\\n\w\s])/.exec(script);
    if (!match || script.includes('\n') || script.includes(';')) continue;
    const delimiter = match[1];
    let count = 0;
    for (let at = match[0].length; at < script.length; at += 1) {
      if (script[at] === '\\') at += 1;
      else if (script[at] === delimiter) count += 1;
    }
    if (count < 2) return { stdout: '', stderr: `sed: -e expression #${index + 1}, char ${script.length}: unterminated \`s' command\n`, exitCode: 1 };
  }
  return undefined;
}

export const sed: Command = defineCommand('sed', async (args, ctx): Promise<ExecResult> => {
  const broken = unterminated(args);
  if (broken) return broken;
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
