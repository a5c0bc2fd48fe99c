// xargs: GNU's clustered options (`-I{}`, `-n2`, `-0r`), `-i` (= `-I {}`) and -I's whole-line items handed to just-bash's xargs in the form it reads.
import { type Command, defineCommand } from 'just-bash';
import { runShadowed, splitShortOptions } from './shadowed';

const WITH_VALUE = ['-I', '-n', '-d', '-P'];

export const xargs: Command = defineCommand('xargs', async (args, ctx) => {
  const split = splitShortOptions(args, 'IndP');
  const options: string[] = [];
  let command: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const arg = split[i];
    if (!arg.startsWith('-') || arg === '--') {
      command = split.slice(i);
      break;
    }
    if (arg === '-i') options.push('-I', '{}');
    else if (WITH_VALUE.includes(arg) && i + 1 < split.length) options.push(arg, split[++i]);
    else options.push(arg);
  }
  // GNU's -I takes whole lines as items (blanks inside a line stay); just-bash splits at blanks unless given a delimiter.
  if (options.includes('-I') && !options.includes('-d') && !options.includes('-0') && !options.includes('--null')) options.push('-d', '\\n');
  return runShadowed('xargs', [...options, ...command], ctx);
});
