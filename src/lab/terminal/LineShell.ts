// What the terminal line discipline drives: a shell that runs one command line at a time (the emulated client shell).
import type { ShellCommandRunner } from '../hosts/ClientHost';

export interface LineExecution {
  /** Output as the command prints it; lone "\n" becomes "\r\n" on the terminal. */
  write(text: string): void;
  /** Aborted on Ctrl-C or when the session closes. */
  readonly signal: AbortSignal;
  readonly columns: number;
  readonly rows: number;
}

export interface LineShell {
  /** The prompt shown before each line, e.g. "sh-4.2$ ". */
  prompt(): string;
  /** Runs one line; resolves with an exit code when the line ends the shell (e.g. `exit 3`). */
  execute(line: string, execution: LineExecution): Promise<{ readonly exit?: number } | void>;
}

/** A LineShell over a host's script runner: `exit [n]` ends the session, every other line runs as a script as root. */
export function runnerLineShell(runner: ShellCommandRunner, prompt = 'sh-4.2$ '): LineShell {
  return {
    prompt: () => prompt,
    async execute(line, execution) {
      const exit = /^exit(?:\s+(\d+))?\s*$/.exec(line.trim());
      if (exit) return { exit: exit[1] === undefined ? 0 : Number(exit[1]) & 0xff };
      if (line.trim() === '') return undefined;
      const result = await runner.run(line, { signal: execution.signal });
      execution.write(result.stdout);
      execution.write(result.stderr);
      return undefined;
    },
  };
}
