// An output sink that keeps what a command writes and notes each write in its shell's journal, so messages keep their order among the output on a terminal.
import type { OutputSink } from './CommandContext';

export interface OutputChunk {
  readonly fd: 1 | 2;
  readonly text: string;
}

export class OutputCollector implements OutputSink {
  readonly chunks: Buffer[] = [];
  constructor(
    private readonly fd: 1 | 2,
    private readonly journal: OutputChunk[],
  ) {}
  write(chunk: string | Uint8Array): void {
    // A copy, as write(2) copies: the writer may reuse its buffer (tar's records, dd's blocks) once this returns.
    const bytes = Buffer.from(chunk);
    this.chunks.push(bytes);
    this.journal.push({ fd: this.fd, text: bytes.toString('utf8') });
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
