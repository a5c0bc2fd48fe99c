// ps, kill, and less/more: the process view of a one-shell host, and pagers that pass text through when there is no terminal to page on.
import { CommandContext } from '../CommandContext';
import { readInput } from './readInput';

/** procps `ps` without options: this terminal's shell and ps itself. */
export function ps(context: CommandContext): number {
  const shellPid = 3000 + (context.host.instanceId.charCodeAt(context.host.instanceId.length - 1) % 100);
  context.stdout.write(`  PID TTY          TIME CMD\n${String(shellPid).padStart(5)} pts/0    00:00:00 bash\n${String(shellPid + 57).padStart(5)} pts/0    00:00:00 ps\n`);
  return 0;
}

/** No other process runs on the emulated host, so every pid is gone. */
export function kill(context: CommandContext): number {
  const pids = context.argv.slice(1).filter((arg) => !arg.startsWith('-'));
  if (pids.length === 0) {
    context.stderr.write('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
    return 2;
  }
  for (const pid of pids) context.stderr.write(/^\d+$/.test(pid) ? `bash: kill: (${pid}) - No such process\n` : `bash: kill: ${pid}: arguments must be process or job IDs\n`);
  return 1;
}

/** less and more write the text unchanged when stdout is not a terminal, which is always so for a command's output here. */
export async function less(context: CommandContext): Promise<number> {
  const names = context.argv.slice(1).filter((arg) => !arg.startsWith('-') || arg === '-');
  let status = 0;
  for (const name of names.length > 0 ? names : ['-']) {
    const data = await readInput(context, name);
    if (typeof data === 'string') {
      context.stderr.write(`${name}: ${data}\n`);
      status = 1;
    } else context.stdout.write(data);
  }
  return status;
}
