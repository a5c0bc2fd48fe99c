// What a case printed on one side, made comparable (the case's folder and the shell's name in messages), and the verdict per case.
import type { DifferentialCase } from './DifferentialCase';

export interface CaseOutcome {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit status, or undefined when the case gave no status (timed out, or the channel lost it). */
  readonly status: number | undefined;
  /** Why there is no status, when there is none. */
  readonly problem?: string;
}

/**
 * The only rewrites before comparing:
 * - the case's own folder (a scratch folder here, a fixed one in the lab) reads `<dir>`;
 * - stderr's leading `bash: `, `bash: line N: `, `bash: -c: line N: ` (and the same with `sh`) reads `sh: ` (bash -c names itself
 *   bash and counts lines; the SSM agent runs scripts with sh, and an interactive shell prints no line number);
 * - terminal line ends (CRLF) read LF.
 */
export function normalise(outcome: CaseOutcome, caseDir: string): CaseOutcome {
  const paths = (text: string) => text.split(caseDir).join('<dir>').replace(/\r\n/g, '\n');
  return {
    ...outcome,
    stdout: paths(outcome.stdout),
    stderr: paths(outcome.stderr).replace(/^(?:bash|sh)(?:-[\d.]+)?: (?:-c: )?(?:line \d+: )?/gm, 'sh: '),
  };
}

export interface Verdict {
  readonly id: string;
  readonly matches: boolean;
  /** What differs, for the report; empty when it matches. */
  readonly detail: string;
}

function show(text: string): string {
  const cut = text.length > 300 ? `${text.slice(0, 300)}…` : text;
  return JSON.stringify(cut);
}

export function compare(c: DifferentialCase, expected: CaseOutcome, actual: CaseOutcome, withStderr: boolean): Verdict {
  const differences: string[] = [];
  if (actual.status === undefined) differences.push(`no status (${actual.problem ?? 'unknown'})`);
  else if (actual.status !== expected.status) differences.push(`status ${actual.status}, bash ${String(expected.status)}`);
  if (actual.stdout !== expected.stdout) differences.push(`stdout ${show(actual.stdout)}, bash ${show(expected.stdout)}`);
  if (withStderr && c.compareStderr && actual.stderr !== expected.stderr) differences.push(`stderr ${show(actual.stderr)}, bash ${show(expected.stderr)}`);
  return { id: c.id, matches: differences.length === 0, detail: differences.join('; ') };
}
