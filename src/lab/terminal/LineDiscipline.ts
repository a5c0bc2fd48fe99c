// Terminal line discipline over a LineShell: echo, line editing, history, Ctrl-C/Ctrl-D, so a session feels like a real `sh-4.2$` prompt.
import type { Disposable, InteractiveShell } from '../hosts/ClientHost';
import { cursorMove, settleWrap, visibleWidth } from './cursorMoves';
import type { LineShell } from './LineShell';

const HISTORY_LIMIT = 500;
const ESC = '\x1b';

type Listener<T> = (value: T) => void;

export class LineDiscipline implements InteractiveShell {
  private readonly outputListeners = new Set<Listener<Uint8Array>>();
  private readonly exitListeners = new Set<Listener<number>>();
  private readonly decoder = new TextDecoder('utf-8');
  private line: string[] = [];
  private cursor = 0;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private draft: string[] = [];
  private escape = '';
  private running: AbortController | undefined;
  private typeahead: string[] = [];
  private columns: number;
  private rows: number;
  private finished = false;
  private started = false;
  /** Columns taken by the prompt on the line being edited. */
  private promptWidth = 0;

  constructor(private readonly shell: LineShell, size: { columns: number; rows: number }) {
    this.columns = size.columns;
    this.rows = size.rows;
    queueMicrotask(() => this.start());
  }

  write(data: Uint8Array): void {
    this.start();
    for (const char of this.decoder.decode(data, { stream: true })) {
      if (this.finished) return;
      if (this.running) {
        if (char === '\x03') this.interrupt();
        else this.typeahead.push(char);
      } else {
        this.key(char);
      }
    }
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
  }

  onOutput(listener: Listener<Uint8Array>): Disposable {
    this.outputListeners.add(listener);
    return { dispose: () => this.outputListeners.delete(listener) };
  }

  onExit(listener: Listener<number>): Disposable {
    this.exitListeners.add(listener);
    return { dispose: () => this.exitListeners.delete(listener) };
  }

  close(): void {
    this.finished = true;
    this.running?.abort();
    this.running = undefined;
  }

  /** The first prompt, once listeners had a chance to subscribe (or at the first keystroke). */
  private start(): void {
    if (this.started) return;
    this.started = true;
    this.showPrompt();
  }

  private showPrompt(): void {
    const prompt = this.shell.prompt();
    this.promptWidth = visibleWidth(prompt);
    this.emit(prompt);
  }

  private key(char: string): void {
    if (this.escape) return this.escapeKey(char);
    switch (char) {
      case ESC:
        this.escape = ESC;
        return;
      case '\r':
      case '\n':
        return this.enter();
      case '\x7f':
      case '\b':
        return this.backspace();
      case '\x03':
        this.emit('^C\r\n');
        this.resetLine();
        return this.showPrompt();
      case '\x04':
        if (this.line.length === 0) return this.exit(0, 'exit\r\n');
        return this.deleteUnderCursor();
      case '\x15':
        return this.replaceLine(this.line.slice(this.cursor), 0);
      case '\x0b':
        return this.replaceLine(this.line.slice(0, this.cursor), this.cursor);
      case '\x17':
        return this.deleteWordBeforeCursor();
      case '\x0c':
        this.emit(`${ESC}[H${ESC}[2J`);
        this.showPrompt();
        return this.drawFrom(0);
      case '\x01':
        return this.moveTo(0);
      case '\x05':
        return this.moveTo(this.line.length);
      default:
        if (char < ' ') return;
        return this.insert(char);
    }
  }

  /** CSI and SS3 sequences: arrows, Home/End, Delete; anything else is swallowed. */
  private escapeKey(char: string): void {
    this.escape += char;
    const sequence = this.escape;
    if (sequence.length === 2 && char !== '[' && char !== 'O') {
      this.escape = '';
      return;
    }
    if (sequence.length <= 2 || !/[\x40-\x7e]/.test(char)) {
      if (sequence.length > 16) this.escape = '';
      return;
    }
    this.escape = '';
    const body = sequence.slice(2);
    if (body === 'A') this.historyStep(-1);
    else if (body === 'B') this.historyStep(1);
    else if (body === 'C') this.moveTo(this.cursor + 1);
    else if (body === 'D') this.moveTo(this.cursor - 1);
    else if (body === 'H' || body === '1~') this.moveTo(0);
    else if (body === 'F' || body === '4~') this.moveTo(this.line.length);
    else if (body === '3~') this.deleteUnderCursor();
  }

