// Exit-status markers around a command typed into an interactive sh: what to type, how to read the result, and what a terminal hides.
//
// Contract (shared by runVisible and any Pseudoterminal that shows the session):
//   typed:  echo "__tgw""_<id>_begin"; <command>; echo "__tgw""_<id>_end_$?"\r
//   output: the shell echoes the typed line, then prints `__tgw_<id>_begin`, the command's own output,
//           and `__tgw_<id>_end_<status>` on lines of their own.
// The quotes split the marker in the typed text, so the echoed line can never be mistaken for the
// marker lines, however the terminal wraps it. A terminal passes its output through a MarkerFilter,
// which removes the two marker lines and the typed prefix and suffix, so the user sees only
// `<command>` and its output.

export const MARKER_TAG = '__tgw';

/** The text to type (without the final Enter) to run `command` and report its exit status. */
export function markedCommandLine(command: string, id: number): string {
  return `echo "${MARKER_TAG}""_${id}_begin"; ${command}; echo "${MARKER_TAG}""_${id}_end_$?"`;
}

export interface MarkedResult {
  readonly exitCode: number;
  /** What the command printed (stdout and stderr as the terminal showed them), with `\n` line ends and no ANSI sequences. */
  readonly output: string;
}

// CSI and OSC sequences a shell or line editor may put in the output.
// eslint-disable-next-line no-control-regex -- escape sequences are control characters by definition
const ANSI_SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/** Reads one marked command's result from the raw output stream of the session. */
export class MarkerCapture {
  private buffer = '';
  private readonly begin: string;
  private readonly end: RegExp;

  constructor(readonly id: number) {
    this.begin = `${MARKER_TAG}_${id}_begin`;
    this.end = new RegExp(`${MARKER_TAG}_${id}_end_(\\d+)\\r?\\n`);
  }

  /** Feeds output; returns the result once the end marker has arrived. */
  push(text: string): MarkedResult | undefined {
    this.buffer += text;
    const beginAt = this.findBeginLine();
    if (beginAt === undefined) return undefined;
    const rest = this.buffer.slice(beginAt);
    const end = this.end.exec(rest);
    if (!end) return undefined;
    const raw = rest.slice(0, end.index);
    return { exitCode: Number(end[1]), output: stripAnsi(raw).replace(/\r+\n/g, '\n').replace(/\r/g, '') };
  }

  /** Index just after the begin marker's line end. */
  private findBeginLine(): number | undefined {
    const at = this.buffer.indexOf(this.begin);
    if (at < 0) return undefined;
    const newline = this.buffer.indexOf('\n', at);
    return newline < 0 ? undefined : newline + 1;
  }
}

const HIDDEN = [
  /echo "__tgw""_\d+_begin"; /g,
  /; echo "__tgw""_\d+_end_\$\?"/g,
  /__tgw_\d+_(?:begin|end_\d+)\r?\n/g,
];
const LEADS = ['echo "__tgw""_', '; echo "__tgw""_', '__tgw_'];
/** Longest marker text after its lead, e.g. `4294967295_end_255"` + line end. */
const MAX_AFTER_LEAD = 40;
const MARKER_BODY = /^[0-9a-z_$?"; ]*\r?$/;

/**
 * Removes marker lines and the typed prefix/suffix from terminal output. Text that may be the start of
 * a marker is held back until the next push; call flush() when the output has been idle briefly
 * (e.g. 30 ms) so a held partial match (a user typing `e`) is shown.
 */
export class MarkerFilter {
  private held = '';

  get holding(): boolean {
    return this.held.length > 0;
  }

  /** Returns the text to show now. */
  push(chunk: string): string {
    let text = this.held + chunk;
    for (const pattern of HIDDEN) text = text.replace(pattern, '');
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
  const window = Math.max(0, text.length - (LEADS[1].length + MAX_AFTER_LEAD));
  for (let start = window; start < text.length; start += 1) {
    const tail = text.slice(start);
    for (const lead of LEADS) {
      if (lead.startsWith(tail)) return start;
      if (tail.startsWith(lead) && MARKER_BODY.test(tail.slice(lead.length))) return start;
    }
  }
  return text.length;
}
