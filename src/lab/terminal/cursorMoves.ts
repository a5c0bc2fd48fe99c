// Cursor arithmetic for editing a line that wraps at the terminal's right margin (xterm semantics: CUU/CUD/CUF/CUB, pending wrap).

const CSI = '\x1b[';

/** Moves from one offset to another; offsets count columns from the start of the prompt's row. */
export function cursorMove(from: number, to: number, columns: number): string {
  if (from === to) return '';
  const fromRow = Math.floor(from / columns);
  const toRow = Math.floor(to / columns);
  const fromColumn = from % columns;
  const toColumn = to % columns;
  let moves = '';
  if (toRow < fromRow) moves += `${CSI}${fromRow - toRow}A`;
  else if (toRow > fromRow) moves += `${CSI}${toRow - fromRow}B`;
  if (toColumn < fromColumn) moves += `${CSI}${fromColumn - toColumn}D`;
  else if (toColumn > fromColumn) moves += `${CSI}${toColumn - fromColumn}C`;
  return moves;
}

/**
 * After text that ended exactly at the right margin the cursor waits on the last column ("pending wrap");
 * a space and a carriage return put it at the start of the next row, where the offset arithmetic expects it.
 */
export function settleWrap(end: number, columns: number): string {
  return end > 0 && end % columns === 0 ? ' \r' : '';
}

/** Columns a prompt occupies: its characters without escape sequences. */
export function visibleWidth(text: string): number {
  let width = 0;
  let inEscape = false;
  for (const char of text) {
    if (inEscape) {
      // CSI parameters run until a final byte from @ to ~ ('[' itself opens the sequence).
      if (char !== '[' && char >= '@' && char <= '~') inEscape = false;
    } else if (char === '\x1b') {
      inEscape = true;
    } else {
      width += 1;
    }
  }
  return width;
}
