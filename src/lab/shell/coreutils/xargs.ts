// xargs: GNU's clustered options (`-I{}`, `-n2`, `-0r`), `-i` (= `-I {}`) and -I's whole-line items handed to just-bash's xargs in the form it reads.
import { type Command, type ExecResult, defineCommand, latin1FromBytes } from 'just-bash';
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
  const noRunIfEmpty = options.some((option) => option === '-r' || option === '--no-run-if-empty' || /^-[a-zA-Z]*r/.test(option));
  const nul = options.includes('-0') || options.includes('--null');
  const input = latin1FromBytes(ctx.stdin);
  // GNU runs the command once even when there are no items, unless -r.
  if (!noRunIfEmpty && ctx.exec && (nul ? input === '' : input.trim() === '')) {
    const words = command.length > 0 ? command : ['echo'];
    return withStatus(await ctx.exec(words.map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' '), { cwd: ctx.cwd }));
  }
  return withStatus(await runShadowed('xargs', [...options, ...command], ctx));
});

/** GNU xargs' statuses: 123 when a command failed with 1-125, 124 when one exited 255; its own errors keep theirs. */
function withStatus(result: ExecResult): ExecResult {
  if (result.stderr.startsWith('xargs:')) return result;
  if (result.exitCode >= 1 && result.exitCode <= 125) return { ...result, exitCode: 123 };
  if (result.exitCode === 255) return { ...result, exitCode: 124 };
  return result;
}
