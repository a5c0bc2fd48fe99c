// Path queries of Find on Tape: a plain substring, or a glob (* ? [..] **) when the text has glob characters; both ignore case.

export interface PathQuery {
  readonly kind: 'substring' | 'glob';
  /** Lowercased text every match must contain (the whole substring, or the glob's longest literal run). */
  readonly literal: string;
  /** For globs: the test on a whole (lowercased) path. */
  readonly test?: (lowerPath: string) => boolean;
}

const GLOB_CHARS = /[*?[]/;

/** GNU tar stores names without a leading "/", so "/home/x" and "home/x" find the same members. */
export function parsePathQuery(text: string): PathQuery {
  const anchored = text.trim().startsWith('/');
  const trimmed = text.trim().replace(/^\/+/, '').toLowerCase();
  if (!GLOB_CHARS.test(trimmed)) return { kind: 'substring', literal: trimmed };
  const regex = globToRegExp(trimmed, anchored);
  return { kind: 'glob', literal: longestLiteral(trimmed), test: (path) => regex.test(path) };
}

/**
 * `*` and `?` stay within one path segment, `**` crosses segments, `[abc]`/`[!abc]` are classes. A pattern matches the
 * end of a path from any folder boundary ("docs/*.txt" finds "home/u/docs/a.txt"); `anchored` (the user typed a leading
 * "/") makes it match from the root.
 */
export function globToRegExp(glob: string, anchored = false): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] ?? '';
    if (char === '*') {
      if (glob[i + 1] === '*') {
        i += 1;
        // "**/" also matches no folder at all.
        if (glob[i + 1] === '/') {
          source += '(?:.*/)?';
          i += 1;
        } else source += '.*';
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        source += `[${negated ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
        i = end;
      }
    } else source += char.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${source}/?$`);
}

function longestLiteral(glob: string): string {
  let best = '';
  for (const part of glob.split(/\*+|\?|\[[^\]]*\]/)) if (part.length > best.length) best = part;
  return best;
}
