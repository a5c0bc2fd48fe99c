// Reads a session terminal's output and tells which walkthrough milestones the user has reached (library connected, tape loaded, file written, file read back). Pure.

export type Milestone = 'libraryConnected' | 'tapeLoaded' | 'fileWritten' | 'fileReadBack';

/** A shell prompt at the start of a line: sh-4.2$ , sh-5.2# , [ssm-user@ip-10-0-1-25 ~]$ . */
const PROMPT = /^(?:sh-\d+\.\d+[$#]|\[[^\]\r\n]+\][$#]) /;
// eslint-disable-next-line no-control-regex -- terminal escape sequences are what this strips
const ESCAPES = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]/g;
const CHANGER_LOGIN = /Login to \[iface: [^,\]]+, target: [^,\]]*mediachanger[^,\]]*, portal: [^\]]+\] successful\./;
const CHANGER_ALREADY_LOGGED_IN = /already present/;
const TAPE_LOADED = /Loading media from Storage Element \d+ into drive \d+\.\.\.done/;
const TAPE_DEVICE = /\/dev\/(?:n?st\d+|tape\/)/;

/** Which tar operation a command line runs: tar -c/--create or bundled "cvf"; -x/--extract or "xvf". */
function tarMode(command: string): 'create' | 'extract' | undefined {
  const tar = /\btar\s+(.*)$/.exec(command);
  if (!tar?.[1]) return undefined;
  const words = tar[1].split(/\s+/);
  const modes = new Set<string>();
  words.forEach((word, index) => {
    if (word === '--create') modes.add('c');
    else if (word === '--extract' || word === '--get') modes.add('x');
    else if (/^-[a-zA-Z]+$/.test(word) || (index === 0 && /^[a-zA-Z]+$/.test(word))) for (const letter of word.replace(/^-/, '')) modes.add(letter);
  });
  if (modes.has('c')) return 'create';
  if (modes.has('x')) return 'extract';
  return undefined;
}

/** A tar error line (not the harmless "Removing leading `/'" note). */
function hasTarError(output: readonly string[]): boolean {
  return output.some((line) => /^tar: /.test(line) && !/Removing leading/.test(line));
}

export class TerminalMilestones {
  private pending = '';
  private command: string | undefined;
  private output: string[] = [];
  private readonly reached = new Set<Milestone>();

  /** Feeds terminal output; returns the milestones reached for the first time by it. */
  feed(text: string): Milestone[] {
    const fresh: Milestone[] = [];
    this.pending += text;
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      this.line(this.pending.slice(0, newline).replace(ESCAPES, '').replace(/\r+$/, '').replace(/^.*\r/, ''), fresh);
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
    // A prompt waiting for input means the previous command has finished.
    if (this.command !== undefined && PROMPT.test(this.pending.replace(ESCAPES, ''))) this.finishCommand(fresh);
    return fresh;
  }

  private line(line: string, fresh: Milestone[]): void {
    const prompt = PROMPT.exec(line);
    if (prompt) {
      if (this.command !== undefined) this.finishCommand(fresh);
      this.command = line.slice(prompt[0].length).trim();
      this.output = [];
      return;
    }
    this.output.push(line);
    if (CHANGER_LOGIN.test(line)) this.reach('libraryConnected', fresh);
    if (TAPE_LOADED.test(line)) this.reach('tapeLoaded', fresh);
  }

  private finishCommand(fresh: Milestone[]): void {
    const command = this.command ?? '';
    if (/\biscsiadm\b.*--login|\biscsiadm\b.*\s-l\b/.test(command) && /mediachanger/.test(command) && this.output.some((line) => CHANGER_ALREADY_LOGGED_IN.test(line))) this.reach('libraryConnected', fresh);
    const mode = tarMode(command);
    if (mode && TAPE_DEVICE.test(command) && !hasTarError(this.output)) this.reach(mode === 'create' ? 'fileWritten' : 'fileReadBack', fresh);
    this.command = undefined;
    this.output = [];
  }

  private reach(milestone: Milestone, fresh: Milestone[]): void {
    if (this.reached.has(milestone)) return;
    this.reached.add(milestone);
    fresh.push(milestone);
  }
}
