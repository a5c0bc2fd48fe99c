// sha256sum: "<hex>  <name>" per file, "-" for stdin.
import { createHash } from 'node:crypto';
import { CommandContext } from '../CommandContext';
import { readInput } from './readInput';

export function sha256sum(context: CommandContext): number {
  const names = context.argv.slice(1).filter((arg) => arg === '-' || !arg.startsWith('-'));
  let status = 0;
  for (const name of names.length > 0 ? names : ['-']) {
    const data = readInput(context, name);
    if (typeof data === 'string') {
      context.stderr.write(`sha256sum: ${name}: ${data}\n`);
      status = 1;
      continue;
    }
    context.stdout.write(`${createHash('sha256').update(data).digest('hex')}  ${name}\n`);
  }
  return status;
}
