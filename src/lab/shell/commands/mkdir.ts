// mkdir [-p] DIR...
import { CommandContext } from '../CommandContext';
import { FsError, absolutePath } from '../VirtualFileSystem';
import { canWrite } from '../ShellSession';

export function mkdir(context: CommandContext): number {
  const args = context.argv.slice(1);
  const parents = args.some((arg) => /^-[a-z]*p/.test(arg) || arg === '--parents');
  let status = 0;
  for (const dir of args.filter((arg) => !arg.startsWith('-'))) {
    try {
      // The nearest existing ancestor must be writable.
      let ancestor = absolutePath(`${dir}/..`, context.cwd);
      while (parents && ancestor !== '/' && !context.host.fs.tryResolve(ancestor, '/')) ancestor = absolutePath(`${ancestor}/..`, '/');
      const parent = context.host.fs.tryResolve(ancestor, '/');
      if (parent && !context.host.fs.tryResolve(dir, context.cwd) && !canWrite(context.user, parent.node)) throw new FsError('EACCES');
      context.host.fs.mkdir(dir, context.cwd, context.user, 0o755, parents);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      context.stderr.write(`mkdir: cannot create directory '${dir}': ${error.message}\n`);
      status = 1;
    }
  }
  return status;
}
