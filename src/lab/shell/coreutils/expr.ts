// expr STRING : REGEX and expr match STRING REGEX as GNU expr does them (anchored basic regex; the \( \) group's text, else the match length); other forms are just-bash's expr.
import { type Command, defineCommand } from 'just-bash';
import { basicToExtended, extendedToJs } from './basicRegex';
import { runShadowed } from './shadowed';

export const expr: Command = defineCommand('expr', async (args, ctx) => {
  const match = args.length === 3 && args[1] === ':' ? [args[0], args[2]] : args.length === 3 && args[0] === 'match' ? [args[1], args[2]] : undefined;
  if (!match) return runShadowed('expr', args, ctx);
  const [text, basic] = match;
  let regex: RegExp;
  try {
    regex = extendedToJs(`^(?:${basicToExtended(basic)})`);
  } catch {
    return { stdout: '', stderr: `expr: Invalid regular expression\n`, exitCode: 2 };
  }
  const found = regex.exec(text);
  const grouped = /\\\(/.test(basic);
  if (grouped) {
    const group = found?.[1] ?? '';
    return { stdout: `${group}\n`, stderr: '', exitCode: group === '' ? 1 : 0 };
  }
  const length = found ? found[0].length : 0;
  return { stdout: `${length}\n`, stderr: '', exitCode: length === 0 ? 1 : 0 };
});
