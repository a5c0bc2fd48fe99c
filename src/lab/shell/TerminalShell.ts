// Session Manager's view of the shell: bytes in, bytes out, with a basic line discipline (echo, backspace, Ctrl-C, Ctrl-D)
// and a stack of shells (`sudo su` / `sudo -i` open a root shell, `exit` returns to the one below).
import { Disposable, InteractiveShell, OutputFlow } from '../hosts/ClientHost';
import { OutputSink, ShellUser, TerminalStream } from './CommandContext';
import { canRead } from './filePermissions';
import { ShellExit, ShellSession, SubshellRequest } from './ShellSession';

const encoder = new TextEncoder();
const CR = Buffer.from('\r');

/** The terminal's ONLCR on bytes: "\n" becomes "\r\n" (one already after "\r" is kept); every other byte passes as a pty passes it. */
function crBeforeLf(bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buffer.indexOf(0x0a);
  if (at < 0) return bytes;
  const parts: Buffer[] = [];
  let from = 0;
  for (; at >= 0; at = buffer.indexOf(0x0a, at + 1)) {
    if (at > 0 && buffer[at - 1] === 0x0d) continue;
    parts.push(buffer.subarray(from, at), CR);
    from = at;
  }
  parts.push(buffer.subarray(from));
  return Buffer.concat(parts);
}

interface StackedShell {
  readonly shell: ShellSession;
  readonly prompt: () => string;
}

export class TerminalShell implements InteractiveShell {
  private readonly outputListeners = new Set<(data: Uint8Array) => void>();
  private readonly exitListeners = new Set<(code: number) => void>();
  private readonly stack: StackedShell[];
  private line = '';
  /** Lines of a command still being typed (shown with the `> ` prompt). */
  private pending: string | undefined;
  private queue = '';
  private running: AbortController | undefined;
  private closed = false;
  private lastWasCr = false;
  private started = false;
  /** The session's flow control: a command streaming to the screen waits on it while the client is behind. */
  private flow: OutputFlow | undefined;
  columns: number;
  rows: number;

  constructor(
    shell: ShellSession,
    prompt: string,
    size: { columns: number; rows: number },
    /** Builds the root shell `sudo su` asks for, with its bash prompt. */
    private readonly subshell: (user: ShellUser, cwd: string) => StackedShell,
  ) {
    this.stack = [{ shell, prompt: () => prompt }];
    this.columns = size.columns;
    this.rows = size.rows;
  }

  private get top(): StackedShell {
    return this.stack[this.stack.length - 1];
  }

