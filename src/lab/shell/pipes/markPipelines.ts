// Pairs the adjacent stages of a script's pipelines that can stream (lab commands that read and write as they go) by marking both with a pipe id, so the writer hands its output to the reader through a bounded pipe instead of whole.
import { parse } from 'just-bash';
import { type CommandMark, applyMarks, assignmentMark } from '../markCommands';
import { type Script, type ScriptNode, commandRunName, isNode, literal, redirectionsOf } from '../scriptNodes';

/** The temporary assignment a stage that writes into a streaming pipe carries (`__lab_pipe_out=7 tar -cf - dir`). */
export const PIPE_OUT_VARIABLE = '__lab_pipe_out';
/** The temporary assignment the stage reading that pipe carries (`__lab_pipe_in=7 dd of=/dev/nst0`). */
export const PIPE_IN_VARIABLE = '__lab_pipe_in';

/** On a writer whose stderr is `2>/dev/null` (`__lab_pipe_err=null`): its messages after it returned are dropped. */
export const PIPE_ERR_VARIABLE = '__lab_pipe_err';

/** Commands that read stdin and write stdout as they go (each falls back to whole buffers for options it does not stream). */
export const PIPE_STREAMING_COMMANDS: ReadonlySet<string> = new Set(['dd', 'tar', 'cat', 'wc', 'head', 'md5sum', 'sha256sum', 'tee']);

/** Ids are unique in the process, so pipelines of every shell (and of a sudo shell inside one) never share one. */
let nextId = 1;

/** A pipe id no other pipe of this process has. */
export function newPipeId(): string {
  return String(nextId++);
}

/** stdout leaves the pipe: `>`, `>>`, `>|` on fd 1, `&>`, or any `>&` (a duplicate could send stdout or stderr anywhere). */
function redirectsStdout(command: ScriptNode): boolean {
  return redirectionsOf(command).some((r) => r.operator.startsWith('&>') || r.operator === '>&' || ((r.fd === null || r.fd === 1) && /^>/.test(r.operator)));
}

/** stdin comes from elsewhere than the pipe: `<`, `<<`, `<<<`, `<&`, `<>` on fd 0. */
function redirectsStdin(command: ScriptNode): boolean {
  return redirectionsOf(command).some((r) => (r.fd === null || r.fd === 0) && r.operator.startsWith('<'));
}

function streams(command: ScriptNode | undefined, functions: ReadonlySet<string>): command is ScriptNode {
  if (command?.type !== 'SimpleCommand' || !Array.isArray(command.assignments)) return false;
  const name = commandRunName(command);
  // A function of the same name runs instead of the command, and a function cannot take a pipe's end.
  return name !== undefined && PIPE_STREAMING_COMMANDS.has(name) && !functions.has(name) && !functions.has(literal(command.name) ?? '');
}

/** Marks every pair in one pipeline: `a | b` where both stream, stdout of `a` and stdin of `b` are the pipe, and it is not `|&`. */
function pairsOf(pipeline: ScriptNode, options: MarkOptions, groups: CommandMark[][]): void {
  const { functions } = options;
  const commands = Array.isArray(pipeline.commands) ? (pipeline.commands as ScriptNode[]) : [];
  const stderrToo = Array.isArray(pipeline.pipeStderr) ? (pipeline.pipeStderr as unknown[]) : [];
  for (let i = 0; i + 1 < commands.length; i++) {
    const [writer, reader] = [commands[i], commands[i + 1]];
    // `a |& b` is `a 2>&1 | b`; on a terminal the shell's own stderr redirection would otherwise take a's messages first.
    if (stderrToo[i] === true && options.terminal && writer.type === 'SimpleCommand' && redirectionsOf(writer).length === 0 && writer.name) groups.push([stderrToPipe(writer)]);
    if (stderrToo[i] === true || !streams(writer, functions) || !streams(reader, functions)) continue;
    if (redirectsStdout(writer) || redirectsStdin(reader)) continue;
    // The writer's stderr redirections act when it returns, before it has printed: only `2>/dev/null` is carried on.
    const stderrRedirections = redirectionsOf(writer).filter((r) => r.fd === 2);
    const quiet = stderrRedirections.length > 0;
    if (quiet && !stderrRedirections.every((r) => r.operator === '>' && literal(r.target) === '/dev/null')) continue;
    const id = newPipeId();
    const group = [assignmentMark(writer, PIPE_OUT_VARIABLE, id), assignmentMark(reader, PIPE_IN_VARIABLE, id)];
    groups.push(quiet ? [...group, assignmentMark(writer, PIPE_ERR_VARIABLE, 'null')] : group);
  }
}

/** `2>&1` before the command's name. */
function stderrToPipe(command: ScriptNode): CommandMark {
  return {
    command,
    prefix: '2>&1',
    change: (node) => void (node.redirections as unknown[]).unshift({ type: 'Redirection', fd: 2, operator: '>&', target: { type: 'Word', parts: [{ type: 'Literal', value: '1' }] } }),
  };
}

interface MarkOptions {
  /** Functions the script can call (a function cannot take a pipe's end). */
  readonly functions: ReadonlySet<string>;
  /** A terminal line, whose stderr the shell redirects for the whole line. */
  readonly terminal: boolean;
}

/** Every function a script defines, anywhere in it. */
function definedFunctions(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) definedFunctions(item, found);
  else if (isNode(value)) {
    if (value.type === 'FunctionDef' && typeof value.name === 'string') found.add(value.name);
    for (const child of Object.values(value)) definedFunctions(child, found);
  }
  return found;
}

/** Walks the whole tree: pipelines in bodies, conditions, loops, functions and `$(...)` are marked too. */
function collect(value: unknown, options: MarkOptions, groups: CommandMark[][]): void {
  if (Array.isArray(value)) for (const item of value) collect(item, options, groups);
  if (!isNode(value)) return;
  if (value.type === 'Pipeline') pairsOf(value, options, groups);
  for (const child of Object.values(value)) collect(child, options, groups);
}

/**
 * The script with its streaming pairs marked, or undefined when it has none (it then runs exactly as written).
 * `functions` names functions defined before the script (a terminal's earlier lines); those in the script count too.
 * On a `terminal` line, `a |& b` also becomes `2>&1 a | b`, since the line's stderr is redirected to the screen.
 */
export function markPipelines(script: string, functions: ReadonlySet<string> = new Set(), terminal = false): string | undefined {
  let ast: Script;
  try {
    ast = parse(script);
  } catch {
    return undefined;
  }
  const groups: CommandMark[][] = [];
  collect(ast, { functions: definedFunctions(ast, new Set(functions)), terminal }, groups);
  return groups.length > 0 ? applyMarks(script, ast, groups) : undefined;
}
