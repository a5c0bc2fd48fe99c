// A text tool (cat, wc, head, md5sum, …) as a pipeline stage: streamed when its neighbours stream and its options are ones it streams, otherwise the usual just-bash command on whole buffers.
import { type Command, type ExecResult, type ResolvedCommandContext, defineCommand, latin1FromBytes, stdoutAsBytes } from 'just-bash';
import type { CommandContext, OutputSink, ShellCommand, StreamInput } from '../CommandContext';
import { canRead } from '../filePermissions';
import { openFileReader } from '../fileIo';
import type { CommandOwner } from '../labCommands';
import { TERMINAL_STDOUT_VARIABLE } from '../terminalStdout';
import { runLabStage, STAGE_VARIABLES } from './labStage';
import { hasPipeMark } from './runStage';

/** How much of a file a streaming tool reads at a time. */
export const READ_CHUNK = 64 * 1024;

/** Where a tool would run: enough to tell whether its operands can stream. */
export type ToolPlace = Pick<CommandContext, 'argv' | 'host' | 'user' | 'cwd'>;

export interface StreamTool {
  /** Can these arguments stream (every option understood, every file operand a readable regular file)? */
  supports(place: ToolPlace): boolean;
  /** Printing to the terminal, is its output sure to be small (then it runs as the usual command, returned whole)? */
  small?(place: ToolPlace): boolean;
  readonly run: ShellCommand;
}

/** Something read chunk by chunk; an empty chunk is the end. */
export interface ChunkSource {
  read(): Promise<Buffer>;
  close(): Promise<void>;
}

function wholeSource(data: Buffer): ChunkSource {
  let done = false;
  return {
    read: async () => {
      if (done) return Buffer.alloc(0);
      done = true;
      return data;
    },
    close: async () => undefined,
  };
}

/** stdin: the pipe from the previous stage, or the bytes just-bash handed over. */
export function stdinSource(context: CommandContext): ChunkSource {
  const input: StreamInput | undefined = context.input;
  return input ? { read: () => input.read(READ_CHUNK), close: async () => undefined } : wholeSource(context.stdin);
}

/** A file operand that streams: `-`, or a regular file the user may read. */
export function streamableOperand(context: ToolPlace, name: string): boolean {
  if (name === '-') return true;
  const node = context.host.fs.tryResolve(name, context.cwd)?.node;
  return node?.kind === 'file' && canRead(context.user, node);
}

/** Opens an operand streamableOperand accepted. */
export function openOperand(context: CommandContext, name: string): ChunkSource {
  if (name === '-') return stdinSource(context);
  const node = context.host.fs.tryResolve(name, context.cwd)?.node;
  if (node?.kind !== 'file') return wholeSource(Buffer.alloc(0));
  const reader = openFileReader(context.host.fs, node);
  return { read: () => reader.read(READ_CHUNK), close: () => reader.close() };
}

/** Writes and waits while the reader (a pipe or the terminal) is behind. */
export async function writeOut(sink: OutputSink, bytes: Uint8Array): Promise<void> {
  if (bytes.byteLength === 0) return;
  sink.write(bytes);
  await sink.whenWritable?.();
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The usual command on whole buffers; its output goes where the stage's goes. With stdin from a pipe it runs in a
 * nested just-bash call that is handed the pipe's bytes; otherwise it runs as it would without the pipe.
 */
async function buffered(name: string, ctx: ResolvedCommandContext, context: CommandContext, usual: Command | undefined): Promise<number> {
  let result: ExecResult;
  if (context.input) {
    const parts: Buffer[] = [];
    for (let part = await context.input.read(); part.length > 0; part = await context.input.read()) parts.push(part);
    const cleared = Object.fromEntries(STAGE_VARIABLES.map((variable) => [variable, '']));
    if (!ctx.exec) return 127;
    result = await ctx.exec(quote(name), { cwd: ctx.cwd, args: context.argv.slice(1), env: cleared, stdin: Buffer.concat(parts).toString('latin1'), stdinKind: 'bytes', ...(ctx.signal ? { signal: ctx.signal } : {}) });
  } else result = await usualResult(name, context.argv.slice(1), ctx, usual);
  if (result.stderr) context.stderr.write(result.stderr);
  // Written whole without waiting: this runs before the next stage starts reading.
  context.stdout.write(Buffer.from(latin1FromBytes(stdoutAsBytes(result)), 'latin1'));
  return result.exitCode;
}

function usualResult(name: string, args: string[], ctx: ResolvedCommandContext, usual: Command | undefined): Promise<ExecResult> {
  if (usual) return usual.execute(args, ctx);
  return ctx.origCommand ? ctx.origCommand(args) : Promise.resolve({ stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 });
}

/**
 * `name` as a command of the shell: outside a streaming pipeline (and not printing to a terminal) it is exactly
 * `usual` (the coreutils replacement) or just-bash's own command.
 */
export function streamToolCommand(name: string, tool: StreamTool, owner: CommandOwner, usual?: Command): Command {
  return defineCommand(name, async (args, ctx): Promise<ExecResult> => {
    if (!hasPipeMark(ctx.env) && ctx.env.get(TERMINAL_STDOUT_VARIABLE) !== '1') return usualResult(name, args, ctx, usual);
    const place: ToolPlace = { argv: [name, ...args], host: owner.host, user: owner.user, cwd: ctx.cwd };
    if (!hasPipeMark(ctx.env) && tool.small?.(place)) return usualResult(name, args, ctx, usual);
    if (tool.supports(place)) return runLabStage(owner, name, args, ctx, tool.run);
    // Not a form this tool streams: the usual command runs on whole buffers while just-bash waits for it.
    return runLabStage(owner, name, args, ctx, (context) => buffered(name, ctx, context, usual), true);
  });
}
