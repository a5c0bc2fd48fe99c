// sort's key definitions (-k F[.C][OPTS][,F[.C][OPTS]]) and GNU's comparisons in the C locale: text, -n, -g, -h, -V, -M, with -b -d -f -i -r.
export interface Ordering {
  blanks?: boolean;
  dictionary?: boolean;
  fold?: boolean;
  printable?: boolean;
  numeric?: boolean;
  general?: boolean;
  human?: boolean;
  version?: boolean;
  month?: boolean;
  reverse?: boolean;
}

export interface KeySpec {
  readonly startField: number;
  readonly startChar: number;
  readonly endField: number;
  /** 0: the end of the field. */
  readonly endChar: number;
  readonly ordering: Ordering;
  readonly startBlanks: boolean;
  readonly endBlanks: boolean;
}

const OPTION_LETTERS: Readonly<Record<string, keyof Ordering>> = {
  b: 'blanks', d: 'dictionary', f: 'fold', i: 'printable', n: 'numeric', g: 'general', h: 'human', V: 'version', M: 'month', r: 'reverse',
};

export function orderingLetter(letter: string): keyof Ordering | undefined {
  return OPTION_LETTERS[letter];
}

/** Parses a -k argument; a string is the error text. */
export function parseKey(text: string): KeySpec | string {
  const match = /^(\d+)(?:\.(\d+))?([bdfighnMrV]*)(?:,(\d+)(?:\.(\d+))?([bdfighnMrV]*))?$/.exec(text);
  if (!match) return `invalid number at field start: invalid count at start of '${text}'`;
  const startField = Number(match[1]);
  if (startField === 0) return `field number is zero: invalid field specification '${text}'`;
  const ordering: Ordering = {};
  for (const letter of (match[3] ?? '') + (match[6] ?? '')) {
    const name = OPTION_LETTERS[letter];
    if (name) ordering[name] = true;
  }
  return {
    startField,
    startChar: match[2] === undefined ? 1 : Number(match[2]),
    endField: match[4] === undefined ? Number.POSITIVE_INFINITY : Number(match[4]),
    endChar: match[5] === undefined ? 0 : Number(match[5]),
    ordering,
    startBlanks: (match[3] ?? '').includes('b'),
    endBlanks: (match[6] ?? '').includes('b'),
  };
}

const isBlank = (char: string) => char === ' ' || char === '\t';

/** Start offsets of each field and where it ends: with a separator, between separators; without, each field starts at its leading blanks. */
function fieldBounds(line: string, separator: string | undefined): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  if (separator !== undefined) {
    let start = 0;
    for (;;) {
      const at = line.indexOf(separator, start);
      if (at < 0) break;
      bounds.push([start, at]);
      start = at + separator.length;
    }
    bounds.push([start, line.length]);
    return bounds;
  }
  let at = 0;
  while (at < line.length) {
    const start = at;
    while (at < line.length && isBlank(line[at])) at += 1;
    while (at < line.length && !isBlank(line[at])) at += 1;
    bounds.push([start, at]);
  }
  return bounds;
}

/** The text a key selects from a line. */
export function keyText(line: string, key: KeySpec, separator: string | undefined, globalBlanks: boolean): string {
  const fields = fieldBounds(line, separator);
  const skipBlanks = (from: number, limit: number) => {
    let at = from;
    while (at < limit && isBlank(line[at])) at += 1;
    return at;
  };
  const startBound = fields[key.startField - 1];
  if (!startBound) return '';
  let start = startBound[0];
  if (key.startBlanks || (globalBlanks && !hasOwnOrdering(key))) start = skipBlanks(start, startBound[1]);
  start = Math.min(start + key.startChar - 1, startBound[1]);
  let end = line.length;
  if (Number.isFinite(key.endField)) {
    const endBound = fields[key.endField - 1];
    if (!endBound) end = line.length;
    else if (key.endChar === 0) end = endBound[1];
    else {
      let from = endBound[0];
      if (key.endBlanks || (globalBlanks && !hasOwnOrdering(key))) from = skipBlanks(from, endBound[1]);
      end = Math.min(from + key.endChar, endBound[1]);
    }
  }
  return end > start ? line.slice(start, end) : '';
}

