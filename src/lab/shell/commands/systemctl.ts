// systemctl start|stop|restart|status|is-active for the units a client host has (iscsid from iscsi-initiator-utils).
import { CommandContext } from '../CommandContext';

const UNITS: Readonly<Record<string, { description: string; package: string; docs: string[] }>> = {
  iscsid: { description: 'Open-iSCSI', package: 'iscsi-initiator-utils', docs: ['man:iscsid(8)', 'man:iscsiadm(8)'] },
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function since(time: Date, now: Date): string {
  const iso = time.toISOString();
  const ago = Math.max(0, Math.floor((now.getTime() - time.getTime()) / 1000));
  const span = ago >= 60 ? `${Math.floor(ago / 60)}min ${ago % 60}s` : `${ago}s`;
  return `${DAYS[time.getUTCDay()]} ${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC; ${span} ago`;
}

export function systemctl(context: CommandContext): number {
  const [verb, unitArg] = context.argv.slice(1).filter((arg) => !arg.startsWith('-'));
  const name = (unitArg ?? '').replace(/\.service$/, '');
  const unit = UNITS[name];
  const installed = unit !== undefined && context.host.packages.some((p) => p.name === unit.package);
  if (!verb || !unitArg) {
    context.stderr.write('Too few arguments.\n');
    return 1;
  }
  if (!installed) {
    context.stderr.write(verb === 'status' ? `Unit ${name}.service could not be found.\n` : `Failed to ${verb} ${name}.service: Unit not found.\n`);
    return verb === 'status' ? 4 : 5;
  }
  const active = context.host.activeUnits;
  if (verb === 'start' || verb === 'stop' || verb === 'restart') {
    if (context.user !== 'root') {
      context.stderr.write(`Failed to ${verb} ${name}.service: Interactive authentication required.\nSee system logs and 'systemctl status ${name}.service' for details.\n`);
      return 1;
    }
    if (verb === 'stop') active.delete(name);
    else if (verb === 'restart' || !active.has(name)) active.set(name, context.host.now());
    return 0;
  }
  if (verb === 'is-active') {
    context.stdout.write(active.has(name) ? 'active\n' : 'inactive\n');
    return active.has(name) ? 0 : 3;
  }
  if (verb === 'status') {
    const started = active.get(name);
    context.stdout.write(
      [
        // systemd 219 (AL2) marks every unit with ●; newer releases show ○ for inactive ones.
        `${started || context.host.os === 'al2' ? '●' : '○'} ${name}.service - ${unit.description}`,
        `   Loaded: loaded (/usr/lib/systemd/system/${name}.service; disabled; vendor preset: disabled)`,
        `   Active: ${started ? `active (running) since ${since(started, context.host.now())}` : 'inactive (dead)'}`,
        `     Docs: ${unit.docs.join('\n           ')}`,
        '',
      ].join('\n'),
    );
    return started ? 0 : 3;
  }
  context.stderr.write(`Unknown operation '${verb}'.\n`);
  return 1;
}
