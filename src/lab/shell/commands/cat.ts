// cat: concatenates files (or stdin, or "-") to stdout.
import { CommandContext } from '../CommandContext';
import { readInput } from './readInput';

export function cat(context: CommandContext): number {
  const names = context.argv.slice(1).filter((arg) => arg === '-' || !arg.startsWith('-'));
  let status = 0;
  for (const name of names.length > 0 ? names : ['-']) {
    const result = readInput(context, name);
    if (typeof result === 'string') {
      context.stderr.write(`cat: ${name}: ${result}\n`);
      status = 1;
    } else context.stdout.write(result);
  }
  return status;
}
