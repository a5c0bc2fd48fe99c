// yum / dnf `list installed [PATTERN...]` (name.arch / version / repo columns), and `install` / `update` (yumInstall.ts).
import { CommandContext } from '../CommandContext';
import { yumInstall, yumUpdate } from './yumInstall';

function matches(pattern: string, name: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(name);
}

export function yum(context: CommandContext): number {
  // On Amazon Linux 2023 yum is dnf (both are links to dnf-3), so it answers as dnf whichever name ran it.
  const tool = context.host.os === 'al2' ? 'yum' : 'dnf';
  const args = context.argv.slice(1).filter((arg) => !arg.startsWith('-'));
  if (args[0] === 'install') return yumInstall(context, tool, args.slice(1));
  if (args[0] === 'update' || args[0] === 'upgrade') return yumUpdate(context, tool);
  if (args[0] !== 'list' || (args[1] !== undefined && args[1] !== 'installed')) {
    context.stderr.write(`${tool}: this lab host answers '${tool} list installed', 'install' and 'update'; its packages are fixed when the instance boots.\n`);
    return 1;
  }
  const patterns = args.slice(2);
  const packages = context.host.packages
    .filter((p) => patterns.length === 0 || patterns.some((pattern) => matches(pattern, p.name) || matches(pattern, `${p.name}.${p.arch}`)))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (tool === 'yum') context.stdout.write('Loaded plugins: extras_suggestions, langpacks, priorities, update-motd\n');
  if (packages.length === 0) {
    context.stderr.write('Error: No matching Packages to list\n');
    return 1;
  }
  // yum 3's list columns (-40, -22, -16): name.arch and version left-aligned, repo last.
  const lines = packages.map((p) => `${`${p.name}.${p.arch}`.padEnd(40)} ${p.version.padEnd(22)} ${p.repo}`);
  context.stdout.write(`Installed Packages\n${lines.join('\n')}\n`);
  return 0;
}
