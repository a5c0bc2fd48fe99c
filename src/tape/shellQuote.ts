// argv -> one POSIX sh command line: words with shell metacharacters are single-quoted.

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuoteWord(word: string): string {
  if (word !== '' && SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function toShellLine(argv: readonly string[]): string {
  return argv.map(shellQuoteWord).join(' ');
}
