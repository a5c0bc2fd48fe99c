// head: the first N lines (-n N, -N) or bytes (-c N) of files or stdin.
import { CommandContext } from '../CommandContext';
import { readInput } from './readInput';

export function head(context: CommandContext): number {
  let lines = 10;
  let bytes: number | undefined;
  const names: string[] = [];
  const args = context.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const value = (inline: string) => (inline !== '' ? inline : (args[++i] ?? ''));
    if (/^-\d+$/.test(arg)) lines = Number(arg.slice(1));
    else if (arg.startsWith('-n')) lines = Number(value(arg.slice(2)));
    else if (arg.startsWith('-c')) bytes = Number(value(arg.slice(2)));
    else names.push(arg);
  }
  if (!Number.isFinite(lines) || (bytes !== undefined && !Number.isFinite(bytes))) {
    context.stderr.write('head: invalid number of lines\n');
    return 1;
  }
  let status = 0;
  const list = names.length > 0 ? names : ['-'];
  list.forEach((name, index) => {
    const data = readInput(context, name, bytes ?? 1 << 20);
    if (typeof data === 'string') {
      context.stderr.write(`head: cannot open '${name}' for reading: ${data}\n`);
      status = 1;
      return;
    }
    if (list.length > 1) context.stdout.write(`${index > 0 ? '\n' : ''}==> ${name} <==\n`);
    if (bytes !== undefined) {
      context.stdout.write(data.subarray(0, bytes));
      return;
    }
    let end = 0;
    for (let n = 0; n < lines && end < data.length; n += 1) {
      const next = data.indexOf(10, end);
      end = next < 0 ? data.length : next + 1;
    }
    context.stdout.write(data.subarray(0, end));
  });
  return status;
}
