// Exit-status marker after a command typed into an interactive sh: what to type, how to read the result, and what a terminal hides.
//
// Contract (shared by runVisible and any Pseudoterminal that shows the session):
//   typed:  <command>; echo "__tgw""_<id>_end_$?"\r
//   output: the shell echoes the typed line (a line editor may put " \r" in it where the line wraps),
//           then the command's own output, then `__tgw_<id>_end_<status>` on a line of its own.
// The quotes split the marker in the typed text, so the echo can never be mistaken for the marker line.
// A terminal passes output through a MarkerFilter, which removes the typed suffix from the echo and the
// marker line, so the user sees `<command>` and its output. Only a suffix is typed, so the visible part
// of the line is exactly what the shell thinks it is, and the shell's own wrapping stays right.

const MARKER_TAG = '__tgw';

/** The suffix typed after every marked command (the filter hides it in the echo). */
function markerSuffix(id: number): string {
  return `; echo "${MARKER_TAG}""_${id}_end_$?"`;
}

/** The text to type (without the final Enter) to run `command` and report its exit status. */
export function markedCommandLine(command: string, id: number): string {
  return `${command}${markerSuffix(id)}`;
}

export interface MarkedResult {
  readonly exitCode: number;
  /** What the command printed (stdout and stderr as the terminal showed them), with `\n` line ends and no ANSI sequences. */
  readonly output: string;
}

// CSI and OSC sequences a shell or line editor may put in the output.
// eslint-disable-next-line no-control-regex -- escape sequences are control characters by definition
const ANSI_SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
/** What a line editor writes when typed text reaches the right margin (readline and the lab: a space and a CR). */
const WRAP_SETTLE = / \r(?!\n)/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/** Reads one marked command's result from the raw output stream of the session, starting when it is typed. */
export class MarkerCapture {
  private buffer = '';
  private readonly suffix: string;
  private readonly end: RegExp;

  constructor(readonly id: number) {
    this.suffix = markerSuffix(id);
    this.end = new RegExp(`${MARKER_TAG}_${id}_end_(\\d+)\\r?\\n`);
  }

  /** Feeds output; returns the result once the end marker has arrived. */
  push(text: string): MarkedResult | undefined {
    this.buffer += text;
    const plain = stripAnsi(this.buffer).replace(WRAP_SETTLE, '');
    const echoed = plain.indexOf(this.suffix);
    if (echoed < 0) return undefined;
    const lineEnd = plain.indexOf('\n', echoed);
    if (lineEnd < 0) return undefined;
    const rest = plain.slice(lineEnd + 1);
    const end = this.end.exec(rest);
    if (!end) return undefined;
    return { exitCode: Number(end[1]), output: rest.slice(0, end.index).replace(/\r+\n/g, '\n').replace(/\r/g, '') };
  }
}

/** A regex for `literal` that also matches it with wrap settles (" \r") between its characters. */
function wrapTolerant(parts: readonly (string | RegExp)[]): string {
  const gap = '(?: \\r)?';
  return parts.map((part) => (typeof part === 'string' ? [...part].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + gap).join('') : `(?:${part.source}${gap})+`)).join('');
}

const ECHOED_SUFFIX = new RegExp(wrapTolerant(['; echo "__tgw""_', /\d/, '_end_$?"']), 'g');
const MARKER_LINE = /__tgw_\d+_end_\d+\r?\n/g;
const LEADS = ['; echo "__tgw""_', '__tgw_'];
/** Longest marker text after its lead, e.g. `4294967295_end_255"` + line end. */
const MAX_AFTER_LEAD = 40;
const MARKER_BODY = /^[0-9a-z_$?"]*\r?$/;

/**
 * Removes the typed suffix from the echo and the marker line from the output. Text that may be the
 * start of either is held back until the next push; call flush() when the output has been idle briefly
 * (e.g. 30 ms) so a held partial match (a user typing `;`) is shown.
 */
export class MarkerFilter {
  private held = '';

  get holding(): boolean {
    return this.held.length > 0;
  }

  /** Returns the text to show now. */
  push(chunk: string): string {
    const text = (this.held + chunk).replace(ECHOED_SUFFIX, '').replace(MARKER_LINE, '');
    const keepFrom = heldStart(text);
    this.held = text.slice(keepFrom);
    return text.slice(0, keepFrom);
  }

  /** Releases whatever is held. */
  flush(): string {
    const text = this.held;
    this.held = '';
    return text;
  }
}

/** Where the tail that could still become a hidden marker starts (text.length if none). */
function heldStart(text: string): number {
  const window = Math.max(0, text.length - 2 * (LEADS[0].length + MAX_AFTER_LEAD));
  for (let start = window; start < text.length; start += 1) {
    const tail = text.slice(start).replace(/ \r/g, '');
    // A trailing space may be the first half of a wrap settle.
    const beforeSettle = tail.endsWith(' ') ? tail.slice(0, -1) : tail;
    for (const lead of LEADS) {
      if (lead.startsWith(tail) || (beforeSettle && lead.startsWith(beforeSettle))) return start;
      if (beforeSettle.startsWith(lead) && MARKER_BODY.test(beforeSettle.slice(lead.length))) return start;
    }
  }
  return text.length;
}
