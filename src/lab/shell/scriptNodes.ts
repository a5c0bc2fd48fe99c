// Reading just-bash's parsed scripts: node and redirection shapes, plain words, and the command a simple command (or `sudo` in front of one) runs.
import { parse } from 'just-bash';

export type Script = ReturnType<typeof parse>;

/** Any node of the parsed script; its fields are read by name. */
export interface ScriptNode {
  readonly type?: unknown;
  readonly [key: string]: unknown;
}

export interface Redirection {
  readonly fd: number | null;
  readonly operator: string;
  readonly target?: unknown;
}

export function isNode(value: unknown): value is ScriptNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function redirectionsOf(command: ScriptNode): Redirection[] {
  return Array.isArray(command.redirections) ? (command.redirections as Redirection[]) : [];
}

/** A word's text when it is plain (`dd`, `-u`), not an expansion. */
export function literal(word: unknown): string | undefined {
  if (!isNode(word) || !Array.isArray(word.parts) || word.parts.length !== 1) return undefined;
  const part = word.parts[0] as ScriptNode;
  return part.type === 'Literal' && typeof part.value === 'string' ? part.value : undefined;
}

/** The command a simple command runs: its name, or for `sudo [-u USER] [NAME=value...] CMD`, the CMD sudo runs. */
export function commandRunName(command: ScriptNode): string | undefined {
  const name = literal(command.name);
  if (name !== 'sudo') return name;
  const args = Array.isArray(command.args) ? (command.args as unknown[]).map(literal) : [];
  let at = 0;
  while (at < args.length && /^-|^[A-Za-z_][A-Za-z0-9_]*=/.test(args[at] ?? '')) at += args[at] === '-u' || args[at] === '-g' ? 2 : 1;
  return args[at] === 'sudo' ? undefined : args[at];
}
