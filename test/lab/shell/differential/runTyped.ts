// Cases typed at a terminal's prompt (a lab's Session Manager session, or bash -i on a pseudo-terminal), each as a subshell in its own folder, stdout read off the terminal.
import { caseFolder, setupLine, type DifferentialCase } from './DifferentialCase';
import { normalise, type CaseOutcome } from './compareOutcomes';
import type { TypingTerminal } from './TypingTerminal';

/** How long one typed case may take before it is interrupted with Ctrl-C and counted as giving no status. */
const CASE_TIMEOUT_MS = 15_000;
/** A terminal left without a prompt (or whose shell ended) is replaced by a new one, at most this many times. */
const REOPEN_LIMIT = 20;

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

const WEDGED = 'the typed case did not finish, and Ctrl-C did not bring the prompt back';

/**
 * Types one case and waits for the prompt. The end marker sits on the last typed line, so marker then prompt means the case
 * has run. A prompt without the marker may come from a shell that runs each typed line on its own (it shows the prompt after
 * the first); then a last line printing a done marker is typed, which, queued behind the case's lines, runs last.
 */
async function typeCase(terminal: TypingTerminal, c: DifferentialCase, index: number, dir: string, prompt: string): Promise<CaseOutcome> {
  const result = new RegExp(`(?:^|\\n)__BEGIN_${index}\\r?\\n([\\s\\S]*?)__RC_${index}=(\\d+)\\r?\\n`);
  const done = new RegExp(`(?:^|\\n)__DONE_${index}\\r?\\n${prompt.replace(/[$^.*+?()[\]{}|\\]/g, '\\$&')}$`);
  terminal.type(typedCase(c, index, dir));
  let finished = await terminal.until((text) => text.endsWith(prompt), CASE_TIMEOUT_MS);
  if (finished && !result.test(terminal.output())) {
    terminal.type(`echo "__D""ONE_${index}"\n`, { keepOutput: true });
    finished = await terminal.until((text) => done.test(text), CASE_TIMEOUT_MS);
  }
  if (!finished) {
    terminal.type('\x03');
    if (!(await terminal.until((text) => text.endsWith(prompt), 3_000))) return { stdout: '', stderr: '', status: undefined, problem: WEDGED };
    return { stdout: '', stderr: '', status: undefined, problem: 'the typed case did not finish; interrupted with Ctrl-C' };
  }
  const match = result.exec(terminal.output());
  if (!match) return { stdout: '', stderr: '', status: undefined, problem: `no end marker; the terminal showed ${JSON.stringify(terminal.output().slice(-300))}` };
  return normalise({ stdout: match[1] ?? '', stderr: '', status: Number(match[2]) }, dir);
}

/**
 * Types each case that may be typed (all but `standalone` ones) into a terminal from `open`, whose prompt is `prompt`. A case that
 * leaves the terminal without a prompt, or ends its shell, gets a fresh terminal for the next one.
 */
export async function runTyped(open: () => Promise<TypingTerminal>, cases: readonly DifferentialCase[], root: string, prompt: string): Promise<Map<string, CaseOutcome>> {
  const outcomes = new Map<string, CaseOutcome>();
  let reopened = 0;
  const ready = async (): Promise<TypingTerminal> => {
    const terminal = await open();
    if (!(await terminal.until((text) => text.endsWith(prompt), 20_000))) {
      await terminal.close();
      throw new Error(`The terminal showed no prompt ${JSON.stringify(prompt)}; it printed ${JSON.stringify(terminal.output())}.`);
    }
    return terminal;
  };
  let terminal = await ready();
  try {
    for (const [index, c] of cases.entries()) {
      if (c.standalone !== undefined) continue;
      if (reopened > REOPEN_LIMIT) {
        outcomes.set(c.id, { stdout: '', stderr: '', status: undefined, problem: `not typed: ${REOPEN_LIMIT} terminals were left without a prompt` });
        continue;
      }
      const outcome = await typeCase(terminal, c, index, `${root}/${caseFolder(index)}`, prompt);
      outcomes.set(c.id, outcome);
      if (outcome.problem === WEDGED || terminal.hasEnded) {
        reopened += 1;
        await terminal.close();
        terminal = await ready();
      }
    }
  } finally {
    await terminal.close();
  }
  return outcomes;
}
