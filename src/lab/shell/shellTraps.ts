// What an interactive shell needs beyond just-bash's result: the INT trap's command from `trap -p`, an EXIT trap's output apart from its line's, and whether `set -u` stopped the line.
import type { ExecResult } from 'just-bash';

/** What just-bash (as the project patches it) adds to a result when an EXIT trap ran: that trap's own output, already at the end of the result's. */
interface ExitTrapOutput {
  readonly jbTrap?: { readonly stdout: string; readonly stderr: string };
  /** Set (by the project's patch) when an unbound variable under `set -u` ended the script. */
  readonly jbNounset?: true;
}

/** Did an unbound variable under `set -u` end the script? An interactive bash then ends only the line, with status 1. */
export function endedByUnboundVariable(result: ExecResult): boolean {
  return (result as ExitTrapOutput).jbNounset === true;
}

/** The command of the INT trap in `trap -p` lines (bash quotes it in single quotes, `'\''` for a quote), if one is set and not ignored. */
export function interruptTrapCommand(trapLines: string): string | undefined {
  const trap = /^trap -- '((?:[^']|'\\'')*)' SIGINT$/m.exec(trapLines);
  return trap && trap[1] !== '' ? trap[1].replace(/'\\''/g, "'") : undefined;
}

/** A line's result without what its EXIT trap printed, and that output alone (bash prints it after its `exit`). */
export function splitExitTrap(result: ExecResult): { line: ExecResult; trap?: ExecResult } {
  const trap = (result as ExitTrapOutput).jbTrap;
  if (!trap) return { line: result };
  return {
    line: { ...result, stdout: result.stdout.slice(0, result.stdout.length - trap.stdout.length), stderr: result.stderr.slice(0, result.stderr.length - trap.stderr.length) },
    trap: { stdout: trap.stdout, stderr: trap.stderr, exitCode: result.exitCode },
  };
}
