// Runs a lab command inside a just-bash command call: its context (stdin, stdout to the result, a pipe or the terminal), its pipe ends, and SIGPIPE's silence.
import type { ExecResult, ResolvedCommandContext } from 'just-bash';
import { latin1FromBytes } from 'just-bash';
import type { CommandContext, OutputSink, ShellCommand } from '../CommandContext';
import type { CommandOwner } from '../labCommands';
import { OutputCollector } from '../OutputCollector';
import { StreamingStdout } from '../StreamingStdout';
import { TERMINAL_STDOUT_VARIABLE } from '../terminalStdout';
import { BrokenPipeError, type LabPipe } from './LabPipe';
import { PIPE_ERR_VARIABLE, PIPE_IN_VARIABLE, PIPE_OUT_VARIABLE } from './markPipelines';
import { SIGPIPE_STATUS, runStage } from './runStage';

/** The variables the shell sets for its own use on a command; the command never sees them. */
export const STAGE_VARIABLES: readonly string[] = [TERMINAL_STDOUT_VARIABLE, PIPE_IN_VARIABLE, PIPE_OUT_VARIABLE, PIPE_ERR_VARIABLE];

/** stdout into a pipe: the writer waits while the pipe is full. */
function pipeSink(pipe: LabPipe): OutputSink {
  return { write: (chunk) => pipe.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk), whenWritable: () => pipe.whenWritable() };
}

/** The command's environment without the shell's marks. */
export function commandEnv(env: ReadonlyMap<string, string>): Map<string, string> {
  const copy = new Map(env);
  for (const name of STAGE_VARIABLES) copy.delete(name);
  return copy;
}

/**
 * Runs `run` as the stage `ctx` describes. stdout goes to the next stage's pipe when the pipeline streams there, to the
 * terminal when the command is marked as printing to it, or else into the returned result; stdin is the previous
 * stage's pipe when that one streams. Once the writer meets a closed reader, what it prints after is dropped (a process
 * killed by SIGPIPE prints nothing more).
 */
export function runLabStage(owner: CommandOwner, name: string, args: readonly string[], ctx: ResolvedCommandContext, run: ShellCommand, eager = false): Promise<ExecResult> {
  // A stage writing into a pipe runs on after this call returns, when just-bash has aborted ctx.signal.
  const signal = ctx.env.get(PIPE_OUT_VARIABLE) ? owner.signal() : ctx.signal;
  const cwd = ctx.cwd;
  const env = commandEnv(ctx.env);
  return runStage(owner.pipes, ctx.env, signal, name, async ({ input, output }) => {
    const terminal = !output && ctx.env.get(TERMINAL_STDOUT_VARIABLE) === '1' ? owner.terminalStream() : undefined;
    const collected = output ? undefined : terminal ? new StreamingStdout(terminal, owner.journal) : new OutputCollector(1, owner.journal);
    const stderr = new OutputCollector(2, owner.journal);
    let brokenAt: number | undefined;
    if (output) output.onBroken = () => (brokenAt = stderr.chunks.length);
    const context: CommandContext = {
      argv: [name, ...args],
      stdin: input ? Buffer.alloc(0) : Buffer.from(latin1FromBytes(ctx.stdin), 'latin1'),
      ...(input ? { input } : {}),
      stdout: output ? pipeSink(output) : (collected as OutputSink),
      stderr,
      user: owner.user,
      cwd,
      env,
      host: owner.host,
      ...(signal ? { signal } : {}),
      chdir: () => undefined,
      setEnv: () => undefined,
    };
    let exitCode: number;
    try {
      exitCode = await run(context);
    } catch (error) {
      if (!(error instanceof BrokenPipeError)) throw error;
      exitCode = SIGPIPE_STATUS;
    }
    const kept = brokenAt === undefined ? stderr.chunks : stderr.chunks.slice(0, brokenAt);
    return { exitCode, stdout: collected?.bytes() ?? Buffer.alloc(0), stderr: Buffer.concat(kept).toString('utf8') };
  }, eager);
}
