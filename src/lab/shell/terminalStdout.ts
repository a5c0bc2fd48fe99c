// Finds the commands of a terminal line whose stdout is the terminal itself and marks them, so a lab command that prints a lot (dd from tape) can stream to the session instead of returning its output whole.
import { parse } from 'just-bash';
import { type CommandMark, applyMarks, assignmentMark } from './markCommands';

/** The variable a marked command sees in its environment (a temporary assignment, like `LC_ALL=C cmd`). */
export const TERMINAL_STDOUT_VARIABLE = '__lab_tty';

/** Lab commands that stream what they print to a terminal (dd from a tape, `tar -cf -`, cat); `sudo dd` is marked too and passes the mark on. */
export const TERMINAL_STREAMING_COMMANDS: ReadonlySet<string> = new Set(['dd', 'tar', 'cat']);

/** Commands whose streaming output goes after what earlier statements of the line printed (`echo start; dd if=/dev/nst0`). */
const AHEAD_COMMANDS: ReadonlySet<string> = new Set(['dd', 'tar']);

/** Redirection operators that send stdout elsewhere when written without a number or with 1 (`>`, `>>`, `>|`, `&>`, `&>>`, `>&N`). */
const STDOUT_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>', '>&']);

type Script = ReturnType<typeof parse>;

interface Node {
  readonly type?: unknown;
  readonly [key: string]: unknown;
}

interface Redirection {
  readonly fd: number | null;
  readonly operator: string;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function redirectsStdout(node: Node): boolean {
  const redirections = Array.isArray(node.redirections) ? (node.redirections as Redirection[]) : [];
  return redirections.some((r) => (r.fd === null || r.fd === 1) && STDOUT_OPERATORS.has(r.operator));
}

/** A word's text when it is plain (`dd`, `-u`), not an expansion. */
function literal(word: unknown): string | undefined {
  if (!isNode(word) || !Array.isArray(word.parts) || word.parts.length !== 1) return undefined;
  const part = word.parts[0] as Node;
  return part.type === 'Literal' && typeof part.value === 'string' ? part.value : undefined;
}

/** The command that streams: the name itself, or for `sudo [-u USER] [NAME=value...] CMD`, the CMD sudo runs. */
function streamingName(command: Node): string | undefined {
  const name = literal(command.name);
  if (name !== 'sudo') return name;
  const args = Array.isArray(command.args) ? (command.args as unknown[]).map(literal) : [];
  let at = 0;
  while (at < args.length && /^-|^[A-Za-z_][A-Za-z0-9_]*=/.test(args[at] ?? '')) at += args[at] === '-u' || args[at] === '-g' ? 2 : 1;
  return args[at] === 'sudo' ? undefined : args[at];
}

/**
 * Statements whose commands write to the terminal: the last command of each pipeline, when it has no stdout
 * redirection; compound commands (if, for, while, case, groups, subshells) pass the terminal on to their bodies unless
 * they are redirected. Words are not entered, so `$(...)` and backticks never see the terminal, nor function bodies
 * (their stdout is decided where they are called).
 */
function markStatements(statements: unknown, names: ReadonlySet<string>, marked: object[]): void {
  if (!Array.isArray(statements)) return;
  for (const statement of statements as Node[]) {
    if (statement.type !== 'Statement' || statement.background === true || !Array.isArray(statement.pipelines)) continue;
    for (const pipeline of statement.pipelines as Node[]) {
      const commands = Array.isArray(pipeline.commands) ? (pipeline.commands as Node[]) : [];
      const last = commands[commands.length - 1];
      if (last) markCommand(last, names, marked);
    }
  }
}

function markCommand(command: Node, names: ReadonlySet<string>, marked: object[]): void {
  if (redirectsStdout(command) || command.type === 'FunctionDef') return;
  if (command.type === 'SimpleCommand') {
    const name = streamingName(command);
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
  const statements = (script as unknown as Node).statements;
  const list = Array.isArray(statements) ? (statements as Node[]) : [];
  let first = list.length;
  for (const [index, statement] of list.entries()) {
    markStatements([statement], names, marked);
    if (marked.length > 0 && first === list.length) first = index;
  }
  // Only before dd and tar: a line ending in `cat` keeps today's order (messages of earlier commands first, which
  // scripts that read a terminal's output around markers rely on).
  const streamsAhead = marked.some((command) => AHEAD_COMMANDS.has(streamingName(command as Node) ?? ''));
  const ahead = pending === undefined || !streamsAhead ? [] : sendAhead(list.slice(0, first), pending);
  return applyMarks(line, script, [...ahead, ...marked.map((command) => [assignmentMark(command, TERMINAL_STDOUT_VARIABLE, '1')])]);
}

/**
 * Marks `>PENDING` on the simple commands that end the pipelines of the statements before the first one that may
 * stream: their stdout goes to the screen's queue as each ends, so it is shown before a later command's output streams
 * past it (just-bash would otherwise hand it over at the end of the line). Compound commands are left as they are.
 */
function sendAhead(statements: readonly Node[], pending: string): CommandMark[][] {
  const marks: CommandMark[][] = [];
  for (const statement of statements) {
    if (statement.background === true || !Array.isArray(statement.pipelines)) continue;
    for (const pipeline of statement.pipelines as Node[]) {
      const commands = Array.isArray(pipeline.commands) ? (pipeline.commands as Node[]) : [];
      const last = commands[commands.length - 1];
      if (last?.type !== 'SimpleCommand' || !last.name || redirectsStdout(last) || !Array.isArray(last.redirections)) continue;
      marks.push([{ command: last, prefix: `>${pending}`, change: (node) => void (node.redirections as unknown[]).unshift({ type: 'Redirection', fd: null, operator: '>', target: { type: 'Word', parts: [{ type: 'Literal', value: pending }] } }) }]);
    }
  }
  return marks;
}
