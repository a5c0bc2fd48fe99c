// paste: GNU's clustered options (`-sd+`, `-d,`) handed to just-bash's paste as separate words.
import { type Command, defineCommand } from 'just-bash';
import { runShadowed, splitShortOptions } from './shadowed';

export const paste: Command = defineCommand('paste', async (args, ctx) => runShadowed('paste', splitShortOptions(args, 'd', false), ctx));
