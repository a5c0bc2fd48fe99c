// rm -i: GNU's prompt before each removal (`remove regular file 'f'? `, `descend into directory 'd'? `), answered by lines of stdin.
import { type Command, type ExecResult } from 'just-bash';
import { errorText, stdinBytes } from './operands';

type Ctx = Parameters<Command['execute']>[1];

export async function removeInteractively(operands: readonly string[], recursive: boolean, ctx: Ctx): Promise<ExecResult> {
  const answers = stdinBytes(ctx).toString('latin1').split('\n');
  let stderr = '';
  let status = 0;
  const ask = (question: string): boolean => {
    stderr += `rm: ${question}? `;
    return /^[yY]/.test(answers.shift() ?? '');
  };
  const remove = async (name: string): Promise<void> => {
    const path = ctx.fs.resolvePath(ctx.cwd, name);
    const stat = await ctx.fs.lstat(path).catch((error: unknown) => errorText(error));
    if (typeof stat === 'string') {
      stderr += `rm: cannot remove '${name}': ${stat}\n`;
      status = 1;
      return;
    }
    if (stat.isDirectory) {
      if (!recursive) {
        stderr += `rm: cannot remove '${name}': Is a directory\n`;
        status = 1;
        return;
      }
      const children = await ctx.fs.readdir(path);
      if (children.length > 0) {
        if (!ask(`descend into directory '${name}'`)) return;
        for (const child of children) await remove(`${name.replace(/\/+$/, '')}/${child}`);
      }
      if (!ask(`remove directory '${name}'`)) return;
    } else {
      const kind = stat.isSymbolicLink ? 'symbolic link' : stat.size === 0 ? 'regular empty file' : 'regular file';
      if (!ask(`remove ${kind} '${name}'`)) return;
    }
    try {
      await ctx.fs.rm(path, { recursive: false });
    } catch (error) {
      stderr += `rm: cannot remove '${name}': ${errorText(error)}\n`;
      status = 1;
    }
  };
  for (const name of operands) await remove(name);
  return { stdout: '', stderr, exitCode: status };
}
