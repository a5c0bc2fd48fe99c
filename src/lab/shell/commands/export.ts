// export NAME=value... (sh builtin): sets variables for the shell and the commands it runs (e.g. TAPE for mt and tar).
import { CommandContext } from '../CommandContext';

export function exportCommand(context: CommandContext): number {
  for (const arg of context.argv.slice(1)) {
    const at = arg.indexOf('=');
    if (at > 0) context.setEnv(arg.slice(0, at), arg.slice(at + 1));
    else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg)) {
      context.stderr.write(`sh: export: \`${arg}': not a valid identifier\n`);
      return 1;
    }
  }
  return 0;
}
