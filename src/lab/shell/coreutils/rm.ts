// rm: adds GNU's -d / --dir (remove empty folders); every other form is just-bash's rm.
import { type Command, defineCommand } from 'just-bash';
import { errorText } from './operands';
import { runShadowed } from './shadowed';

export const rm: Command = defineCommand('rm', async (args, ctx) => {
  const options = args.filter((arg) => arg.startsWith('-') && arg !== '-' && arg !== '--');
  const dirOption = options.some((arg) => arg === '--dir' || (!arg.startsWith('--') && arg.includes('d')));
  if (!dirOption) return runShadowed('rm', args, ctx);
  const rest = options.map((arg) => (arg.startsWith('--') ? arg : `-${arg.slice(1).replace(/d/g, '')}`)).filter((arg) => arg !== '-' && arg !== '--dir');
  const recursive = rest.some((arg) => arg === '--recursive' || (!arg.startsWith('--') && /[rR]/.test(arg)));
  const operands = args.filter((arg) => !arg.startsWith('-') || arg === '-');
  let stderr = '';
  let exitCode = 0;
  const others: string[] = [];
  for (const name of operands) {
    const path = ctx.fs.resolvePath(ctx.cwd, name);
    const stat = await ctx.fs.lstat(path).catch(() => undefined);
    if (recursive || !stat?.isDirectory) {
      others.push(name);
      continue;
    }
    if ((await ctx.fs.readdir(path)).length > 0) {
      stderr += `rm: cannot remove '${name}': Directory not empty\n`;
      exitCode = 1;
      continue;
    }
    try {
      await ctx.fs.rm(path);
    } catch (error) {
      stderr += `rm: cannot remove '${name}': ${errorText(error)}\n`;
      exitCode = 1;
    }
  }
  if (others.length === 0) return { stdout: '', stderr, exitCode };
  const result = await runShadowed('rm', [...rest, '--', ...others], ctx);
  return { ...result, stderr: stderr + result.stderr, exitCode: result.exitCode || exitCode };
});
