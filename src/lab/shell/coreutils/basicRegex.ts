// POSIX basic regular expressions (with GNU's \+ \? \| extensions) rewritten as extended ones, for tools whose engine reads only ERE.

/** BRE -> ERE: `\( \) \{ \} \+ \? \|` become operators, bare `( ) { } + ? |` become literals; bracket expressions are kept as written. */
export function basicToExtended(pattern: string): string {
  let out = '';
  let i = 0;
  // A leading `*` (or one right after `\(` or `^`) is a literal in a BRE.
  let atStart = true;
  while (i < pattern.length) {
    const char = pattern[i];
    if (char === '[') {
      const end = bracketEnd(pattern, i);
      out += pattern.slice(i, end);
      i = end;
      atStart = false;
      continue;
    }
    if (char === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1];
      out += '(){}+?|'.includes(next) ? next : `\\${next}`;
      atStart = next === '(' || next === '|';
      i += 2;
      continue;
    }
    if (char === '*' && atStart) out += '\\*';
    else if ('(){}+?|'.includes(char)) out += `\\${char}`;
    else out += char;
    atStart = char === '^' && atStart;
    i++;
  }
  return out;
}

/** The index just past the bracket expression that opens at `start` (`[]a]`, `[^]a]` and `[[:digit:]]` included). */
function bracketEnd(pattern: string, start: number): number {
  let at = start + 1;
  if (pattern[at] === '^') at++;
  if (pattern[at] === ']') at++;
  while (at < pattern.length && pattern[at] !== ']') {
    const kind = pattern[at + 1];
    if (pattern[at] === '[' && (kind === ':' || kind === '.' || kind === '=')) {
      const close = pattern.indexOf(`${kind}]`, at + 2);
      at = close < 0 ? at + 1 : close + 2;
    } else at++;
  }
  return Math.min(at + 1, pattern.length);
}

const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f',
};

/** A JavaScript RegExp for a POSIX extended expression (character classes such as `[:digit:]` spelled out; C locale). */
export function extendedToJs(pattern: string, flags = ''): RegExp {
  return new RegExp(pattern.replace(/\[:([a-z]+):\]/g, (whole, name: string) => CLASSES[name] ?? whole), flags);
}
