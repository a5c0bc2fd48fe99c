// diff's two output formats as GNU diffutils prints them: normal (`2c2`, `< `, `---`, `> `) and unified (`@@ -1,3 +1,4 @@`), from jsdiff's edit script.
import { diffArrays } from 'diff';

export interface Line {
  readonly text: string;
  /** False for a last line without its newline (`\ No newline at end of file`). */
  readonly eol: boolean;
}

export interface LineMatching {
  readonly ignoreCase?: boolean;
  readonly ignoreAllSpace?: boolean;
  readonly ignoreSpaceChange?: boolean;
}

type Op = { readonly kind: '=' | '-' | '+'; readonly a: number; readonly b: number };

export function splitLines(text: string): Line[] {
  if (text === '') return [];
  const ends = text.endsWith('\n');
  const parts = (ends ? text.slice(0, -1) : text).split('\n');
  return parts.map((part, index) => ({ text: part, eol: ends || index < parts.length - 1 }));
}

function comparable(line: Line, matching: LineMatching): string {
  let text = line.text;
  if (matching.ignoreAllSpace) text = text.replace(/[ \t\r\f\v]+/g, '');
  else if (matching.ignoreSpaceChange) text = text.replace(/[ \t\r\f\v]+/g, ' ').replace(/ $/, '');
  if (matching.ignoreCase) text = text.toLowerCase();
  return `${line.eol ? '1' : '0'}${text}`;
}

/** The edit script: every line of both files once, in order, kept (=), removed (-) or added (+). */
export function editScript(a: readonly Line[], b: readonly Line[], matching: LineMatching): Op[] {
  const keysA = a.map((line) => comparable(line, matching));
  const keysB = b.map((line) => comparable(line, matching));
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  for (const change of diffArrays(keysA, keysB)) {
    for (let n = 0; n < change.count; n += 1) {
      if (change.removed) ops.push({ kind: '-', a: i++, b: j });
      else if (change.added) ops.push({ kind: '+', a: i, b: j++ });
      else ops.push({ kind: '=', a: i++, b: j++ });
    }
  }
  return ops;
}

function shown(prefix: string, line: Line): string {
  return `${prefix}${line.text}\n${line.eol ? '' : '\\ No newline at end of file\n'}`;
}

function range(start: number, count: number): string {
  return count <= 1 ? String(start + (count === 0 ? 0 : 1)) : `${start + 1},${start + count}`;
}

export function normalFormat(a: readonly Line[], b: readonly Line[], ops: readonly Op[]): string {
  let out = '';
  for (let at = 0; at < ops.length; ) {
    if (ops[at].kind === '=') {
      at += 1;
      continue;
    }
    const first = ops[at];
    const removed: number[] = [];
    const added: number[] = [];
    while (at < ops.length && ops[at].kind !== '=') {
      if (ops[at].kind === '-') removed.push(ops[at].a);
      else added.push(ops[at].b);
      at += 1;
    }
    const letter = removed.length === 0 ? 'a' : added.length === 0 ? 'd' : 'c';
    out += `${removed.length === 0 ? String(first.a) : range(removed[0], removed.length)}${letter}${added.length === 0 ? String(first.b) : range(added[0], added.length)}\n`;
    for (const index of removed) out += shown('< ', a[index]);
    if (letter === 'c') out += '---\n';
    for (const index of added) out += shown('> ', b[index]);
  }
  return out;
}

function unifiedRange(start: number, count: number): string {
  if (count === 1) return String(start + 1);
  return `${count === 0 ? start : start + 1},${count}`;
}

export function unifiedHunks(a: readonly Line[], b: readonly Line[], ops: readonly Op[], context: number): string {
  const changed = ops.map((op, index) => (op.kind === '=' ? -1 : index)).filter((index) => index >= 0);
  let out = '';
  for (let c = 0; c < changed.length; ) {
    const start = Math.max(0, changed[c] - context);
    let end = changed[c];
    while (c < changed.length && changed[c] - end <= 2 * context) end = changed[c++];
    const stop = Math.min(ops.length - 1, end + context);
    const slice = ops.slice(start, stop + 1);
    const oldLines = slice.filter((op) => op.kind !== '+').length;
    const newLines = slice.filter((op) => op.kind !== '-').length;
    out += `@@ -${unifiedRange(slice[0].a, oldLines)} +${unifiedRange(slice[0].b, newLines)} @@\n`;
    for (const op of slice) out += op.kind === '+' ? shown('+', b[op.b]) : shown(op.kind === '-' ? '-' : ' ', a[op.a]);
  }
  return out;
}
