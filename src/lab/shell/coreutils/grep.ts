// grep: basic regular expressions as GNU grep reads them (`\+`, `\?`, `\|`, `\(...\)`), handed to just-bash's grep as -E patterns.
import { type Command, defineCommand } from 'just-bash';
import { basicToExtended } from './basicRegex';
import { runShadowed } from './shadowed';

/** Short options of GNU grep that take a value. */
const WITH_VALUE = 'efmABCdD';

export const grep: Command = defineCommand('grep', async (args, ctx) => {
  const out: string[] = [];
  let explicitPattern = false;
  let otherSyntax = false;
  let patternAt = -1;
  let optionsDone = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (optionsDone || !arg.startsWith('-') || arg === '-') {
      if (!explicitPattern && patternAt < 0) {
        patternAt = out.length;
        out.push(basicToExtended(arg));
      } else out.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsDone = true;
      out.push(arg);
      continue;
    }
    if (arg.startsWith('--')) {
      if (/^--(extended-regexp|fixed-strings|perl-regexp)$/.test(arg)) otherSyntax = true;
      const regexp = /^--regexp=(.*)$/s.exec(arg);
      if (regexp) {
        explicitPattern = true;
        out.push(`--regexp=${basicToExtended(regexp[1])}`);
      } else out.push(arg);
      continue;
    }
    for (let at = 1; at < arg.length; at++) {
      const letter = arg[at];
      if ('EFP'.includes(letter)) otherSyntax = true;
      if (!WITH_VALUE.includes(letter)) {
        if (letter !== 'G') out.push(`-${letter}`);
        continue;
      }
      const value = at + 1 < arg.length ? arg.slice(at + 1) : (args[++i] ?? '');
      if (letter === 'e') explicitPattern = true;
      out.push(`-${letter}`, letter === 'e' ? basicToExtended(value) : value);
      break;
    }
  }
  if (otherSyntax) return runShadowed('grep', args, ctx);
  return runShadowed('grep', ['-E', ...out], ctx);
});
