// Runs one stage of a pipeline whose neighbours stream: reading from the previous stage's pipe, writing into the next one's, and ending as a real process does (SIGPIPE, statuses reported to PIPESTATUS).
import { type ExecResult, bytesOutput, unsafeBytesFromLatin1 } from 'just-bash';
import { BrokenPipeError, type LabPipe } from './LabPipe';
import { ChainOutcome, PipeRegistry } from './PipeRegistry';
import { PIPE_ERR_VARIABLE, PIPE_IN_VARIABLE, PIPE_OUT_VARIABLE } from './markPipelines';

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

/**
 * The PIPESTATUS entries of the stages that streamed into this one and their messages, in a form just-bash's pipeline
 * takes (the lab's patch of it): the statuses go in those stages' places, the messages where the pipeline gathers its
 * earlier stages' stderr, so the reading stage's own redirections do not apply to them.
 */
function upstreamOutcome(outcome: ChainOutcome): number[] {
  return Object.assign([...outcome.statuses], { labUpstream: true, labStderr: outcome.stderr });
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
  const output = outId ? (registry.takeProvided(outId) ?? registry.open(signal)) : undefined;
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
  // A writer that ran to the end before returning gives its messages back at once, so its own redirections apply.
  const finished = eager && output ? await own : undefined;
  // `2>/dev/null` on a stage that runs on after returning: its later messages are dropped here.
  const quiet = env.get(PIPE_ERR_VARIABLE) === 'null';
  const chain = own.then(async (outcome): Promise<ChainOutcome & { outcome: StageOutcome; before: ChainOutcome }> => {
    const before = upstream ? await upstream.done : { statuses: [], stderr: '' };
    const stderr = finished || quiet ? '' : outcome.stderr;
    return { statuses: [...before.statuses, outcome.exitCode], stderr: before.stderr + stderr, outcome, before };
  });
  if (output && outId) {
    registry.offer(outId, output, chain);
    // just-bash counts a status here; the reader replaces it with the real one.
    return { stdout: '', stderr: finished?.stderr ?? '', exitCode: finished?.exitCode ?? 0 };
  }
  const { outcome, before } = await chain;
  const result: ExecResult = { ...bytesOutput(unsafeBytesFromLatin1(outcome.stdout.toString('latin1'))), stderr: outcome.stderr, exitCode: outcome.exitCode };
  if (upstream) result.internalPipeStatusOverride = upstreamOutcome(before);
  return result;
}
