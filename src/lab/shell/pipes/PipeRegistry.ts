// The pipes of one shell (and the sudo shells it starts) between a stage that has started writing and the stage that will read it, by the id the pipeline's marks carry.
import { LabPipe } from './LabPipe';

/** What a finished chain of streaming stages leaves for the stage that read it: each stage's status, and their messages in order. */
export interface ChainOutcome {
  readonly statuses: readonly number[];
  readonly stderr: string;
}

interface Entry {
  readonly pipe: LabPipe;
  readonly done: Promise<ChainOutcome>;
}

export class PipeRegistry {
  private readonly waiting = new Map<string, Entry>();
  /** Pipes a stage will write into instead of opening its own (sudo hands its pipe to the command it runs). */
  private readonly provided = new Map<string, LabPipe>();
  /** The most bytes any pipe of this registry held at once. */
  peakBytes = 0;
  /** Pipes opened so far (a test can tell a streamed pipeline from a buffered one). */
  opened = 0;

  /** A producer's pipe, waiting for its reader; `done` settles when the producer (and the stages before it) have ended. */
  offer(id: string, pipe: LabPipe, done: Promise<ChainOutcome>): void {
    this.waiting.get(id)?.pipe.closeRead();
    this.waiting.set(id, { pipe, done });
    void done.then(() => (this.peakBytes = Math.max(this.peakBytes, pipe.peakBytes)));
  }

  /** A new pipe for a stage that writes into one. */
  open(signal: AbortSignal | undefined): LabPipe {
    this.opened += 1;
    return new LabPipe(signal);
  }

  /** The reader's side: the pipe `id` names, taken out of the registry (undefined when no streaming stage wrote it). */
  claim(id: string): Entry | undefined {
    const entry = this.waiting.get(id);
    this.waiting.delete(id);
    return entry;
  }

  /** Gives the stage that will write as `id` an existing pipe to write into. */
  provide(id: string, pipe: LabPipe): void {
    this.provided.set(id, pipe);
  }

  takeProvided(id: string): LabPipe | undefined {
    const pipe = this.provided.get(id);
    this.provided.delete(id);
    return pipe;
  }

  /** At the end of a script: a pipe nobody read (its reader never ran) is closed, so its writer ends as on SIGPIPE. */
  abandonAll(): void {
    for (const { pipe } of this.waiting.values()) pipe.closeRead();
    this.waiting.clear();
    this.provided.clear();
  }
}
