// cp's and mv's checks of a single source's destination before just-bash's tool runs: GNU's messages for a missing folder, a trailing slash, the same file.
import { posix } from 'node:path';
import { type Command, type ExecResult } from 'just-bash';

type Ctx = Parameters<Command['execute']>[1];

/** The error GNU's cp or mv gives for `tool SRC DEST`, or undefined when the copy or move can go ahead. */
export async function destinationProblem(ctx: Ctx, tool: 'cp' | 'mv', source: string, destination: string): Promise<ExecResult | undefined> {
  const from = await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, source)).catch(() => undefined);
  if (!from) return undefined;
  const to = await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, destination)).catch(() => undefined);
  const fail = (text: string): ExecResult => ({ stdout: '', stderr: `${tool}: ${text}\n`, exitCode: 1 });
  const cannot = (reason: string) =>
    tool === 'mv' ? fail(`cannot move '${source}' to '${destination}': ${reason}`) : fail(`cannot create ${from.isDirectory ? 'directory' : 'regular file'} '${destination}': ${reason}`);
  if (to?.isDirectory) return undefined;
  if (to && posix.normalize(ctx.fs.resolvePath(ctx.cwd, source)) === posix.normalize(ctx.fs.resolvePath(ctx.cwd, destination))) return fail(`'${source}' and '${destination}' are the same file`);
  if (destination.endsWith('/') && !from.isDirectory) return cannot('Not a directory');
  const parent = posix.dirname(ctx.fs.resolvePath(ctx.cwd, destination.replace(/\/+$/, '')));
  const folder = await ctx.fs.stat(parent).catch(() => undefined);
  if (!folder) return cannot('No such file or directory');
  if (!folder.isDirectory) return cannot('Not a directory');
  return undefined;
}
