// cd (sh builtin): no argument goes home.
import { CommandContext } from '../CommandContext';
import { absolutePath } from '../VirtualFileSystem';

export function cd(context: CommandContext): number {
  const target = context.argv[1] ?? context.env.get('HOME') ?? '/';
  const found = context.host.fs.tryResolve(target, context.cwd);
  if (!found) {
    context.stderr.write(`sh: cd: ${target}: No such file or directory\n`);
    return 1;
  }
  if (found.node.kind !== 'dir') {
    context.stderr.write(`sh: cd: ${target}: Not a directory\n`);
    return 1;
  }
  context.chdir(absolutePath(target, context.cwd));
  return 0;
}
