// xargs: GNU's clustered options (`-I{}`, `-n2`, `-0r`) and `-i` (= `-I {}`) handed to just-bash's xargs in the form it reads.
import { type Command, defineCommand } from 'just-bash';
import { runShadowed, splitShortOptions } from './shadowed';

export const xargs: Command = defineCommand('xargs', async (args, ctx) => {
  const split = splitShortOptions(args, 'IndP');
  const fixed: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const arg = split[i];
    if (!arg.startsWith('-') || arg === '--') {
      fixed.push(...split.slice(i));
      break;
    }
    if (arg === '-i') fixed.push('-I', '{}');
    else if (['-I', '-n', '-d', '-P'].includes(arg) && i + 1 < split.length) fixed.push(arg, split[++i]);
    else fixed.push(arg);
  }
  return runShadowed('xargs', fixed, ctx);
});
