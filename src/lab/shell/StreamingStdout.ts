// stdout of a lab command whose output is the terminal: small output is returned whole as any command's; past 64 KiB it streams to the session with its flow control.
import type { OutputSink, TerminalStream } from './CommandContext';
import type { OutputChunk } from './OutputCollector';

/**
 * Output held before streaming starts. Below it a command behaves exactly as one whose output is returned at its end
 * (its place among the line's other output and messages is unchanged); above it the output goes to the screen as it is
 * written, ahead of stdout that earlier commands of the same line have not yet shown.
 */
export const STREAM_AFTER_BYTES = 64 * 1024;

export class StreamingStdout implements OutputSink {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private streaming = false;

  constructor(
    private readonly terminal: TerminalStream,
    /** The owner's journal of writes (fd 1), kept for held output so messages keep their order around it. */
    private readonly journal: OutputChunk[],
  ) {}

  get isStreaming(): boolean {
    return this.streaming;
  }

  write(chunk: string | Uint8Array): void {
    // A copy, as write(2) copies: the writer may reuse its buffer once this returns, while the bytes wait to be sent.
    const bytes = Buffer.from(chunk);
    if (this.streaming) {
      this.terminal.write(bytes);
      return;
    }
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    this.journal.push({ fd: 1, text: bytes.toString('utf8') });
    if (this.heldBytes <= STREAM_AFTER_BYTES) return;
    this.streaming = true;
    this.terminal.beforeStreaming?.();
    for (const part of this.held) this.terminal.write(part);
    this.held = [];
    this.heldBytes = 0;
  }

  whenWritable(): Promise<void> {
    return this.streaming ? this.terminal.whenWritable() : Promise.resolve();
  }

  /** What was not streamed, returned as the command's stdout. */
  bytes(): Buffer {
    return Buffer.concat(this.held);
  }
}
