// cat: a folder operand gives GNU's `cat: NAME: Is a directory` (status 1) and the other operands are still printed, in order.
import { type Command, defineCommand, latin1FromBytes, stdoutAsBytes } from 'just-bash';
import { runShadowed } from './shadowed';
import { bytesResult } from './operands';

export const cat: Command = defineCommand('cat', async (args, ctx) => {
  const operands = args.filter((arg) => !arg.startsWith('-') || arg === '-');
  const isFolder = async (name: string) => name !== '-' && (await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, name)).then((stat) => stat.isDirectory, () => false));
  const folders = await Promise.all(operands.map(isFolder));
  if (!folders.some(Boolean)) return runShadowed('cat', args, ctx);
  const options = args.filter((arg) => arg.startsWith('-') && arg !== '-');
  const stdout: Buffer[] = [];
  let stderr = '';
  let exitCode = 0;
  for (const [index, name] of operands.entries()) {
    if (folders[index]) {
      stderr += `cat: ${name}: Is a directory\n`;
      exitCode = 1;
      continue;
    }
    const result = await runShadowed('cat', [...options, name], ctx);
    stdout.push(Buffer.from(latin1FromBytes(stdoutAsBytes(result)), 'latin1'));
    stderr += result.stderr;
    if (result.exitCode !== 0) exitCode = result.exitCode;
  }
  return bytesResult(Buffer.concat(stdout), stderr, exitCode);
});