  /** Prints the first prompt (once): done when the first output listener attaches, or by the first write. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.emit(this.top.prompt());
  }

  write(data: Uint8Array): void {
    if (this.closed) return;
    this.start();
    const text = new TextDecoder().decode(data);
    if (this.running && text.includes('\x03')) {
      this.running.abort();
      // With an INT trap set, bash ends only the running command, starts a new line and goes on with the rest.
      this.emit(this.top.shell.interruptTrap === undefined ? '^C' : '^C\r\n');
    }
    this.queue += this.running ? text.split('\x03').join('') : text;
    if (!this.running) void this.drain();
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    for (const { shell } of this.stack) {
      shell.env.set('COLUMNS', String(columns));
      shell.env.set('LINES', String(rows));
    }
  }

  onOutput(listener: (data: Uint8Array) => void): Disposable {
    this.outputListeners.add(listener);
    this.start();
    return { dispose: () => this.outputListeners.delete(listener) };
  }

  useOutputFlow(flow: OutputFlow): void {
    this.flow = flow;
  }

  onExit(listener: (exitCode: number) => void): Disposable {
    this.exitListeners.add(listener);
    return { dispose: () => this.exitListeners.delete(listener) };
  }

  close(): void {
    if (this.closed) return;
    this.running?.abort();
    this.finish(this.stack[0].shell.lastStatus);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.closed && !this.running) {
      const char = this.queue[0];
      this.queue = this.queue.slice(1);
      if (char === '\x1b') {
        // Drop escape sequences (arrow keys and the like): ESC [ params final-byte.
        const match = /^\[[0-9;]*[@-~]|^O./.exec(this.queue);
        if (match) this.queue = this.queue.slice(match[0].length);
        continue;
      }
      if (char === '\n' && this.lastWasCr) {
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = char === '\r';
      if (char === '\r' || char === '\n') await this.submit();
      else if (char === '\x7f' || char === '\b') {
        if (this.line.length > 0) {
          this.line = [...this.line].slice(0, -1).join('');
          this.emit('\b \b');
        }
      } else if (char === '\x03') {
        this.line = '';
        this.pending = undefined;
        this.emit('^C');
        await this.runInterruptTrap();
        if (!this.closed) this.emit(`\r\n${this.top.prompt()}`);
      } else if (char === '\x04') {
        if (this.line.length === 0) this.leaveShell(this.top.shell.lastStatus);
      } else if (char === '\t') {
        this.complete();
      } else if (char === '\x15') {
        this.emit('\b \b'.repeat([...this.line].length));
        this.line = '';
      } else if (char >= ' ') {
        this.line += char;
        this.emit(char);
      }
    }
  }

  private async submit(): Promise<void> {
    this.emit('\r\n');
    const line = this.pending === undefined ? this.line : `${this.pending}\n${this.line}`;
    this.line = '';
    // An unfinished command (open quote, `do` without `done`, heredoc, trailing `|`) continues at bash's PS2 prompt.
    if (this.top.shell.isIncomplete(line)) {
      this.pending = line;
      this.emit('> ');
      return;
    }
    this.pending = undefined;
    const controller = new AbortController();
    this.running = controller;
    const { shell } = this.top;
    const trapped = shell.interruptTrap !== undefined;
    const sink: OutputSink = { write: (chunk) => this.emitOutput(chunk) };
    const terminal: TerminalStream = { write: (chunk) => this.emitBytes(crBeforeLf(chunk)), whenWritable: () => this.roomFor(controller.signal) };
    try {
      await shell.executeLine(line, { stdout: sink, stderr: sink, signal: controller.signal, terminal });
      if (controller.signal.aborted && !trapped) {
        shell.lastStatus = 130;
        this.emit('\r\n');
      }
    } catch (error) {
      if (error instanceof SubshellRequest) {
        shell.lastStatus = 0;
        this.stack.push(this.subshell(error.user, error.login ? (error.user === 'root' ? '/root' : '/home/ssm-user') : shell.cwd));
      } else if (error instanceof ShellExit) {
        this.running = undefined;
        this.leaveShell(error.status ?? shell.lastStatus, error.flushExitTrap);
        return;
      } else {
        // A command that failed inside the emulation ends alone: thrown on, it would end the whole lab process.
        shell.lastStatus = 1;
        this.emit(`sh: ${line.trim().split(/\s+/)[0] ?? ''}: ${error instanceof Error ? error.message : String(error)}\r\n`);
      }
    } finally {
      this.running = undefined;
    }
    if (!this.closed) this.emit(this.top.prompt());
  }

  /** Resolves once the session has room for more output, or at once when the line is interrupted (Ctrl-C) or the terminal closed. */
  private roomFor(signal: AbortSignal): Promise<void> {
    const flow = this.flow;
    if (!flow || !flow.paused || signal.aborted || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done);
      void flow.whenWritable().then(done);
    });
  }

  /** Tab: completes the last word as a file name (readline's default); rings the bell when nothing is added. */
  private complete(): void {
    const { shell } = this.top;
    const word = /[^\s'"<>|;&]*$/.exec(this.line)?.[0] ?? '';
    const slash = word.lastIndexOf('/');
    const dirPart = word.slice(0, slash + 1);
    const prefix = word.slice(slash + 1);
    const dirPath = dirPart.startsWith('~/') ? `${shell.env.get('HOME') ?? '/'}/${dirPart.slice(2)}` : dirPart || '.';
    const dir = shell.host.fs.tryResolve(dirPath, shell.cwd);
    const names = dir?.node.kind === 'dir' && canRead(shell.user, dir.node) ? [...dir.node.children.keys()].filter((name) => name.startsWith(prefix) && (prefix.startsWith('.') || !name.startsWith('.'))) : [];
    if (names.length === 0) return this.emit('\x07');
    let common = names[0];
    for (const name of names) while (!name.startsWith(common)) common = common.slice(0, -1);
    let added = common.slice(prefix.length);
    if (names.length === 1 && dir?.node.kind === 'dir') added += dir.node.children.get(common)?.kind === 'dir' ? '/' : ' ';
    if (added.length === 0) return this.emit('\x07');
    this.line += added;
    this.emit(added);
  }

  /** Ctrl-C at the prompt runs the INT trap set there (an `exit` in it ends the shell). */
  private async runInterruptTrap(): Promise<void> {
    const sink: OutputSink = { write: (chunk) => this.emitOutput(chunk) };
    try {
      await this.top.shell.runInterruptTrap({ stdout: sink, stderr: sink });
    } catch (error) {
      if (!(error instanceof ShellExit)) throw error;
      this.emit('\r\n');
      this.leaveShell(error.status, error.flushExitTrap);
    }
  }

  /** `exit` or Ctrl-D: back to the shell below, or the end of the session. */
  private leaveShell(code: number, flushExitTrap: () => void = () => undefined): void {
    this.emit('exit\r\n');
    flushExitTrap();
    if (this.stack.length > 1) {
      this.stack.pop();
      this.top.shell.lastStatus = code;
      this.emit(this.top.prompt());
      return;
    }
    this.finish(code);
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.exitListeners) listener(code);
  }

  /** Command output goes through the terminal's ONLCR: "\n" becomes "\r\n". */
  private emitOutput(chunk: string | Uint8Array): void {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
    this.emit(text.replace(/\r?\n/g, '\r\n'));
  }

  private emit(text: string): void {
    if (text.length > 0) this.emitBytes(encoder.encode(text));
  }

  private emitBytes(bytes: Uint8Array): void {
    if (this.closed || bytes.length === 0) return;
    for (const listener of this.outputListeners) listener(bytes);
  }
}
