// Syntax errors as bash reports them: bash reads a script command by command, so the commands before the bad one run first.
import { parse } from 'just-bash';

export interface SyntaxProblem {
  /** The complete commands before the one bash cannot parse: they run before the error is reported. */
  readonly runnable: string;
  /** bash's message lines without the shell's name (`line 2: syntax error near unexpected token `then'`, then the line quoted). */
  readonly messages: readonly string[];
}

/** Operators bash names as the unexpected token, longest first. */
const OPERATORS = [';;&', ';;', ';&', '&&', '||', '|&', '>>', '<<', '<&', '>&', '&>', '(', ')', '{', '}', '|', '&', ';', '<', '>'];

function parses(text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The token bash would name at a position of a line: `newline` past its end, else the operator or word there. */
function tokenAt(line: string, column: number): string {
  const rest = line.slice(Math.max(0, column - 1)).replace(/^[ \t]+/, '');
  if (rest === '') return 'newline';
  const operator = OPERATORS.find((op) => rest.startsWith(op));
  return operator ?? (/^[^\s;&|<>()]+/.exec(rest)?.[0] ?? rest[0]);
}

/** What just-bash's parser lets pass and bash does not (an empty condition, an operator at the end), as a parse error of its. */
function lenientProblem(script: string): string | undefined {
  const lines = script.split('\n');
  for (const [index, line] of lines.entries()) {
    const empty = /^(\s*(?:.*[;&|]\s*)?)(?:if|elif|while|until)\s+(then|do)\b/.exec(line);
    // Only where no quote comes before it on the line (so not inside a quoted string).
    if (empty && !/['"]/.test(empty[1])) return `Parse error at ${index + 1}:1: syntax error near unexpected token \`${empty[2]}'`;
  }
  if (/(\|\||&&|\|)\s*$/.test(script)) return `Parse error at ${lines.length}:1: Expected command, got EOF`;
  return undefined;
}

/**
 * Why a script does not parse, in bash's words, and what runs before bash reaches that point; undefined when it parses
 * (or the problem is one just-bash already reports as bash does, such as an unterminated quote).
 */
export function syntaxProblem(script: string): SyntaxProblem | undefined {
  let message: string;
  try {
    parse(script);
    message = lenientProblem(script) ?? '';
    if (message === '') return undefined;
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  const at = /^Parse error at (\d+):(\d+): (.*)$/s.exec(message);
  if (!at) return undefined;
  const lines = script.split('\n');
  const lineNumber = Math.max(1, Number(at[1]));
  const text = lines[lineNumber - 1] ?? '';
  let runnable = '';
  for (let count = Math.min(lineNumber, lines.length) - 1; count > 0; count -= 1) {
    const prefix = lines.slice(0, count).join('\n');
    if (parses(prefix) && !/(\|\||&&|\||\\)\s*$/.test(prefix)) {
      runnable = prefix;
      break;
    }
  }
  const detail = at[3];
  if (/got EOF$/.test(detail)) {
    // bash counts the end of the script as the line after the last one.
    const endLine = lines.length + (script.endsWith('\n') ? 0 : 1);
    return { runnable, messages: [`line ${endLine}: syntax error: unexpected end of file`] };
  }
  const eof = /^unexpected EOF while looking for matching '(.)'$/.exec(detail);
  if (eof) return { runnable, messages: [`line ${lineNumber}: unexpected EOF while looking for matching \`${eof[1]}'`] };
  // A condition cannot be empty: bash stops at the `then` or `do` right after `if`/`elif`/`while`/`until`.
  const emptyCondition = /(?:^|[;&|\s])(?:if|elif|while|until)\s+(then|do)\b/.exec(text);
  const named = /^syntax error near unexpected token `(.+)'$/.exec(detail);
  const token = emptyCondition?.[1] ?? named?.[1] ?? tokenAt(text, Number(at[2]));
  return { runnable, messages: [`line ${lineNumber}: syntax error near unexpected token \`${token}'`, `line ${lineNumber}: \`${text}'`] };
}
