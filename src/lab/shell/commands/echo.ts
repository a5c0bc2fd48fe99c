// echo (sh builtin): -n drops the newline, -e interprets \n and \t.
import { CommandContext } from '../CommandContext';

export function echo(context: CommandContext): number {
  let args = context.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  context.stdout.write(newline ? `${text}\n` : text);
  return 0;
}
