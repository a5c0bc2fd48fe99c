// Cases typed at a terminal's prompt (a lab's Session Manager session, or bash -i on a pseudo-terminal), each as a subshell in its own folder, stdout read off the terminal.
import { caseFolder, setupLine, type DifferentialCase } from './DifferentialCase';
import { normalise, type CaseOutcome } from './compareOutcomes';
import type { TypingTerminal } from './TypingTerminal';

/** How long one typed case may take before it is interrupted with Ctrl-C and counted as giving no status. */
const CASE_TIMEOUT_MS = 10_000;
/** After this many cases in a row leave the terminal without a prompt, the rest are not typed. */
const WEDGED_LIMIT = 3;

/**
 * What is typed for a case: its setup, a start marker, then the script in a subshell (stdin from /dev/null, stderr dropped so
 * only stdout is read) followed by an end marker with `$?`, both piped through `cat`, so the script's stdout is a pipe as in
 * Run Command and in the reference (`ls` prints one name a line, not columns); last `cd /tmp`. The markers are printed from
 * split quotes, so the echo of the typed text never looks like them. A script with a newline or a comment is typed over
 * several lines.
 */
export function typedCase(c: DifferentialCase, index: number, dir: string): string {
  const script = c.script.replace(/\n+$/, '');
  const body = script.includes('\n') || /(^|\s)#/.test(script) ? `(\n${script}\n)` : `( ${script} )`;
  return `${setupLine(c, dir)}; echo "__B""EGIN_${index}"; { ${body} </dev/null 2>/dev/null; echo "__R""C_${index}=$?"; } | cat; cd /tmp\n`;
}

/** Types each case that may be typed (all but `standalone` ones) into `terminal`, whose prompt is `prompt`; closes the terminal. */
export async function runTyped(terminal: TypingTerminal, cases: readonly DifferentialCase[], root: string, prompt: string): Promise<Map<string, CaseOutcome>> {
  const outcomes = new Map<string, CaseOutcome>();
  try {
    if (!(await terminal.until((text) => text.endsWith(prompt), 20_000))) throw new Error(`The terminal showed no prompt ${JSON.stringify(prompt)}; it printed ${JSON.stringify(terminal.output())}.`);
    let wedged = 0;
    for (const [index, c] of cases.entries()) {
      if (c.standalone !== undefined) continue;
      if (wedged >= WEDGED_LIMIT) {
        outcomes.set(c.id, { stdout: '', stderr: '', status: undefined, problem: 'not typed: the terminal stopped showing its prompt' });
        continue;
      }
      const dir = `${root}/${caseFolder(index)}`;
      const result = new RegExp(`(?:^|\\n)__BEGIN_${index}\\r?\\n([\\s\\S]*?)__RC_${index}=(\\d+)\\r?\\n([\\s\\S]*)$`);
      terminal.type(typedCase(c, index, dir));
      const finished = await terminal.until((text) => result.exec(text)?.[3]?.endsWith(prompt) === true, CASE_TIMEOUT_MS);
      const match = result.exec(terminal.output());
      if (finished && match) {
        wedged = 0;
        outcomes.set(c.id, normalise({ stdout: match[1] ?? '', stderr: '', status: Number(match[2]) }, dir));
        continue;
      }
      terminal.type('\x03');
      const back = await terminal.until((text) => text.endsWith(prompt), 2_000);
      wedged = back ? 0 : wedged + 1;
      outcomes.set(c.id, { stdout: '', stderr: '', status: undefined, problem: 'no end marker: the typed case did not finish (interrupted with Ctrl-C)' });
    }
  } finally {
    await terminal.close();
  }
  return outcomes;
}
