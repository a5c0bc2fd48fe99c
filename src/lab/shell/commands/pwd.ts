// pwd (sh builtin).
import { CommandContext } from '../CommandContext';

export function pwd(context: CommandContext): number {
  context.stdout.write(`${context.cwd}\n`);
  return 0;
}
