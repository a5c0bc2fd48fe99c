// grep: GNU's basic regular expressions (`\+`, `\?`, `\|`, `\(...\)`) handed to just-bash's grep as -E, several -e/-f patterns as one, -H, -s, folders.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { basicToExtended } from './basicRegex';
import { errorText } from './operands';
import { runShadowed } from './shadowed';

/** Short options of GNU grep that take a value. */
const WITH_VALUE = 'efmABCdD';

type Syntax = 'basic' | 'extended' | 'fixed' | 'perl';

function asExtended(pattern: string, syntax: Syntax): string {
  if (syntax === 'fixed') return pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return syntax === 'basic' ? basicToExtended(pattern) : pattern;
}

export const grep: Command = defineCommand('grep', async (args, ctx): Promise<ExecResult> => {
  const out: string[] = [];
  const operands: string[] = [];
  const patterns: string[] = [];
  let syntax: Syntax = 'basic';
  let patternGiven = false;
  let silent = false;
  let withName = false;
  let recursive = false;
  let optionsDone = false;
  let stderr = '';
  const readPatterns = async (name: string) => {
    try {
      const text = name === '-' ? '' : await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, name));
      patterns.push(...(text.endsWith('\n') ? text.slice(0, -1) : text).split('\n').filter((_, i, all) => text !== '' || all.length > 1 || i > 0));
      return undefined;
    } catch (error) {
      return `grep: ${name}: ${errorText(error)}\n`;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (optionsDone || !arg.startsWith('-') || arg === '-') {
      if (!patternGiven && patterns.length === 0) {
        patterns.push(arg);
        patternGiven = true;
      } else operands.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsDone = true;
      continue;
    }
    if (arg.startsWith('--')) {
      if (arg === '--extended-regexp') syntax = 'extended';
      else if (arg === '--fixed-strings') syntax = 'fixed';
      else if (arg === '--perl-regexp') syntax = 'perl';
      else if (arg === '--basic-regexp') syntax = 'basic';
      else if (arg === '--no-messages') silent = true;
      else if (arg === '--with-filename') withName = true;
      else if (arg.startsWith('--regexp=')) {
        patterns.push(arg.slice('--regexp='.length));
        patternGiven = true;
      } else if (arg.startsWith('--file=')) {
        const problem = await readPatterns(arg.slice('--file='.length));
        if (problem) return { stdout: '', stderr: problem, exitCode: 2 };
        patternGiven = true;
      } else {
        if (arg === '--recursive' || arg === '--dereference-recursive') recursive = true;
        out.push(arg);
      }
      continue;
    }
    for (let at = 1; at < arg.length; at++) {
      const letter = arg[at];
      if (letter === 'E') syntax = 'extended';
      else if (letter === 'F') syntax = 'fixed';
      else if (letter === 'P') syntax = 'perl';
      else if (letter === 'G') syntax = 'basic';
      else if (letter === 's') silent = true;
      else if (letter === 'H') withName = true;
      if ('EFPGsH'.includes(letter)) continue;
      if (letter === 'r' || letter === 'R') recursive = true;
      if (!WITH_VALUE.includes(letter)) {
        out.push(`-${letter}`);
        continue;
      }
      const value = at + 1 < arg.length ? arg.slice(at + 1) : (args[++i] ?? '');
      if (letter === 'e') {
        patterns.push(value);
        patternGiven = true;
      } else if (letter === 'f') {
        const problem = await readPatterns(value);
        if (problem) return { stdout: '', stderr: problem, exitCode: 2 };
        patternGiven = true;
      } else out.push(`-${letter}`, value);
      break;
    }
  }
  // A folder named without -r is an error GNU grep reports (status 2), and it reads the other operands.
  const files: string[] = [];
  for (const name of operands) {
    if (name === '-') {
      files.push(name);
      continue;
    }
    // Checked here: just-bash's grep -q keeps quiet about a file it cannot read, GNU's does not.
    const stat = await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, name)).catch((error: unknown) => errorText(error));
    if (typeof stat === 'string') stderr += `grep: ${name}: ${stat}\n`;
    else if (stat.isDirectory && !recursive) stderr += `grep: ${name}: Is a directory\n`;
    else files.push(name);
  }
  // Names are shown when several files were named, even if only one could be read (and always with -H).
  const named = withName || (operands.length > 1 && !out.includes('-h') && !out.includes('--no-filename'));
  if (named && files.length === 1 && files[0] !== '-' && !recursive) files.push('/dev/null');
  let result: ExecResult;
  if (syntax === 'perl') result = await runShadowed('grep', ['-P', ...out, ...patterns.flatMap((p) => ['-e', p]), '--', ...files], ctx);
  else {
    // Several patterns become one alternation, so every option (-w, -x, context) sees them together.
    const pattern = patterns.length === 1 ? asExtended(patterns[0], syntax) : `(${patterns.map((p) => `(${asExtended(p, syntax)})`).join('|')})`;
    if (patterns.length === 0) result = { stdout: '', stderr: '', exitCode: 1 };
    else if (files.length === 0 && operands.length > 0) result = { stdout: '', stderr: '', exitCode: 1 };
    else result = await runShadowed('grep', ['-E', ...out, '-e', pattern, '--', ...files], ctx);
  }
  const messages = stderr + result.stderr;
  const quietMatch = result.exitCode === 0 && out.some((option) => option === '-q' || option === '--quiet' || option === '--silent');
  const exitCode = stderr !== '' && !quietMatch ? 2 : result.exitCode;
  return { ...result, stderr: silent ? messages.replace(/^grep: .*: (No such file or directory|Permission denied|Is a directory)\n/gm, '') : messages, exitCode };
});
