// cp: adds GNU's -p / --preserve and -a / --archive (mode and time kept, folders whole) and its destination messages; the copy itself is just-bash's cp.
import { posix } from 'node:path';
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { destinationProblem } from './destination';
import { runShadowed } from './shadowed';

type Ctx = Parameters<Command['execute']>[1];

/** Gives `to` (and everything under it) the mode and time of `from`, children first, so a folder's time is the last set. */
async function keepAttributes(ctx: Ctx, from: string, to: string): Promise<void> {
  const stat = await ctx.fs.lstat(from).catch(() => undefined);
  if (!stat || stat.isSymbolicLink) return;
  if (stat.isDirectory) for (const name of await ctx.fs.readdir(from)) await keepAttributes(ctx, `${from}/${name}`, `${to}/${name}`);
  const time = new Date(stat.mtime.getTime());
  await ctx.fs.chmod(to, stat.mode & 0o7777).catch(() => undefined);
  await ctx.fs.utimes(to, time, time).catch(() => undefined);
}

export const cp: Command = defineCommand('cp', async (args, ctx): Promise<ExecResult> => {
  let preserve = false;
  const passed: string[] = [];
  const operands: string[] = [];
  let optionsDone = false;
  for (const arg of args) {
    if (optionsDone || arg === '-' || !arg.startsWith('-')) {
      operands.push(arg);
      passed.push(arg);
    } else if (arg === '--') {
      optionsDone = true;
      passed.push(arg);
    } else if (arg === '--archive') {
      preserve = true;
      passed.push('-r');
    } else if (arg === '--preserve' || arg.startsWith('--preserve=')) preserve = true;
    else if (!arg.startsWith('--') && /[pa]/.test(arg)) {
      preserve = true;
      const rest = arg.slice(1).replace(/p/g, '').replace(/a/g, 'r');
      if (rest !== '') passed.push(`-${rest}`);
    } else passed.push(arg);
  }
  if (operands.length === 2 && !args.some((arg) => arg === '-t' || arg.startsWith('--target-directory'))) {
    const problem = await destinationProblem(ctx, 'cp', operands[0], operands[1]);
    if (problem) return problem;
  }
  if (!preserve || operands.length < 2) return relativeNames(await runShadowed('cp', preserve ? passed : args, ctx), ctx, operands);
  const destination = operands[operands.length - 1];
  const destinationPath = ctx.fs.resolvePath(ctx.cwd, destination);
  const intoFolder = (await ctx.fs.stat(destinationPath).catch(() => undefined))?.isDirectory === true;
  const result = await runShadowed('cp', passed, ctx);
  for (const source of operands.slice(0, -1)) {
    const target = intoFolder ? `${destinationPath}/${posix.basename(source.replace(/\/+$/, ''))}` : destinationPath;
    await keepAttributes(ctx, ctx.fs.resolvePath(ctx.cwd, source), target);
  }
  return relativeNames(result, ctx, operands);
});

/** -v names the copy as typed (`'a' -> 'b'`); just-bash's cp prints the full path of a relative destination. */
function relativeNames(result: ExecResult, ctx: Ctx, operands: readonly string[]): ExecResult {
  const destination = operands[operands.length - 1];
  if (result.stdout === '' || destination === undefined || destination.startsWith('/')) return result;
  return { ...result, stdout: result.stdout.split(` -> '${ctx.cwd === '/' ? '' : ctx.cwd}/`).join(" -> '") };
}
