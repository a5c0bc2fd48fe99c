// mkdir [-p] [-v] [-m MODE] DIR...: GNU mkdir (each folder -p creates is reported by -v; -m sets the last folder's mode).
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { errorText, missingOperand } from './operands';

function usage(message: string): ExecResult {
  return { stdout: '', stderr: `mkdir: ${message}\nTry 'mkdir --help' for more information.\n`, exitCode: 1 };
}

export const mkdir: Command = defineCommand('mkdir', async (args, ctx): Promise<ExecResult> => {
  let parents = false;
  let verbose = false;
  let mode: number | undefined;
  const names: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--') {
      names.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--parents') parents = true;
    else if (arg === '--verbose') verbose = true;
    else if (arg.startsWith('--mode=') || arg === '-m' || (arg.startsWith('-m') && !arg.startsWith('--'))) {
      const text = arg === '-m' ? (args[++i] ?? '') : arg.startsWith('--mode=') ? arg.slice(7) : arg.slice(2);
      if (!/^[0-7]{1,4}$/.test(text)) return usage(`invalid mode '${text}'`);
      mode = Number.parseInt(text, 8);
    } else if (/^-[pv]+$/.test(arg)) {
      if (arg.includes('p')) parents = true;
      if (arg.includes('v')) verbose = true;
    } else if (arg.startsWith('-') && arg !== '-') return usage(`invalid option -- '${arg.slice(1, 2)}'`);
    else names.push(arg);
  }
  if (names.length === 0) return { stdout: '', stderr: missingOperand('mkdir'), exitCode: 1 };
  let stdout = '';
  let stderr = '';
  for (const name of names) {
    const path = ctx.fs.resolvePath(ctx.cwd, name);
    try {
      if (parents) {
        const parts = name.split('/');
        for (let n = 1; n <= parts.length; n += 1) {
          const shown = parts.slice(0, n).join('/');
          if (shown === '' || parts[n - 1] === '' || parts[n - 1] === '.') continue;
          const at = ctx.fs.resolvePath(ctx.cwd, shown);
          const stat = await ctx.fs.stat(at).catch(() => undefined);
          if (stat?.isDirectory) continue;
          await ctx.fs.mkdir(at);
          if (verbose) stdout += `mkdir: created directory '${n === parts.length || parts.slice(n).every((part) => part === '') ? name : shown}'\n`;
        }
      } else {
        await ctx.fs.mkdir(path);
        if (verbose) stdout += `mkdir: created directory '${name}'\n`;
      }
      if (mode !== undefined) await ctx.fs.chmod(path, mode);
    } catch (error) {
      stderr += `mkdir: cannot create directory '${name}': ${errorText(error)}\n`;
    }
  }
  return { stdout, stderr, exitCode: stderr === '' ? 0 : 1 };
});