  /** Offset of a line index from the start of the prompt's row. */
  private offset(index: number): number {
    return this.promptWidth + index;
  }

  /** Redraws the line from `index` (where the cursor is) to its end, clears `erase` stale cells, then returns to the cursor. */
  private drawFrom(index: number, erase = 0): void {
    const text = this.line.slice(index).join('') + ' '.repeat(erase);
    const end = this.offset(this.line.length + erase);
    this.emit(`${text}${text ? settleWrap(end, this.columns) : ''}${cursorMove(end, this.offset(this.cursor), this.columns)}`);
  }

  private insert(char: string): void {
    this.line.splice(this.cursor, 0, char);
    this.cursor += 1;
    this.drawFrom(this.cursor - 1);
  }

  private backspace(): void {
    if (this.cursor === 0) return;
    this.emit(cursorMove(this.offset(this.cursor), this.offset(this.cursor - 1), this.columns));
    this.cursor -= 1;
    this.line.splice(this.cursor, 1);
    this.drawFrom(this.cursor, 1);
  }

  private deleteUnderCursor(): void {
    if (this.cursor >= this.line.length) return;
    this.line.splice(this.cursor, 1);
    this.drawFrom(this.cursor, 1);
  }

  private deleteWordBeforeCursor(): void {
    let start = this.cursor;
    while (start > 0 && this.line[start - 1] === ' ') start -= 1;
    while (start > 0 && this.line[start - 1] !== ' ') start -= 1;
    this.replaceLine([...this.line.slice(0, start), ...this.line.slice(this.cursor)], start);
  }

  private moveTo(position: number): void {
    const target = Math.max(0, Math.min(this.line.length, position));
    this.emit(cursorMove(this.offset(this.cursor), this.offset(target), this.columns));
    this.cursor = target;
  }

  /** Redraws the edited line as `next` with the cursor at `cursor`. */
  private replaceLine(next: string[], cursor: number): void {
    this.emit(`${cursorMove(this.offset(this.cursor), this.offset(0), this.columns)}${ESC}[J`);
    this.line = next;
    this.cursor = cursor;
    this.drawFrom(0);
  }

  private historyStep(direction: -1 | 1): void {
    const index = this.historyIndex + direction;
    if (index < 0 || index > this.history.length) return;
    if (this.historyIndex === this.history.length) this.draft = this.line;
    this.historyIndex = index;
    const next = index === this.history.length ? this.draft : [...this.history[index]];
    this.replaceLine([...next], next.length);
  }

  private resetLine(): void {
    this.line = [];
    this.cursor = 0;
    this.draft = [];
    this.historyIndex = this.history.length;
  }

  private enter(): void {
    const text = this.line.join('');
    this.emit('\r\n');
    if (text.trim() !== '' && this.history[this.history.length - 1] !== text) {
      this.history.push(text);
      if (this.history.length > HISTORY_LIMIT) this.history.shift();
    }
    this.resetLine();
    void this.execute(text);
  }

  private async execute(text: string): Promise<void> {
    const controller = new AbortController();
    this.running = controller;
    const write = (output: string) => {
      if (!controller.signal.aborted && !this.finished) this.emit(output.replace(/\r?\n/g, '\r\n'));
    };
    let exitCode: number | undefined;
    try {
      const result = await this.shell.execute(text, { write, signal: controller.signal, columns: this.columns, rows: this.rows });
      exitCode = result ? result.exit : undefined;
    } catch (error) {
      write(`sh: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    if (controller.signal.aborted || this.finished || this.running !== controller) return;
    this.running = undefined;
    if (exitCode !== undefined) return this.exit(exitCode, '');
    this.showPrompt();
    this.drainTypeahead();
  }

  private interrupt(): void {
    this.running?.abort();
    this.running = undefined;
    this.typeahead = [];
    this.emit('^C\r\n');
    this.showPrompt();
  }

  private drainTypeahead(): void {
    const pending = this.typeahead;
    this.typeahead = [];
    for (let i = 0; i < pending.length; i += 1) {
      if (this.running) {
        this.typeahead.push(...pending.slice(i));
        return;
      }
      this.key(pending[i]);
    }
  }

  private exit(code: number, farewell: string): void {
    if (farewell) this.emit(farewell);
    this.finished = true;
    for (const listener of [...this.exitListeners]) listener(code);
  }

  private emit(text: string): void {
    if (text === '') return;
    const bytes = Buffer.from(text, 'utf8');
    for (const listener of [...this.outputListeners]) listener(bytes);
  }
}
