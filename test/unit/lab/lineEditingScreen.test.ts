// Line editing drawn on a model xterm screen: after every key the screen shows prompt+line wrapped at the margin and the cursor where it belongs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineDiscipline } from '../../../src/lab/terminal/LineDiscipline';
import type { LineShell } from '../../../src/lab/terminal/LineShell';

const PROMPT = 'sh-4.2$ ';

/** Just enough of xterm: printing with pending wrap at the right margin, CR, LF, BS, CUU/CUD/CUF/CUB, EL, ED. */
class ModelScreen {
  rows: string[][] = [[]];
  row = 0;
  column = 0;
  pendingWrap = false;

  constructor(private readonly columns: number) {}

  write(text: string): void {
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i];
      if (char === '\x1b' && text[i + 1] === '[') {
        const match = /^\[([0-9;]*)([A-Za-z])/.exec(text.slice(i + 1));
        if (!match) throw new Error(`unknown escape at ${JSON.stringify(text.slice(i, i + 8))}`);
        this.csi(Number(match[1] || '1'), match[2]);
        i += match[0].length;
      } else if (char === '\r') {
        this.column = 0;
        this.pendingWrap = false;
      } else if (char === '\n') {
        this.row += 1;
        this.pendingWrap = false;
      } else if (char === '\b') {
        this.column = Math.max(0, this.column - 1);
        this.pendingWrap = false;
      } else {
        if (this.pendingWrap) {
          this.row += 1;
          this.column = 0;
          this.pendingWrap = false;
        }
        (this.rows[this.row] ??= [])[this.column] = char;
        if (this.column === this.columns - 1) this.pendingWrap = true;
        else this.column += 1;
      }
    }
  }

  private csi(count: number, final: string): void {
    this.pendingWrap = false;
    if (final === 'A') this.row = Math.max(0, this.row - count);
    else if (final === 'B') this.row += count;
    else if (final === 'C') this.column = Math.min(this.columns - 1, this.column + count);
    else if (final === 'D') this.column = Math.max(0, this.column - count);
    else if (final === 'K') this.rows[this.row] = (this.rows[this.row] ?? []).slice(0, this.column);
    else if (final === 'J') {
      this.rows[this.row] = (this.rows[this.row] ?? []).slice(0, this.column);
      this.rows.length = this.row + 1;
    } else throw new Error(`unmodelled CSI ${final}`);
  }

  text(): string[] {
    const lines = Array.from({ length: this.rows.length }, (_, r) => Array.from({ length: this.columns }, (_, c) => this.rows[r]?.[c] ?? ' ').join('').trimEnd());
    while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }
}

function wrapped(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < text.length || lines.length === 0; i += columns) lines.push(text.slice(i, i + columns).trimEnd());
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The editing semantics the discipline must implement, as a plain model. */
function applyKey(model: { line: string; cursor: number }, key: string): void {
  const { line, cursor } = model;
  if (key === '\x7f') {
    if (cursor > 0) Object.assign(model, { line: line.slice(0, cursor - 1) + line.slice(cursor), cursor: cursor - 1 });
  } else if (key === '\x1b[D') model.cursor = Math.max(0, cursor - 1);
  else if (key === '\x1b[C') model.cursor = Math.min(line.length, cursor + 1);
  else if (key === '\x1b[H') model.cursor = 0;
  else if (key === '\x1b[F') model.cursor = line.length;
  else if (key === '\x1b[3~') model.line = line.slice(0, cursor) + line.slice(cursor + 1);
  else if (key === '\x15') Object.assign(model, { line: line.slice(cursor), cursor: 0 });
  else if (key === '\x0b') model.line = line.slice(0, cursor);
  else if (key === '\x17') {
    let start = cursor;
    while (start > 0 && line[start - 1] === ' ') start -= 1;
    while (start > 0 && line[start - 1] !== ' ') start -= 1;
    Object.assign(model, { line: line.slice(0, start) + line.slice(cursor), cursor: start });
  } else Object.assign(model, { line: line.slice(0, cursor) + key + line.slice(cursor), cursor: cursor + 1 });
}

const KEYS = ['a', 'b', 'c', ' ', 'x', 'y', 'z', '\x7f', '\x1b[D', '\x1b[D', '\x1b[C', '\x1b[H', '\x1b[F', '\x1b[3~', '\x15', '\x0b', '\x17'];

for (const columns of [12, 20, 80]) {
  test(`random editing on a ${columns}-column terminal keeps screen and cursor right`, async () => {
    const executed: string[] = [];
    const shell: LineShell = { prompt: () => PROMPT, execute: async (line) => void executed.push(line) };
    const terminal = new LineDiscipline(shell, { columns, rows: 24 });
    const screen = new ModelScreen(columns);
    terminal.onOutput((data) => screen.write(Buffer.from(data).toString('utf8')));
    await Promise.resolve();
    let seed = columns * 7919;
    const model = { line: '', cursor: 0 };
    for (let step = 0; step < 600; step += 1) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // Bias towards typing so lines grow past the margin.
      const key = seed % 3 === 0 ? KEYS[seed % KEYS.length] : 'abcdefgh '[seed % 9];
      terminal.write(Buffer.from(key));
      applyKey(model, key);
      const context = `step ${step}, key ${JSON.stringify(key)}, line ${JSON.stringify(model.line)}, cursor ${model.cursor}`;
      assert.deepEqual(screen.text(), wrapped(PROMPT + model.line, columns), context);
      const offset = PROMPT.length + model.cursor;
      assert.deepEqual([screen.row, screen.column, screen.pendingWrap], [Math.floor(offset / columns), offset % columns, false], context);
    }
    terminal.write(Buffer.from('\r'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(executed, [model.line]);
  });
}
