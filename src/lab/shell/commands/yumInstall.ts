// yum / dnf `install` and `update` on the emulated client: the repositories' answers for a host whose packages are fixed at boot.
import { CommandContext, InstalledPackage } from '../CommandContext';

/**
 * The lab settles what an instance's user data installs when the instance boots (its packages are fixed then), so here
 * `install` reports each name as yum 3 (AL2) or dnf (AL2023) does for a package already present or absent from the repositories.
 */
export function yumInstall(context: CommandContext, tool: string, names: readonly string[]): number {
  if (context.user !== 'root') {
    context.stderr.write(tool === 'yum' ? 'You need to be root to perform this command.\n' : 'Error: This command has to be run with superuser privileges (under the root user on most systems).\n');
    return 1;
  }
  const found = (name: string): InstalledPackage | undefined => context.host.packages.find((p) => p.name === name || `${p.name}.${p.arch}` === name);
  const present = names.map(found).filter((p): p is InstalledPackage => p !== undefined);
  const missing = names.filter((name) => !found(name));
  if (tool === 'yum') {
    for (const name of missing) context.stdout.write(name.includes('/') ? `Cannot open: ${name}. Skipping.\n` : `No package ${name} available.\n`);
    for (const p of present) context.stdout.write(`Package ${p.name}-${p.version.replace(/^\d+:/, '')}.${p.arch} already installed and latest version\n`);
    if (present.length === 0) {
      context.stderr.write('Error: Nothing to do\n');
      return 1;
    }
    context.stdout.write('Nothing to do\n');
    return 0;
  }
  for (const p of present) context.stdout.write(`Package ${p.name}-${p.version.replace(/^\d+:/, '')}.${p.arch} is already installed.\n`);
  if (missing.length > 0 && !context.argv.includes('--skip-broken')) {
    for (const name of missing) context.stdout.write(`No match for argument: ${name}\n`);
    context.stderr.write(`Error: Unable to find a match: ${missing.join(' ')}\n`);
    return 1;
  }
  context.stdout.write('Dependencies resolved.\nNothing to do.\nComplete!\n');
  return 0;
}

/** `update` / `upgrade`: the lab's repositories carry nothing newer than what is installed. */
export function yumUpdate(context: CommandContext, tool: string): number {
  if (context.user !== 'root') return yumInstall(context, tool, []);
  context.stdout.write(tool === 'yum' ? 'No packages marked for update\n' : 'Dependencies resolved.\nNothing to do.\nComplete!\n');
  return 0;
}
