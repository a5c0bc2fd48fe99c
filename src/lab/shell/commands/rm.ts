// rm [-r] [-f] FILE...
import { CommandContext } from '../CommandContext';
import { FsError } from '../VirtualFileSystem';
import { canWrite } from '../ShellSession';

export function rm(context: CommandContext): number {
  const args = context.argv.slice(1);
  const flags = args.filter((arg) => arg.startsWith('-')).join('');
  const recursive = /[rR]/.test(flags) || args.includes('--recursive');
  const force = flags.includes('f') || args.includes('--force');
  let status = 0;
  for (const name of args.filter((arg) => !arg.startsWith('-'))) {
    try {
      const found = context.host.fs.resolve(name, context.cwd, false);
      if (found.node.kind === 'dir' && !recursive) throw new FsError('EISDIR');
      const parent = context.host.fs.resolve(`${found.path}/..`, '/');
      if (!canWrite(context.user, parent.node)) throw new FsError('EACCES');
      context.host.fs.remove(found.path, '/');
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      if (force && error.code === 'ENOENT') continue;
      context.stderr.write(`rm: cannot remove '${name}': ${error.message}\n`);
      status = 1;
    }
  }
  return status;
}
