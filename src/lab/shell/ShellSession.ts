// One shell process on the client host, run by just-bash: a whole script (Run Command) or line after line (a terminal) with state kept between lines.
import { Bash, type ExecOptions, type ExecResult, latin1FromBytes, parse, stdoutAsBytes } from 'just-bash';
import { CarriedState, emptyCarriedState, preludeScript, readStateReport, trailerScript } from './carriedState';
import { functionSources } from './functionSources';
import { pipeCompoundStderr } from './pipedStderr';
import { HostEnvironment, OutputSink, ShellUser, TerminalStream, homeOf } from './CommandContext';
import { LabFileSystem } from './LabFileSystem';
import { strerror } from './strerror';
import { OutputChunk, SubshellRequest, labCommands } from './labCommands';
import { TERMINAL_STREAMING_COMMANDS, markTerminalStdout } from './terminalStdout';
import { endedByUnboundVariable, interruptTrapCommand, splitExitTrap } from './shellTraps';
import { SyntaxProblem, syntaxProblem } from './syntaxErrors';
import { markPipelines } from './pipes/markPipelines';
import { PipeRegistry } from './pipes/PipeRegistry';

export { SubshellRequest } from './labCommands';

export interface ShellIo {
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
  readonly signal?: AbortSignal;
  /** A terminal line's screen, with flow control: commands whose stdout is the terminal may stream to it as they run. */
  readonly terminal?: TerminalStream;
}

/** The terminal of the line now running, shared with the sudo shells a session starts. */
interface TerminalHolder {
  current: TerminalStream | undefined;
}

/** Thrown by executeLine when the line ended the shell (`exit`, or a failure under `set -e`). */
export class ShellExit extends Error {
  constructor(
    readonly status: number,
    /** Prints what the shell's EXIT trap wrote: bash runs it after it has printed `exit`. */
    readonly flushExitTrap: () => void = () => undefined,
  ) {
    super(`exit ${status}`);
  }
}


