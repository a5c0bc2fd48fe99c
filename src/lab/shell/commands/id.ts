// id and whoami: the client's two users as Amazon Linux creates them (root 0, ssm-user 1001 made by the SSM agent).
import { CommandContext, ShellUser } from '../CommandContext';

const IDS: Readonly<Record<ShellUser, number>> = { root: 0, 'ssm-user': 1001 };

export function id(context: CommandContext): number {
  const args = context.argv.slice(1);
  const named = args.find((arg) => !arg.startsWith('-'));
  if (named !== undefined && !(named in IDS)) {
    context.stderr.write(`id: ‘${named}’: no such user\n`);
    return 1;
  }
  const user = (named ?? context.user) as ShellUser;
  const number = IDS[user];
  const flags = args.filter((arg) => arg.startsWith('-')).join('');
  const byName = flags.includes('n');
  if (flags.includes('u') || flags.includes('g')) context.stdout.write(`${byName ? user : number}\n`);
  else if (flags.includes('G')) context.stdout.write(`${byName ? user : number}\n`);
  else context.stdout.write(`uid=${number}(${user}) gid=${number}(${user}) groups=${number}(${user})\n`);
  return 0;
}

export function whoami(context: CommandContext): number {
  if (context.argv.length > 1) {
    context.stderr.write(`whoami: extra operand ‘${context.argv[1]}’\nTry 'whoami --help' for more information.\n`);
    return 1;
  }
  context.stdout.write(`${context.user}\n`);
  return 0;
}
