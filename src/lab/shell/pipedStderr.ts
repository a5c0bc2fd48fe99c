// `{ ...; } |& cmd` on a terminal: the compound command takes `2>&1` before its pipe, so its commands' messages go down the pipe and not to the screen.
import { parse, serialize } from 'just-bash';

interface PipelineNode {
  readonly type: 'Pipeline';
  readonly commands: { readonly type: string; redirections?: unknown[] }[];
  pipeStderr?: boolean[];
}

function isPipeline(value: unknown): value is PipelineNode {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Pipeline' && Array.isArray((value as { commands?: unknown }).commands);
}

/**
 * The line with every `|&` after a group, subshell, loop or other compound command written as `2>&1 |`, or undefined
 * when it has none. A terminal's stderr is a persistent descriptor that each command writes as it ends; a compound
 * command's own redirection of fd 2 holds its commands' messages, but `|&` is the pipe's and would not.
 */
export function pipeCompoundStderr(line: string): string | undefined {
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(line);
  } catch {
    return undefined;
  }
  let changed = false;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (isPipeline(value) && value.pipeStderr) {
      for (const [index, piped] of value.pipeStderr.entries()) {
        const command = value.commands[index];
        if (!piped || !command || command.type === 'SimpleCommand' || !Array.isArray(command.redirections)) continue;
        command.redirections.push({ type: 'Redirection', fd: 2, operator: '>&', target: { type: 'Word', parts: [{ type: 'Literal', value: '1' }] } });
        value.pipeStderr[index] = false;
        changed = true;
      }
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(ast);
  return changed ? serialize(ast) : undefined;
}
