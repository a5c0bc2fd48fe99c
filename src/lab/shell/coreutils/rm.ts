// rm: adds GNU's -d / --dir (remove empty folders) and -i (rmInteractive.ts); every other form is just-bash's rm.
import { type Command, defineCommand } from 'just-bash';
import { errorText } from './operands';
import { removeInteractively } from './rmInteractive';
import { runShadowed } from './shadowed';

export const rm: Command = defineCommand('rm', async (given, ctx) => {
  const options = given.filter((arg) => arg.startsWith('-') && arg !== '-' && arg !== '--');
  // -i asks before each removal; a later -f turns the questions off again, as in GNU's rm.
  const lastMode = options.flatMap((arg) => (arg === '--interactive' || arg === '--interactive=always' ? ['i'] : arg === '--force' ? ['f'] : arg.startsWith('--') ? [] : [...arg.slice(1)].filter((letter) => letter === 'i' || letter === 'f'))).pop();
  if (lastMode === 'i') {
    const recursive = options.some((arg) => arg === '--recursive' || (!arg.startsWith('--') && /[rR]/.test(arg)));
    return removeInteractively(given.filter((arg) => !arg.startsWith('-') || arg === '-'), recursive, ctx);
  }
  // An -i overridden by a later -f: just-bash's rm knows neither form, so it is dropped.
  const args = given.flatMap((arg) => {
    if (/^--interactive/.test(arg)) return [];
    if (!/^-[a-zA-Z]+$/.test(arg)) return [arg];
    const rest = arg.replace(/i/g, '');
    return rest === '-' ? [] : [rest];
  });
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
