// su [-|-l|--login] [root]: as root (through sudo) opens a root shell; ssm-user has no password to give.
import { CommandContext } from '../CommandContext';
import { SubshellRequest } from '../ShellSession';

export function su(context: CommandContext): number {
  const args = context.argv.slice(1);
  const login = args.some((arg) => arg === '-' || arg === '-l' || arg === '--login');
  const target = args.find((arg) => !arg.startsWith('-')) ?? 'root';
  if (target !== 'root' && target !== 'ssm-user') {
    context.stderr.write(`su: user ${target} does not exist\n`);
    return 1;
  }
  if (context.user !== 'root') {
    context.stderr.write('Password: \nsu: Authentication failure\n');
    return 1;
  }
  throw new SubshellRequest(target, login);
}
