// The lab side through an interactive Session Manager session: each case typed at the prompt as a subshell in its own folder, stdout read off the terminal.
import { StartSessionCommand, TerminateSessionCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { SessionChannel } from '../../../../src/session';
import { caseFolder, setupLine, type DifferentialCase } from './DifferentialCase';
import { normalise, type CaseOutcome } from './compareOutcomes';

/** How long one typed case may take before it is interrupted with Ctrl-C and counted as giving no status. */
const CASE_TIMEOUT_MS = 5_000;
/** After this many cases in a row leave the terminal without a prompt, the rest are not typed. */
const WEDGED_LIMIT = 3;

class Terminal {
  private text = '';
  private waiter: (() => void) | undefined;

  private constructor(private readonly channel: SessionChannel) {
    channel.onData((chunk) => {
      this.text += Buffer.from(chunk).toString('utf8');
      this.waiter?.();
    });
  }

  static async open(ssm: SSMClient, instanceId: string): Promise<Terminal> {
    const started = await ssm.send(new StartSessionCommand({ Target: instanceId }));
    const sessionId = started.SessionId ?? '';
    const channel = new SessionChannel({
      sessionId,
      streamUrl: started.StreamUrl ?? '',
      tokenValue: started.TokenValue ?? '',
      terminate: async () => {
        await ssm.send(new TerminateSessionCommand({ SessionId: sessionId }));
      },
      initialSize: { columns: 500, rows: 50 },
    });
    const terminal = new Terminal(channel);
    await channel.open();
    return terminal;
  }

  /** Types `input` (LF as Enter) after forgetting the output so far. */
  type(input: string): void {
    this.text = '';
    this.channel.sendInput(input.replace(/\n/g, '\r'));
  }

  /** Waits until `check` holds on the output since the last `type`; false after `timeoutMs`. */
  until(check: (text: string) => boolean, timeoutMs: number): Promise<boolean> {
    if (check(this.text)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(false);
      }, timeoutMs);
      this.waiter = () => {
        if (!check(this.text)) return;
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(true);
      };
    });
  }

  output(): string {
    return this.text;
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}

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

/** Types each case that may be typed (see `standalone`) into one session as ssm-user. */
export async function runThroughSession(ssm: SSMClient, instanceId: string, cases: readonly DifferentialCase[], root: string, prompt: string): Promise<Map<string, CaseOutcome>> {
  const outcomes = new Map<string, CaseOutcome>();
  const terminal = await Terminal.open(ssm, instanceId);
  try {
    if (!(await terminal.until((text) => text.endsWith(prompt), 20_000))) throw new Error(`The session showed no prompt ${JSON.stringify(prompt)}; it printed ${JSON.stringify(terminal.output())}.`);
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