export function hasOwnOrdering(key: KeySpec): boolean {
  return Object.values(key.ordering).some(Boolean);
}

function numericValue(text: string): number {
  const match = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return 0;
  return Number(`${match[1]}${match[2] || '0'}.${match[3] ?? ''}0`);
}

const HUMAN_SUFFIXES = 'KMGTPEZY';

function humanValue(text: string): [number, number] {
  const match = /^[ \t]*(-?)(\d*)(?:\.(\d*))?([kKMGTPEZY]?)/.exec(text);
  if (!match) return [0, 0];
  const value = Number(`${match[1]}${match[2] || '0'}.${match[3] ?? ''}0`);
  const power = match[4] === '' ? 0 : HUMAN_SUFFIXES.indexOf(match[4].toUpperCase()) + 1;
  const sign = value < 0 ? -1 : value > 0 ? 1 : 0;
  return [sign * (power + 1), value];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The order of a character in a version's non-digit part: `~` first, then the end, letters, then everything else. */
function versionOrder(char: string | undefined): number {
  if (char === undefined) return 0;
  if (char === '~') return -1;
  if (/[A-Za-z]/.test(char)) return char.charCodeAt(0);
  return char.charCodeAt(0) + 256;
}

/** Debian's version comparison, as GNU's -V uses for each name. */
function compareVersions(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !/\d/.test(a[i])) || (j < b.length && !/\d/.test(b[j]))) {
      const x = i < a.length && !/\d/.test(a[i]) ? versionOrder(a[i]) : 0;
      const y = j < b.length && !/\d/.test(b[j]) ? versionOrder(b[j]) : 0;
      if (x !== y) return x - y;
      i += 1;
      j += 1;
    }
    while (a[i] === '0') i += 1;
    while (b[j] === '0') j += 1;
    let first = 0;
    while (i < a.length && j < b.length && /\d/.test(a[i]) && /\d/.test(b[j])) {
      if (first === 0) first = a.charCodeAt(i) - b.charCodeAt(j);
      i += 1;
      j += 1;
    }
    if (i < a.length && /\d/.test(a[i])) return 1;
    if (j < b.length && /\d/.test(b[j])) return -1;
    if (first !== 0) return first;
  }
  return 0;
}

function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function filtered(text: string, ordering: Ordering): string {
  let out = text;
  if (ordering.dictionary) out = out.replace(/[^A-Za-z0-9 \t]/g, '');
  else if (ordering.printable) out = out.replace(/[^\x20-\x7e]/g, '');
  if (ordering.fold) out = out.toUpperCase();
  return out;
}

/** Compares two keys by one ordering (without its -r). */
export function compareKeys(a: string, b: string, ordering: Ordering): number {
  if (ordering.numeric) return Math.sign(numericValue(a) - numericValue(b));
  if (ordering.human) {
    const [x, y] = [humanValue(a), humanValue(b)];
    return Math.sign(x[0] - y[0]) || Math.sign(x[1] - y[1]);
  }
  if (ordering.general) {
    const [x, y] = [Number.parseFloat(a), Number.parseFloat(b)];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
    return Math.sign(x - y);
  }
  if (ordering.month) {
    const month = (text: string) => MONTHS.indexOf(text.trimStart().slice(0, 3).toUpperCase());
    return Math.sign(month(a) - month(b));
  }
  if (ordering.version) return Math.sign(compareVersions(a, b));
  const start = (text: string) => (ordering.blanks ? text.replace(/^[ \t]+/, '') : text);
  return bytewise(filtered(start(a), ordering), filtered(start(b), ordering));
}
