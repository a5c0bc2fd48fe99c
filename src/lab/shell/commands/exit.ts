// exit (sh builtin): ends the shell with the given status, or with $? when none is given.
import { CommandContext } from '../CommandContext';
import { ShellExit } from '../ShellSession';

export function exit(context: CommandContext): number {
  const value = context.argv[1];
  throw new ShellExit(value === undefined ? undefined : /^-?\d+$/.test(value) ? Number(value) & 0xff : 2);
}
