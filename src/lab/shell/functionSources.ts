// The function definitions in a line of shell, as source: an interactive shell keeps them to define them again on the next lines.
import { parse, serialize } from 'just-bash';

/** Every function definition anywhere in a parsed script, as source that defines it again. */
export function functionSources(script: string): Map<string, string> {
  const found = new Map<string, string>();
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(script);
  } catch {
    return found;
  }
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as { type?: unknown; name?: unknown };
    if (node.type === 'FunctionDef' && typeof node.name === 'string') {
      const statement = { type: 'Statement', pipelines: [{ type: 'Pipeline', commands: [value], negated: false }], operators: [], background: false };
      found.set(node.name, serialize({ type: 'Script', statements: [statement] } as unknown as ReturnType<typeof parse>));
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(ast);
  return found;
}
