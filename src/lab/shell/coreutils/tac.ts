// tac [-s SEP] [-b] [FILE...]: records in reverse order, each keeping its separator (a last record without one is joined to the next printed).
import { type Command, defineCommand } from 'just-bash';
import { bytesResult, readOperand } from './operands';

export const tac: Command = defineCommand('tac', async (args, ctx) => {
  let separator = '\n';
  let before = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-s' || arg === '--separator') separator = args[++i] ?? '\n';
    else if (arg.startsWith('--separator=')) separator = arg.slice('--separator='.length);
    else if (arg.startsWith('-s') && arg.length > 2) separator = arg.slice(2);
    else if (arg === '-b' || arg === '--before') before = true;
    else files.push(arg);
  }
  let out = '';
  let stderr = '';
  for (const name of files.length > 0 ? files : ['-']) {
    const operand = await readOperand(ctx, name);
    if (!('bytes' in operand)) {
      stderr += `tac: ${name === '-' ? '-' : `'${name}'`}: ${operand.error}\n`;
      continue;
    }
    const text = operand.bytes.toString('latin1');
    const records: string[] = [];
    let start = 0;
    for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + separator.length)) {
      if (before) {
        if (at > start) records.push(text.slice(start, at));
        start = at;
      } else {
        records.push(text.slice(start, at + separator.length));
        start = at + separator.length;
      }
    }
    if (start < text.length) records.push(text.slice(start));
    out += records.reverse().join('');
  }
  return bytesResult(Buffer.from(out, 'latin1'), stderr, stderr === '' ? 0 : 1);
});
