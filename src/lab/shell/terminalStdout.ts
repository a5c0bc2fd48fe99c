// Finds the commands of a terminal line whose stdout is the terminal itself and marks them, so a lab command that prints a lot (dd from tape) can stream to the session instead of returning its output whole.
import { parse } from 'just-bash';
import { type CommandMark, applyMarks, assignmentMark } from './markCommands';
import { type Script, type ScriptNode, commandRunName, isNode, redirectionsOf } from './scriptNodes';

/** The variable a marked command sees in its environment (a temporary assignment, like `LC_ALL=C cmd`). */
export const TERMINAL_STDOUT_VARIABLE = '__lab_tty';

/** Lab commands that stream what they print to a terminal (dd from a tape, `tar -cf -`, cat); `sudo dd` is marked too and passes the mark on. */
export const TERMINAL_STREAMING_COMMANDS: ReadonlySet<string> = new Set(['dd', 'tar', 'cat']);

/** Commands whose streaming output goes after what earlier statements of the line printed (`echo start; dd if=/dev/nst0`). */
const AHEAD_COMMANDS: ReadonlySet<string> = new Set(['dd', 'tar']);

/** Redirection operators that send stdout elsewhere when written without a number or with 1 (`>`, `>>`, `>|`, `&>`, `&>>`, `>&N`). */
const STDOUT_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>', '>&']);

function redirectsStdout(node: ScriptNode): boolean {
  return redirectionsOf(node).some((r) => (r.fd === null || r.fd === 1) && STDOUT_OPERATORS.has(r.operator));
}

/**
 * Statements whose commands write to the terminal: the last command of each pipeline, when it has no stdout
 * redirection; compound commands (if, for, while, case, groups, subshells) pass the terminal on to their bodies unless
 * they are redirected. Words are not entered, so `$(...)` and backticks never see the terminal, nor function bodies
 * (their stdout is decided where they are called).
 */
function markStatements(statements: unknown, names: ReadonlySet<string>, marked: object[]): void {
  if (!Array.isArray(statements)) return;
  for (const statement of statements as ScriptNode[]) {
    if (statement.type !== 'Statement' || statement.background === true || !Array.isArray(statement.pipelines)) continue;
    for (const pipeline of statement.pipelines as ScriptNode[]) {
      const commands = Array.isArray(pipeline.commands) ? (pipeline.commands as ScriptNode[]) : [];
      const last = commands[commands.length - 1];
      if (last) markCommand(last, names, marked);
    }
  }
}

function markCommand(command: ScriptNode, names: ReadonlySet<string>, marked: object[]): void {
  if (redirectsStdout(command) || command.type === 'FunctionDef') return;
  if (command.type === 'SimpleCommand') {
    const name = commandRunName(command);
    if (name === undefined || !names.has(name) || !Array.isArray(command.assignments)) return;
    marked.push(command);
    return;
  }
  // Compound commands: every list of statements they hold (bodies, conditions, clauses, case items).
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      if (value.some((item) => isNode(item) && item.type === 'Statement')) markStatements(value, names, marked);
      else for (const item of value) visit(item);
      return;
    }
    if (!isNode(value) || value.type === 'Word') return;
    for (const [key, child] of Object.entries(value)) if (key !== 'redirections') visit(child);
  };
  for (const [key, child] of Object.entries(command)) if (key !== 'redirections' && key !== 'type') visit(child);
}

/**
 * The line with each command named in `names` (or `sudo` running one) whose stdout is the terminal prefixed by `__lab_tty=1`, or undefined when
 * none is (the line then runs exactly as typed).
 */
export function markTerminalStdout(line: string, names: ReadonlySet<string>, pending?: string): string | undefined {
  let script: Script;
  try {
    script = parse(line);
  } catch {
    return undefined;
  }
  const marked: object[] = [];
  const statements = (script as unknown as ScriptNode).statements;
  const list = Array.isArray(statements) ? (statements as ScriptNode[]) : [];
  let first = list.length;
  for (const [index, statement] of list.entries()) {
    markStatements([statement], names, marked);
    if (marked.length > 0 && first === list.length) first = index;
  }
  // Only before dd and tar: a line ending in `cat` keeps today's order (messages of earlier commands first, which
  // scripts that read a terminal's output around markers rely on).
  const streamsAhead = marked.some((command) => AHEAD_COMMANDS.has(commandRunName(command as ScriptNode) ?? ''));
  const ahead = pending === undefined || !streamsAhead ? [] : sendAhead(list.slice(0, first), pending);
  return applyMarks(line, script, [...ahead, ...marked.map((command) => [assignmentMark(command, TERMINAL_STDOUT_VARIABLE, '1')])]);
}

/**
 * Marks `>PENDING` on the simple commands that end the pipelines of the statements before the first one that may
 * stream: their stdout goes to the screen's queue as each ends, so it is shown before a later command's output streams
 * past it (just-bash would otherwise hand it over at the end of the line). Compound commands are left as they are.
 */
function sendAhead(statements: readonly ScriptNode[], pending: string): CommandMark[][] {
  const marks: CommandMark[][] = [];
  for (const statement of statements) {
    if (statement.background === true || !Array.isArray(statement.pipelines)) continue;
    for (const pipeline of statement.pipelines as ScriptNode[]) {
      const commands = Array.isArray(pipeline.commands) ? (pipeline.commands as ScriptNode[]) : [];
      const last = commands[commands.length - 1];
      if (last?.type !== 'SimpleCommand' || !last.name || redirectsStdout(last) || !Array.isArray(last.redirections)) continue;
      marks.push([{ command: last, prefix: `>${pending}`, change: (node) => void (node.redirections as unknown[]).unshift({ type: 'Redirection', fd: null, operator: '>', target: { type: 'Word', parts: [{ type: 'Literal', value: pending }] } }) }]);
    }
  }
  return marks;
}
