// yum / dnf `install` and `update` on the emulated client: packages come from the image's repositories (clientPackages.ts) and stay installed.
import { CommandContext, InstalledPackage } from '../CommandContext';
import { REPOSITORY_PACKAGES } from '../clientPackages';
import { PlannedPackage, confirmPrompt, transactionHead, transactionRun } from './yumTransaction';

const ASSUME_YES = new Set(['-y', '--assumeyes']);

function assumeYes(context: CommandContext): boolean {
  return context.argv.some((arg) => ASSUME_YES.has(arg) || (/^-[a-zA-Z]+$/.test(arg) && arg.includes('y')));
}

/** The answer to `Is this ok`: the first line of stdin (Run Command gives none, which is no). Input is not echoed. */
function answeredYes(context: CommandContext): boolean {
  const answer = context.stdin.toString('utf8').split('\n', 1)[0].trim().toLowerCase();
  return answer === 'y' || answer === 'yes';
}

/** yum 3 keeps a declined transaction in /tmp under a name with the date and six random letters. */
function savedTransactionName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const letters = Array.from({ length: 6 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 52)]).join('');
  return `/tmp/yum_save_tx.${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}.${pad(now.getUTCHours())}-${pad(now.getUTCMinutes())}.${letters}.yumtx`;
}

export function yumInstall(context: CommandContext, tool: string, names: readonly string[]): number {
  const { host } = context;
  if (context.user !== 'root') {
    context.stderr.write(tool === 'yum' ? 'You need to be root to perform this command.\n' : 'Error: This command has to be run with superuser privileges (under the root user on most systems).\n');
    return 1;
  }
  if (tool === 'yum') context.stdout.write('Loaded plugins: extras_suggestions, langpacks, priorities, update-motd\n');
  const found = (name: string): InstalledPackage | undefined => host.packages.find((p) => p.name === name || `${p.name}.${p.arch}` === name);
  const arch = host.packages.find((p) => p.arch !== 'noarch')?.arch ?? 'x86_64';
  const present: InstalledPackage[] = [];
  const plan: PlannedPackage[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const installed = found(name);
    const bare = name.endsWith(`.${arch}`) ? name.slice(0, -arch.length - 1) : name;
    const offered = REPOSITORY_PACKAGES[host.os][bare];
    if (installed) present.push(installed);
    else if (offered && !plan.some((p) => p.name === bare)) plan.push({ name: bare, arch, offered });
    else if (!offered) missing.push(name);
  }
  if (tool === 'yum') {
    for (const name of missing) context.stdout.write(name.includes('/') ? `Cannot open: ${name}. Skipping.\n` : `No package ${name} available.\n`);
    for (const p of present) context.stdout.write(`Package ${p.name}-${p.version.replace(/^\d+:/, '')}.${p.arch} already installed and latest version\n`);
  } else {
    for (const p of present) context.stdout.write(`Package ${p.name}-${p.version.replace(/^\d+:/, '')}.${p.arch} is already installed.\n`);
    // dnf refuses the whole transaction when a name has no match, unless told to skip what it cannot find.
    if (missing.length > 0 && !context.argv.includes('--skip-broken')) {
      for (const name of missing) context.stdout.write(`No match for argument: ${name}\n`);
      context.stderr.write(`Error: Unable to find a match: ${missing.join(' ')}\n`);
      return 1;
    }
  }
  if (plan.length === 0) {
    if (tool === 'yum' && present.length === 0) {
      context.stderr.write('Error: Nothing to do\n');
      return 1;
    }
    context.stdout.write(tool === 'yum' ? 'Nothing to do\n' : 'Dependencies resolved.\nNothing to do.\nComplete!\n');
    return 0;
  }
  context.stdout.write(transactionHead(host.os, plan));
  if (!assumeYes(context)) context.stdout.write(confirmPrompt(host.os));
  if (!assumeYes(context) && !answeredYes(context)) {
    if (tool === 'yum') {
      context.stdout.write(`Exiting on user command\nYour transaction was saved, rerun it with:\n yum load-transaction ${savedTransactionName(host.now())}\n`);
    } else context.stdout.write('Operation aborted.\n');
    return 1;
  }
  const installed = host.installPackages(plan.map((p) => p.name));
  context.stdout.write(transactionRun(host.os, installed, plan));
  return 0;
}

/** `update` / `upgrade`: the lab's repositories carry nothing newer than what is installed. */
export function yumUpdate(context: CommandContext, tool: string): number {
  if (context.user !== 'root') return yumInstall(context, tool, []);
  context.stdout.write(tool === 'yum' ? 'Loaded plugins: extras_suggestions, langpacks, priorities, update-motd\nNo packages marked for update\n' : 'Dependencies resolved.\nNothing to do.\nComplete!\n');
  return 0;
}
