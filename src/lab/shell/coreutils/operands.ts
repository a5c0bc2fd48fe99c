// Shared pieces of the coreutils replacements: reading a file operand (or stdin for `-`) and naming a failure as strerror does.
import { type ExecResult, type ResolvedCommandContext, bytesOutput, latin1FromBytes, unsafeBytesFromLatin1 } from 'just-bash';
import { STRERROR, strerror } from '../strerror';

/** strerror(errno) for a filesystem error (the text after `tool: NAME: `). */
export function errorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? strerror(code) : undefined;
  if (known !== undefined) return known;
  const message = error instanceof Error ? error.message : String(error);
  const named = Object.keys(STRERROR).find((name) => message.startsWith(`${name}:`) || message.includes(` ${name} `));
  return (named === undefined ? undefined : strerror(named)) ?? message;
}

export type Operand = { readonly bytes: Buffer; readonly regular: boolean } | { readonly error: string; readonly directory?: true };

/**
 * The file a `<` redirection put on the command's stdin, when it did: the shell hands the command its path (a real tool
 * learns the same from fstat(0)). Absent for a pipe, a here-document or the terminal.
 */
export function stdinFile(ctx: ResolvedCommandContext): string | undefined {
  const path = (ctx as { stdinFile?: unknown }).stdinFile;
  return typeof path === 'string' ? path : undefined;
}

/** Whether stdin is a regular file (`< FILE`), not a pipe or a device such as /dev/null. */
export function stdinIsRegularFile(ctx: ResolvedCommandContext): boolean {
  const path = stdinFile(ctx);
  return path !== undefined && !path.startsWith('/dev/');
}

/** The bytes of a file operand; `-` is stdin (a regular file when redirected from one, otherwise a pipe). */
export async function readOperand(ctx: ResolvedCommandContext, name: string): Promise<Operand> {
  if (name === '-') return { bytes: stdinBytes(ctx), regular: stdinIsRegularFile(ctx) };
  const path = ctx.fs.resolvePath(ctx.cwd, name);
  try {
    const stat = await ctx.fs.stat(path);
    if (stat.isDirectory) return { error: 'Is a directory', directory: true };
    return { bytes: Buffer.from(await ctx.fs.readFileBuffer(path)), regular: stat.isFile };
  } catch (error) {
    return { error: errorText(error) };
  }
}

export function stdinBytes(ctx: ResolvedCommandContext): Buffer {
  return Buffer.from(latin1FromBytes(ctx.stdin), 'latin1');
}

/** GNU's two-line answer to a missing operand. */
export function missingOperand(tool: string): string {
  return `${tool}: missing operand\nTry '${tool} --help' for more information.\n`;
}

/** A command's result with binary-safe stdout. */
export function bytesResult(stdout: Buffer, stderr: string, exitCode: number): ExecResult {
  return { ...bytesOutput(unsafeBytesFromLatin1(stdout.toString('latin1'))), stderr, exitCode };
}
