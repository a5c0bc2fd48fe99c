// Tokenizer and parser for the emulated sh: quoting, $? / $VAR / ~, |, &&, ||, ;, and >, >>, <, 2>, 2>&1 redirections.

export type WordPart = { readonly kind: 'text'; readonly text: string; readonly quoted: boolean } | { readonly kind: 'var'; readonly name: string };
export type Word = readonly WordPart[];

export interface Redirect {
  readonly fd: number;
  readonly op: '>' | '>>' | '<' | '>&';
  readonly target: Word;
}

export interface SimpleCommand {
  readonly words: Word[];
  readonly redirects: Redirect[];
}

export interface ListItem {
  readonly pipeline: SimpleCommand[];
  /** How this pipeline connects to the next one. */
  readonly next: ';' | '&&' | '||';
}

export class ShellSyntaxError extends Error {}

type Token = { type: 'word'; word: WordPart[] } | { type: 'op'; op: '|' | '||' | '&&' | ';' } | { type: 'redir'; fd: number; op: Redirect['op'] };

const VAR_START = /[A-Za-z_]/;
const VAR_CHAR = /[A-Za-z0-9_]/;

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let word: WordPart[] | undefined;
  const pushText = (text: string, quoted: boolean) => {
    word ??= [];
    word.push({ kind: 'text', text, quoted });
  };
  const endWord = () => {
    if (word) tokens.push({ type: 'word', word });
    word = undefined;
  };
  const readVar = (i: number): { part: WordPart; next: number } | undefined => {
    const next = line[i + 1];
    if (next === '?') return { part: { kind: 'var', name: '?' }, next: i + 2 };
    if (next === '{') {
      const close = line.indexOf('}', i);
      if (close < 0) throw new ShellSyntaxError('bad substitution');
      return { part: { kind: 'var', name: line.slice(i + 2, close) }, next: close + 1 };
    }
    if (next !== undefined && VAR_START.test(next)) {
      let end = i + 1;
      while (end < line.length && VAR_CHAR.test(line[end])) end += 1;
      return { part: { kind: 'var', name: line.slice(i + 1, end) }, next: end };
    }
    return undefined;
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      endWord();
      i += 1;
    } else if (c === '#' && !word) {
      break;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      pushText(line.slice(i + 1, close), true);
      i = close + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      word ??= [];
      for (;;) {
        if (j >= line.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
        const d = line[j];
        if (d === '"') break;
        if (d === '\\' && j + 1 < line.length && '$`"\\'.includes(line[j + 1])) {
          text += line[j + 1];
          j += 2;
        } else if (d === '$' && readVar(j)) {
          const found = readVar(j)!;
          if (text) pushText(text, true);
          text = '';
          word.push(found.part);
          j = found.next;
        } else {
          text += d;
          j += 1;
        }
      }
      pushText(text, true);
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 < line.length) pushText(line[i + 1], true);
      i += 2;
    } else if (c === '$' && readVar(i)) {
      const found = readVar(i)!;
      word ??= [];
      word.push(found.part);
      i = found.next;
    } else if (c === '~' && !word && (line[i + 1] === undefined || line[i + 1] === '/' || line[i + 1] === ' ')) {
      word = [{ kind: 'var', name: 'HOME' }];
      i += 1;
    } else if (c === '|' || c === '&' || c === ';') {
      endWord();
      const two = line.slice(i, i + 2);
      if (two === '||' || two === '&&') {
        tokens.push({ type: 'op', op: two });
        i += 2;
      } else if (c === '&') {
        throw new ShellSyntaxError('background jobs (&) are not supported by this shell; run the command in the foreground.');
      } else {
        tokens.push({ type: 'op', op: c as '|' | ';' });
        i += 1;
      }
    } else if (c === '>' || c === '<') {
      let fd = c === '>' ? 1 : 0;
      if (word && word.length === 1 && word[0].kind === 'text' && !word[0].quoted && /^\d$/.test(word[0].text)) {
        fd = Number(word[0].text);
        word = undefined;
      }
      endWord();
      if (line.slice(i, i + 2) === '>>') {
        tokens.push({ type: 'redir', fd, op: '>>' });
        i += 2;
      } else if (line.slice(i, i + 2) === '>&') {
        tokens.push({ type: 'redir', fd, op: '>&' });
        i += 2;
      } else {
        tokens.push({ type: 'redir', fd, op: c });
        i += 1;
      }
    } else {
      let j = i;
      while (j < line.length && !" \t\n'\"\\$|&;<>".includes(line[j])) j += 1;
      if (j === i) j += 1;
      pushText(line.slice(i, j), false);
      i = j;
    }
  }
  endWord();
  return tokens;
}

/** Parses one line into a list of pipelines; an empty line gives an empty list. */
export function parseShellLine(line: string): ListItem[] {
  const tokens = tokenize(line);
  const items: ListItem[] = [];
  let pipeline: SimpleCommand[] = [];
  let command: { words: Word[]; redirects: Redirect[] } = { words: [], redirects: [] };
  const unexpected = (token: string) => new ShellSyntaxError(`syntax error near unexpected token \`${token}'`);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token.type === 'word') command.words.push(token.word);
    else if (token.type === 'redir') {
      const target = tokens[i + 1];
      if (target?.type !== 'word') throw unexpected(target?.type === 'op' ? target.op : 'newline');
      command.redirects.push({ fd: token.fd, op: token.op, target: target.word });
      i += 1;
    } else {
      if (command.words.length === 0 && command.redirects.length === 0) throw unexpected(token.op);
      pipeline.push(command);
      command = { words: [], redirects: [] };
      if (token.op !== '|') {
        items.push({ pipeline, next: token.op });
        pipeline = [];
      } else if (i === tokens.length - 1) throw unexpected('newline');
    }
  }
  if (command.words.length > 0 || command.redirects.length > 0) pipeline.push(command);
  if (pipeline.length > 0) items.push({ pipeline, next: ';' });
  else if (items.length > 0 && items[items.length - 1].next !== ';') throw unexpected('newline');
  return items;
}
