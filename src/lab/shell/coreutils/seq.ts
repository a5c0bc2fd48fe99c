// seq: GNU's two-line message when no operand is given; everything else is just-bash's seq.
import { type Command, defineCommand } from 'just-bash';
import { missingOperand } from './operands';
import { runShadowed } from './shadowed';

export const seq: Command = defineCommand('seq', async (args, ctx) => {
  const operands = args.filter((arg) => !/^-[sfw]/.test(arg) && !/^--(separator|format|equal-width)/.test(arg));
  if (args.length === 0 || operands.length === 0) return { stdout: '', stderr: missingOperand('seq'), exitCode: 1 };
  return runShadowed('seq', args, ctx);
});