/** Where the end of each interactive line reports the shell's state; LabFileSystem hands the bytes to this session. */
const STATE_PATH = '/proc/self/fd/lab-shell-state';
/** A terminal line's stderr, opened with `exec` so each command's messages arrive as it ends. */
const TTY_ERR = '/proc/self/fd/lab-tty-err';
/** Stdout of a terminal line's statements that run before a command that may stream, kept in order with its messages. */
const TTY_OUT = '/proc/self/fd/lab-tty-out';

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export class ShellSession {
  lastStatus = 0;
  cwd: string;
  /** Exported variables the shell starts with (COLUMNS/LINES are set here by the terminal). */
  readonly env = new Map<string, string>();
  /** The name sh prints before its own errors (`sh: X: command not found`). */
  readonly name: string;
  private readonly bash: Bash;
  private readonly fs: LabFileSystem;
  /** The last line's state report (see trailerScript in carriedState.ts). */
  private readonly stateReport: Buffer[] = [];
  /** What the last line wrote to the terminal, in order. */
  private readonly screen: OutputChunk[] = [];
  private readonly others = new Map<ShellUser, ShellSession>();
  /** Writes of lab commands in order, shared with the sudo shells this one starts. */
  private readonly journal: OutputChunk[];
  private readonly terminal: TerminalHolder;
  /** Pipes between streaming stages, shared with the sudo shells this one starts. */
  readonly pipes: PipeRegistry;
  private subshell: SubshellRequest | undefined;
  /** The running line's interrupt (Ctrl-C, or the Run Command's cancel). */
  private signal: AbortSignal | undefined;
  private readonly carried: CarriedState = emptyCarriedState();

  constructor(
    readonly host: HostEnvironment,
    readonly user: ShellUser,
    options: { cwd?: string; name?: string; journal?: OutputChunk[]; terminal?: TerminalHolder; pipes?: PipeRegistry; onSubshell?: (request: SubshellRequest) => void } = {},
  ) {
    this.journal = options.journal ?? [];
    this.pipes = options.pipes ?? new PipeRegistry();
    this.terminal = options.terminal ?? { current: undefined };
    this.cwd = options.cwd ?? homeOf(user);
    this.name = options.name ?? 'sh';
    this.env.set('HOME', homeOf(user));
    this.env.set('USER', user);
    this.env.set('LOGNAME', user);
    this.env.set('PATH', '/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin');
    this.env.set('HOSTNAME', host.hostname);
    this.env.set('SHELL', '/bin/bash');
    this.fs = new LabFileSystem(host.fs, user);
    this.fs.captures.set(STATE_PATH, {
      replace: (bytes) => void this.stateReport.splice(0, this.stateReport.length, bytes),
      append: (bytes) => void this.stateReport.push(bytes),
    });
    // The terminal's stderr: what commands write there is kept in the order it was written.
    const toScreen = (bytes: Buffer) => void (bytes.length > 0 && this.screen.push({ fd: 2, text: bytes.toString('utf8') }));
    this.fs.captures.set(TTY_ERR, { replace: toScreen, append: toScreen });
    const outToScreen = (bytes: Buffer) => void (bytes.length > 0 && this.screen.push({ fd: 1, text: bytes.toString('utf8') }));
    this.fs.captures.set(TTY_OUT, { replace: outToScreen, append: outToScreen });
    this.bash = new Bash({
      fs: this.fs,
      cwd: this.cwd,
      env: Object.fromEntries(this.env),
      processInfo: { pid: 3000 + Math.floor(Math.random() * 1000), ppid: 2900, uid: user === 'root' ? 0 : 1001, gid: user === 'root' ? 0 : 1001 },
      // Its defence in depth swaps JavaScript globals (setTimeout, Function, …) while a script runs; the lab serves
      // every other request from the same process meanwhile, and runs no guest JavaScript, so it stays off.
      defenseInDepth: false,
      // Ctrl-C ends a sleep at once; just-bash then stops at the next statement.
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          this.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        }),
      customCommands: labCommands({
          host,
          user,
          runAs: (asUser, argv, env, cwd, stdin, signal) => this.shellFor(asUser).runArgv(argv, env, cwd, stdin, signal),
          journal: this.journal,
          terminalStream: () => this.terminal.current,
          pipes: this.pipes,
          signal: () => this.signal,
          // A sudo shell's `su` asks the shell that ran sudo (the one a terminal shows).
          requestSubshell: (asUser, login) => (options.onSubshell ?? ((request) => (this.subshell = request)))(new SubshellRequest(asUser, login)),
        }),
    });
  }

  private shellFor(user: ShellUser): ShellSession {
    if (user === this.user) return this;
    let shell = this.others.get(user);
    if (!shell) {
      shell = new ShellSession(this.host, user, {
        name: 'bash',
        journal: this.journal,
        terminal: this.terminal,
        pipes: this.pipes,
        onSubshell: (request) => {
          this.subshell = request;
        },
      });
      this.others.set(user, shell);
    }
    return shell;
  }

  /**
   * just-bash lets some filesystem errors escape (a redirection into a folder the user may not write); the shell prints
   * them as sh does, with status 1, and the session goes on.
   */
  private async exec(script: string, options: ExecOptions, interrupt = options.signal): Promise<ExecResult & { escaped?: true }> {
    this.signal = interrupt;
    try {
      return await this.bash.exec(script, options);
    } catch (error) {
      const { code, path, message } = error as { code?: unknown; path?: unknown; message?: unknown };
      const text = typeof code === 'string' ? (strerror(code) ?? code) : String(message ?? error);
      return { stdout: '', stderr: `bash: ${typeof path === 'string' ? `${path}: ` : ''}${text}\n`, exitCode: 1, escaped: true };
    }
  }

  /** sudo's child: argv as given (no parsing), a fresh environment. */
  private async runArgv(argv: readonly string[], env: ReadonlyMap<string, string>, cwd: string, stdin: Buffer, signal?: AbortSignal): Promise<ExecResult> {
    return this.exec(quote(argv[0]), { args: argv.slice(1), cwd, env: Object.fromEntries(env), replaceEnv: true, stdin: stdin.toString('latin1'), stdinKind: 'bytes', rawScript: true, ...(signal ? { signal } : {}) });
  }

  /** Runs a whole script as `sh` does (Run Command, UserData); its variables and functions end with it. */
  async runScript(script: string, io: ShellIo, cwd = this.cwd): Promise<number> {
    this.journal.length = 0;
    const problem = syntaxProblem(script);
    if (problem) return this.runUntilSyntaxError(problem, io, cwd);
    const result = await this.execMarked(script, { cwd, rawScript: true, ...(io.signal ? { signal: io.signal } : {}) });
    this.deliver(result, io);
    this.lastStatus = io.signal?.aborted ? 130 : result.exitCode;
    return this.lastStatus;
  }

  /** Runs a script with its adjacent streaming stages paired up (a script without such a pair runs exactly as written). */
  private async execMarked(script: string, options: ExecOptions): Promise<ExecResult & { escaped?: true }> {
    try {
      return await this.exec(markPipelines(script) ?? script, options);
    } finally {
      this.pipes.abandonAll();
    }
  }

  /** The commands before a syntax error run, then bash reports it and ends with 2 (its EXIT trap after the message). */
  private async runUntilSyntaxError(problem: SyntaxProblem, io: ShellIo, cwd: string): Promise<number> {
    this.stateReport.length = 0;
    const result = await this.execMarked(`${problem.runnable}\n: > ${STATE_PATH}`, { cwd, rawScript: true, ...(io.signal ? { signal: io.signal } : {}) });
    const { line, trap } = splitExitTrap(result);
    this.deliver(line, io);
    // An `exit` (or a set -e failure) before the bad line ends the script first, as bash never reads that far.
    if (this.stateReport.length === 0 || io.signal?.aborted) return (this.lastStatus = io.signal?.aborted ? 130 : result.exitCode);
    io.stderr.write(problem.messages.map((message) => `${this.name}: ${message}\n`).join(''));
    if (trap) this.deliver(trap, io);
    return (this.lastStatus = 2);
  }

  /**
   * Runs one line of an interactive shell: cwd, variables, arrays, functions, options and $? carry over to the next line.
   * Throws SubshellRequest (sudo -i / sudo su) or ShellExit (the line ended the shell).
   */
  async executeLine(line: string, io: ShellIo): Promise<number> {
    let problem: string | undefined;
    try {
      parse(line);
    } catch (error) {
      problem = (error instanceof Error ? error.message : String(error)).replace(/^Parse error at \d+:\d+: /, '');
    }
    // At the prompt bash names the unexpected token without a line number and without quoting the line.
    const syntax = syntaxProblem(line);
    if (syntax) problem = syntax.messages[0].replace(/^line \d+: /, '');
    if (problem !== undefined) {
      io.stderr.write(`${this.name}: ${problem}\n`);
      this.lastStatus = 2;
      return 2;
    }
    for (const [name, source] of functionSources(line)) this.carried.functions.set(name, source);
    // With an INT trap set, Ctrl-C ends only the running command and the line goes on, as in an interactive bash.
    const trapped = this.interruptTrap !== undefined;
    this.subshell = undefined;
    this.journal.length = 0;
    this.stateReport.length = 0;
    this.screen.length = 0;
    const capture = this.stateReport;
    // On a terminal both streams share one screen: `exec 2>&1` keeps each command's output and messages in the order they came.
    const merged = io.stdout === io.stderr;
    // Commands that print to the terminal itself (not a pipe, a file or a substitution) are marked so they may stream.
    const terminal = merged ? io.terminal : undefined;
    const piped = (merged && pipeCompoundStderr(line)) || line;
    const toTerminal = (terminal && markTerminalStdout(piped, TERMINAL_STREAMING_COMMANDS, TTY_OUT)) || piped;
    const script = markPipelines(toTerminal, this.carried.definedFunctions, merged) ?? toTerminal;
    // Once a command streams, what the line showed so far goes out first.
    this.terminal.current = terminal && { write: (chunk) => terminal.write(chunk), whenWritable: () => terminal.whenWritable(), beforeStreaming: () => this.showScreen(io) };
    let result: ExecResult & { escaped?: true };
    try {
      const interrupt = io.signal && !trapped ? { signal: io.signal } : {};
      result = await this.exec(`${preludeScript(this.carried, this.lastStatus, merged ? TTY_ERR : undefined)}\n${script}\n${trailerScript(STATE_PATH, merged)}`, { cwd: this.cwd, env: Object.fromEntries(this.env), rawScript: true, ...interrupt }, io.signal);
    } finally {
      this.terminal.current = undefined;
      this.pipes.abandonAll();
    }
    // The line ended the shell and its EXIT trap ran: the trap's output comes after bash's `exit`.
    const unbound = capture.length === 0 && endedByUnboundVariable(result);
    const { line: lineResult, trap: trapOutput } = capture.length === 0 ? splitExitTrap(result) : { line: result, trap: undefined };
    this.deliver(lineResult, io);
    if (io.signal?.aborted && !trapped) {
      this.lastStatus = 130;
      return 130;
    }
    this.lastStatus = result.exitCode;
    const subshell = this.subshell as SubshellRequest | undefined;
    if (subshell) throw subshell;
    if (result.escaped) return this.lastStatus;
    // An unbound variable under `set -u` ends the line at the prompt (the shell stays, its EXIT trap not run), status 1.
    if (unbound) return (this.lastStatus = 1);
    if (capture.length === 0) throw new ShellExit(result.exitCode, () => trapOutput && this.deliver(trapOutput, io));
    const reported = readStateReport(Buffer.concat(capture).toString('utf8'), this.carried, this.cwd);
    this.lastStatus = reported.status;
    this.cwd = reported.cwd;
    return this.lastStatus;
  }

  /** Ctrl-C at the prompt: an INT trap set there runs with $? at 130 (`trap '' INT` ignores it), as in an interactive bash. */
  async runInterruptTrap(io: ShellIo): Promise<void> {
    const command = this.interruptTrap;
    if (command === undefined) return;
    this.lastStatus = 130;
    await this.executeLine(command, io);
    this.lastStatus = 130;
  }

  /** The command of the INT trap set at the prompt (`trap -p` quotes it), if one is set. */
  get interruptTrap(): string | undefined {
    return interruptTrapCommand(this.carried.traps);
  }

  /** Does `text` still need more lines before it can run (what makes bash show its `> ` prompt)? */
  isIncomplete(text: string): boolean {
    if (/\\$/.test(text) || /(\|\||&&|\|)\s*$/.test(text)) return true;
    for (const match of text.matchAll(/<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/g)) {
      const strip = match[0].startsWith('<<-');
      const after = text.slice((match.index ?? 0) + match[0].length).split('\n').slice(1);
      if (!after.some((line) => (strip ? line.replace(/^\t+/, '') : line) === match[2])) return true;
    }
    try {
      parse(text);
      return false;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/got EOF|unexpected EOF/.test(message)) return true;
      // just-bash reports a missing `fi`/`done`/`esac` as an unexpected token just past the end of the text.
      const at = /^Parse error at (\d+):(\d+):/.exec(message);
      const lines = text.split('\n');
      return at !== null && Number(at[1]) === lines.length && Number(at[2]) > lines[lines.length - 1].length;
    }
  }

  /**
   * Output as the real shell prints it: its own messages carry its name (sh), not just-bash's. When stdout and stderr
   * share one sink (a terminal) and all of it came from lab commands, their writes keep the order they happened in.
   */
  /** A message as the shell prints it: an interrupted command prints nothing of its own (the terminal shows ^C); xtrace of the state report is not the user's. */
  private shellText(text: string): string {
    return text
      .replace(/^bash: execution aborted\n/m, '')
      .replace(/^\++ __lab_(status|flags)=.*\n/gm, '')
      .replace(/^\++ __lab_(tty|pipe_in|pipe_out|pipe_err)=\S*\n/gm, '')
      .replace(/^bash: /gm, `${this.name}: `);
  }

  /** What the running line has put on the screen since it was last taken, messages as the shell prints them. */
  private takeScreen(): string[] {
    return this.screen.splice(0, this.screen.length).map((chunk) => (chunk.fd === 2 ? this.shellText(chunk.text) : chunk.text));
  }

  /** Shows what the running line has put on the screen so far (before a command streams past it). */
  private showScreen(io: ShellIo): void {
    const text = this.takeScreen().join('');
    if (text.length > 0) io.stdout.write(text);
  }

  private deliver(result: ExecResult, io: ShellIo): void {
    const stdoutBytes = Buffer.from(latin1FromBytes(stdoutAsBytes(result)), 'latin1');
    const stderr = this.shellText(result.stderr);
    const journal = this.journal.splice(0, this.journal.length);
    if (io.stdout === io.stderr) {
      const messages = this.takeScreen();
      if (stderr.length > 0) messages.push(stderr);
      const text = onOneScreen(stdoutBytes.toString('utf8'), messages, journal);
      if (text.length > 0) io.stdout.write(text);
      return;
    }
    if (stdoutBytes.length > 0) io.stdout.write(stdoutBytes);
    if (stderr.length > 0) io.stderr.write(stderr);
  }

}

/**
 * What a terminal shows for one line: the line's stdout and its messages (stderr, in the order commands ended).
 * The lab's own commands journal their writes in order, so a message of theirs lands right after the output they
 * wrote before it (mtx's "Loading media ...", then "Source Element Address 1025 is Empty"). Other messages come
 * before the rest of the line's stdout, so they precede a later command's output (and the workflows' end marker).
 */
function onOneScreen(stdout: string, messages: string[], journal: readonly OutputChunk[]): string {
  let shown = '';
  let emitted = 0;
  let cursor = 0;
  for (const chunk of journal) {
    if (chunk.fd === 1) {
      const at = stdout.indexOf(chunk.text, cursor);
      if (at >= 0) cursor = at + chunk.text.length;
      continue;
    }
    const holder = messages.findIndex((message) => message.includes(chunk.text));
    if (holder < 0) continue;
    shown += stdout.slice(emitted, cursor) + messages.splice(0, holder + 1).join('');
    emitted = cursor;
  }
  return shown + messages.join('') + stdout.slice(emitted);
}
