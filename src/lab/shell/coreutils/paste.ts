// paste: GNU's clustered options (`-sd+`, `-d,`) handed to just-bash's paste as separate words, and stdin when no file is named.
import { type Command, defineCommand } from 'just-bash';
import { runShadowed, splitShortOptions } from './shadowed';

export const paste: Command = defineCommand('paste', async (args, ctx) => {
  const split = splitShortOptions(args, 'd', false);
  let operands = 0;
  for (let i = 0; i < split.length; i++) {
    if (split[i] === '-d') i++;
    else if (!split[i].startsWith('-') || split[i] === '-') operands++;
  }
  return runShadowed('paste', operands > 0 ? split : [...split, '-'], ctx);
});
