// Adds temporary assignments (`__lab_tty=1 dd …`) or redirections to chosen commands of a script by inserting text before each command's name, so the rest of the script runs exactly as written.
import { parse, serialize } from 'just-bash';
import type { Script } from './scriptNodes';

/** Text to put before one SimpleCommand's name, and the change it makes to that command's node. */
export interface CommandMark {
  readonly command: object;
  /** Inserted before the command's name, followed by a space: `__lab_tty=1`, `2>&1`. */
  readonly prefix: string;
  readonly change: (node: Record<string, unknown>) => void;
}

/** A temporary assignment (`NAME=value cmd`). */
export function assignmentMark(command: object, variable: string, value: string): CommandMark {
  return {
    command,
    prefix: `${variable}=${value}`,
    change: (node) => void (node.assignments as unknown[]).push({ type: 'Assignment', name: variable, value: { type: 'Word', parts: [{ type: 'Literal', value }] }, append: false, array: null }),
  };
}

type Path = readonly (string | number)[];

function pathsOf(root: unknown): Map<object, Path> {
  const paths = new Map<object, Path>();
  const visit = (value: unknown, path: Path): void => {
    if (typeof value !== 'object' || value === null) return;
    paths.set(value, path);
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
  };
  visit(root, []);
  return paths;
}

function nodeAt(root: unknown, path: Path): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[key] : undefined;
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
}

function commandName(node: Record<string, unknown> | undefined): string | undefined {
  const name = node?.name as { parts?: { type?: string; value?: unknown }[] } | undefined;
  const part = name?.parts?.length === 1 ? name.parts[0] : undefined;
  return part?.type === 'Literal' && typeof part.value === 'string' ? part.value : undefined;
}

function serialized(text: string): string | undefined {
  try {
    return serialize(parse(text));
  } catch {
    return undefined;
  }
}

/** `text` with one more mark, or undefined when no place for it gives the intended script. */
function withMark(text: string, path: Path, mark: CommandMark): string | undefined {
  let expectedAst: Script;
  try {
    expectedAst = parse(text);
  } catch {
    return undefined;
  }
  const node = nodeAt(expectedAst, path);
  const name = commandName(node);
  if (!node || name === undefined || !Array.isArray(node.assignments)) return undefined;
  mark.change(node);
  const expected = serialize(expectedAst);
  // The command's name as written; the place is right when the script then parses to the intended tree.
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (at > 0 && /[A-Za-z0-9_./-]/.test(text[at - 1])) continue;
    const candidate = `${text.slice(0, at)}${mark.prefix} ${text.slice(at)}`;
    if (serialized(candidate) === expected) return candidate;
  }
  return undefined;
}

/**
 * `script` with each group of marks applied (a group is all or nothing: both ends of a pipe), or undefined when none
 * could be. `ast` is `parse(script)`, and the marks name its nodes. Only the inserted assignments differ from the
 * script as written: just-bash's serializer does not reproduce every construct, so the script is never re-serialised.
 */
export function applyMarks(script: string, ast: Script, groups: readonly (readonly CommandMark[])[]): string | undefined {
  const paths = pathsOf(ast);
  let text = script;
  for (const group of groups) {
    let next: string | undefined = text;
    for (const mark of group) {
      const path = paths.get(mark.command);
      next = next === undefined || path === undefined ? undefined : withMark(next, path, mark);
    }
    if (next !== undefined) text = next;
  }
  return text === script ? undefined : text;
}
