// Runs one stage of a pipeline whose neighbours stream: reading from the previous stage's pipe, writing into the next one's, and ending as a real process does (SIGPIPE, statuses reported to PIPESTATUS).
import { type ExecResult, bytesOutput, unsafeBytesFromLatin1 } from 'just-bash';
import { BrokenPipeError, LabPipe } from './LabPipe';
import { ChainOutcome, PipeRegistry } from './PipeRegistry';
import { PIPE_IN_VARIABLE, PIPE_OUT_VARIABLE } from './markPipelines';

/** Status of a process ended by SIGPIPE (128 + 13), as bash reports it. */
export const SIGPIPE_STATUS = 141;

export interface StageEnds {
  /** stdin, when the previous stage streams into this one. */
  readonly input?: LabPipe;
  /** stdout, when this stage streams into the next one. */
  readonly output?: LabPipe;
}

export interface StageOutcome {
  readonly exitCode: number;
  /** stdout returned whole (empty when it went into the next stage's pipe). */
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Does the environment carry a pipe mark (a stage that reads or writes a streaming pipe)? */
export function hasPipeMark(env: ReadonlyMap<string, string>): boolean {
  return Boolean(env.get(PIPE_IN_VARIABLE) || env.get(PIPE_OUT_VARIABLE));
}

/** The PIPESTATUS entries of the stages that streamed into this one, in a form just-bash's pipeline puts in their places. */
function upstreamStatuses(statuses: readonly number[]): number[] {
  return Object.assign([...statuses], { labUpstream: true });
}

/**
 * Runs `body` with the stage's pipe ends. A stage that writes into a pipe starts and returns at once (just-bash runs a
 * pipeline's stages one after another, so its reader can only start after it returns); its status and messages reach
 * the stage that reads it, which returns them with its own once both have ended. A writer that meets a closed reader
 * ends with 141 and no further message.
 */
export async function runStage(
  registry: PipeRegistry,
  env: ReadonlyMap<string, string>,
  signal: AbortSignal | undefined,
  name: string,
  body: (ends: StageEnds) => Promise<StageOutcome>,
  /** Run to the end before returning even when writing into a pipe (a command on whole buffers, which needs just-bash while it runs). */
  eager = false,
): Promise<ExecResult> {
  const inId = env.get(PIPE_IN_VARIABLE);
  const outId = env.get(PIPE_OUT_VARIABLE);
  const upstream = inId ? registry.claim(inId) : undefined;
  const output = outId ? (registry.takeProvided(outId) ?? new LabPipe(signal)) : undefined;
  const ends: StageEnds = { ...(upstream ? { input: upstream.pipe } : {}), ...(output ? { output } : {}) };
  const own = (async (): Promise<StageOutcome> => {
    try {
      const outcome = await body(ends);
      return output?.broken ? { ...outcome, exitCode: SIGPIPE_STATUS } : outcome;
    } catch (error) {
      if (error instanceof BrokenPipeError) return { exitCode: SIGPIPE_STATUS, stdout: Buffer.alloc(0), stderr: '' };
      if (!output) throw error;
      // A stage running behind the pipeline has nobody to throw to: it ends as a failed command.
      return { exitCode: 1, stdout: Buffer.alloc(0), stderr: `bash: ${name}: ${error instanceof Error ? error.message : String(error)}\n` };
    } finally {
      output?.end();
      upstream?.pipe.closeRead();
    }
  })();
  const chain = own.then(async (outcome): Promise<ChainOutcome & { outcome: StageOutcome }> => {
    const before = upstream ? await upstream.done : { statuses: [], stderr: '' };
    return { statuses: [...before.statuses, outcome.exitCode], stderr: before.stderr + outcome.stderr, outcome };
  });
  if (output && outId) {
    if (eager) await own;
    registry.offer(outId, output, chain);
    // just-bash counts a status here; the reader replaces it with the real one.
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  const { statuses, stderr, outcome } = await chain;
  const result: ExecResult = { ...bytesOutput(unsafeBytesFromLatin1(outcome.stdout.toString('latin1'))), stderr, exitCode: outcome.exitCode };
  if (upstream) result.internalPipeStatusOverride = upstreamStatuses(statuses.slice(0, -1));
  return result;
}
