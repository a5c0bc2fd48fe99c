// mv: GNU's messages for a destination in a missing folder, with a trailing slash, or the same file; the move itself is just-bash's mv.
import { type Command, defineCommand } from 'just-bash';
import { destinationProblem } from './destination';
import { runShadowed } from './shadowed';

export const mv: Command = defineCommand('mv', async (args, ctx) => {
  const operands = args.filter((arg) => !arg.startsWith('-') || arg === '-');
  if (operands.length === 2 && !args.some((arg) => arg === '-t' || arg.startsWith('--target-directory'))) {
    const problem = await destinationProblem(ctx, 'mv', operands[0], operands[1]);
    if (problem) return problem;
  }
  return runShadowed('mv', args, ctx);
});
