// A tiny InteractiveShell for session tests: prompt, echo, `cat <bytes>` output generator that honours the channel's
// output flow (awaits it before each chunk, as a real shell's writer blocks on a full pty), `exit`; records resizes.
import type { ClientHost, Disposable, InteractiveShell, OutputFlow } from '../../../../src/lab/hosts/ClientHost';

export const PROMPT = '$ ';

/** The pattern's period: bits 3-10 of 31*x depend only on 31*x mod 2048, which repeats every 2,048 positions (31 is odd). */
const PERIOD = 2048;
const PATTERN = Buffer.allocUnsafe(PERIOD + 64 * 1024);
for (let i = 0; i < PATTERN.length; i += 1) PATTERN[i] = ((i * 31) >>> 3) & 0xff;

/** The bytes `cat N` emits: a repeating, position-dependent pattern so loss, duplication and reordering show. */
export function catBytes(length: number, offset = 0): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  const span = PATTERN.length - PERIOD;
  for (let done = 0; done < length; done += span) {
    const start = (offset + done) % PERIOD;
    PATTERN.copy(bytes, done, start, start + Math.min(span, length - done));
  }
  return bytes;
}

class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): Disposable {
    this.set.add(listener);
    return { dispose: () => this.set.delete(listener) };
  }
  fire(value: T): void {
    for (const listener of [...this.set]) listener(value);
  }
}

export class TestShell implements InteractiveShell {
  readonly sizes: { columns: number; rows: number }[] = [];
  closed = false;
  /** Bytes `cat` has produced so far (what the lab has been handed). */
  producedBytes = 0;
  /** True while `cat` waits for the channel to drain. */
  waitingForRoom = false;
  private flow: OutputFlow | undefined;
  private line = '';
  private readonly output = new Listeners<Uint8Array>();
  private readonly exit = new Listeners<number>();

  constructor(size: { columns: number; rows: number }, private readonly chunkBytes = 64 * 1024) {
    this.sizes.push(size);
    setImmediate(() => this.emit(PROMPT));
  }

  write(data: Uint8Array): void {
    for (const char of Buffer.from(data).toString('utf8')) {
      if (char === '\r') {
        this.emit('\r\n');
        this.run(this.line.trim());
        this.line = '';
      } else {
        this.line += char;
        this.emit(char);
      }
    }
  }

  resize(columns: number, rows: number): void {
    this.sizes.push({ columns, rows });
  }

  onOutput(listener: (data: Uint8Array) => void): Disposable {
    return this.output.add(listener);
  }

  onExit(listener: (exitCode: number) => void): Disposable {
    return this.exit.add(listener);
  }

  close(): void {
    this.closed = true;
  }

  useOutputFlow(flow: OutputFlow): void {
    this.flow = flow;
  }

  private run(command: string): void {
    const [name, argument] = command.split(/\s+/);
    if (name === 'exit') {
      this.emit('logout\r\n');
      setImmediate(() => this.exit.fire(0));
      return;
    }
    if (name === 'cat') {
      void this.cat(Number(argument));
      return;
    }
    if (name === 'size') {
      const size = this.sizes[this.sizes.length - 1];
      this.emit(`${size.columns}x${size.rows}\r\n`);
    } else if (name) {
      this.emit(`${command}\r\n`);
    }
    this.emit(PROMPT);
  }

  private async cat(total: number): Promise<void> {
    for (let offset = 0; offset < total && !this.closed; offset += this.chunkBytes) {
      if (this.flow?.paused) {
        this.waitingForRoom = true;
        await this.flow.whenWritable();
        this.waitingForRoom = false;
      }
      const chunk = catBytes(Math.min(this.chunkBytes, total - offset), offset);
      this.producedBytes += chunk.length;
      this.output.fire(chunk);
    }
    this.emit(PROMPT);
  }

  private emit(text: string): void {
    this.output.fire(Buffer.from(text, 'utf8'));
  }
}

/** A client host whose sessions are TestShells; `shells` lists them in opening order. */
export function testHost(instanceId: string): ClientHost & { readonly shells: TestShell[] } {
  const shells: TestShell[] = [];
  return {
    instanceId,
    privateIp: '10.0.1.10',
    hostname: 'ip-10-0-1-10.ec2.internal',
    runner: { run: async () => ({ stdout: '', stderr: '', exitCode: 0 }) },
    openSession: (size) => {
      const shell = new TestShell(size);
      shells.push(shell);
      return shell;
    },
    shells,
  };
}
