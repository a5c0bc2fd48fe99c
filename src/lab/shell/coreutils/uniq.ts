// uniq: just-bash's uniq with `-c` counts in GNU's `%7d ` column.
import { type Command, defineCommand } from 'just-bash';
import { runShadowed } from './shadowed';

export const uniq: Command = defineCommand('uniq', async (args, ctx) => {
  const result = await runShadowed('uniq', args, ctx);
  const options = args.filter((arg) => /^-[a-zA-Z]/.test(arg) || arg === '--count');
  const counting = options.some((arg) => arg === '--count' || (!arg.startsWith('--') && arg.includes('c')));
  if (!counting || result.exitCode !== 0) return result;
  const stdout = result.stdout.replace(/^ *(\d+) /gm, (_, count: string) => `${count.padStart(7)} `);
  return { ...result, stdout };
});
