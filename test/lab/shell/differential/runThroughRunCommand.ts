// The lab side through Run Command (SendCommand with AWS-RunShellScript, results from GetCommandInvocation), several cases per command.
import { GetCommandInvocationCommand, SendCommandCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { waitFor } from '../../e2e/stackLab';
import { caseFolder, setupLine, type DifferentialCase } from './DifferentialCase';
import { normalise, type CaseOutcome } from './compareOutcomes';
import { mapLimit } from './mapLimit';

/** Cases per command: each command is one write of the lab's command history, so fewer, larger commands keep the run short. */
const CASES_PER_COMMAND = 16;
/** Run Command's own limit on StandardOutputContent; a batch that reaches it has lost output. */
const OUTPUT_LIMIT = 24_000;

export interface ScriptResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | undefined;
  readonly problem?: string;
}

/** Sends one script (its execution timeout, scaled by the lab's time scale, long enough for a busy machine) and waits for its final status. */
async function runScript(ssm: SSMClient, instanceId: string, script: string, workingDirectory?: string): Promise<ScriptResult> {
  const parameters = { commands: [script], executionTimeout: ['28800'], ...(workingDirectory ? { workingDirectory: [workingDirectory] } : {}) };
  const sent = await ssm.send(new SendCommandCommand({ InstanceIds: [instanceId], DocumentName: 'AWS-RunShellScript', Parameters: parameters }));
  const commandId = sent.Command?.CommandId ?? '';
  try {
    return await waitFor(
      `command ${commandId}`,
      async () => {
        const invocation = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
        if (['Pending', 'InProgress', 'Delayed'].includes(invocation.Status ?? '')) return undefined;
        const ran = invocation.Status === 'Success' || invocation.Status === 'Failed';
        const stdout = invocation.StandardOutputContent ?? '';
        return {
          stdout,
          stderr: invocation.StandardErrorContent ?? '',
          status: ran ? invocation.ResponseCode : undefined,
          ...(ran ? {} : { problem: `Run Command status ${invocation.Status ?? 'none'}` }),
          ...(stdout.length >= OUTPUT_LIMIT ? { problem: 'the output reached Run Command\'s 24,000-character limit' } : {}),
        };
      },
      60_000,
    );
  } catch (error) {
    return { stdout: '', stderr: '', status: undefined, problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * One case inside a batch: its setup (which leaves the script in the case's folder), markers on both streams (printed from split
 * quotes, so a script's own text never looks like them), and the script in a subshell with stdin from /dev/null, so `exit`,
 * `set -e`, traps, variables and functions stay inside the case.
 */
function batchedCase(c: DifferentialCase, index: number, dir: string): string {
  return [
    setupLine(c, dir),
    `echo "__B""EGIN_${index}"; echo "__B""EGIN_${index}" >&2; (`,
    c.script.replace(/\n+$/, ''),
    `) </dev/null; echo "__R""C_${index}=$?"; echo "__E""ND_${index}" >&2`,
  ].join('\n');
}

/** Splits a batch's streams back into the cases' outcomes. */
export function splitBatch(result: ScriptResult, indexes: readonly number[]): Map<number, CaseOutcome> {
  const outcomes = new Map<number, CaseOutcome>();
  for (const index of indexes) {
    const out = new RegExp(`(?:^|\\n)__BEGIN_${index}\\n([\\s\\S]*?)__RC_${index}=(\\d+)\\n`).exec(result.stdout);
    const err = new RegExp(`(?:^|\\n)__BEGIN_${index}\\n([\\s\\S]*?)__END_${index}\\n`).exec(result.stderr);
    if (!out) {
      outcomes.set(index, { stdout: '', stderr: '', status: undefined, problem: result.problem ?? `no end marker in the batch's output (batch status ${String(result.status)})` });
      continue;
    }
    outcomes.set(index, { stdout: out[1] ?? '', stderr: err?.[1] ?? '', status: Number(out[2]) });
  }
  return outcomes;
}

export interface Batch {
  readonly indexes: readonly number[];
  readonly script: string;
}

/** The batches of independent cases (all but `standalone` ones), each a script of CASES_PER_COMMAND cases or fewer. */
export function batchScripts(cases: readonly DifferentialCase[], root: string): Batch[] {
  const batched = cases.flatMap((c, index) => (c.standalone === undefined ? [index] : []));
  const batches: Batch[] = [];
  for (let start = 0; start < batched.length; start += CASES_PER_COMMAND) {
    const indexes = batched.slice(start, start + CASES_PER_COMMAND);
    batches.push({ indexes, script: indexes.map((index) => batchedCase(cases[index] as DifferentialCase, index, `${root}/${caseFolder(index)}`)).join('\n') });
  }
  return batches;
}

/** Runs every case: batches of independent cases, and each `standalone` case as a script of its own (set up first, then run with its folder as workingDirectory). */
export async function runThroughRunCommand(ssm: SSMClient, instanceId: string, cases: readonly DifferentialCase[], root: string): Promise<Map<string, CaseOutcome>> {
  const outcomes = new Map<string, CaseOutcome>();
  const record = (index: number, outcome: CaseOutcome) => {
    const c = cases[index] as DifferentialCase;
    outcomes.set(c.id, normalise(outcome, `${root}/${caseFolder(index)}`));
  };
  const alone = cases.flatMap((c, index) => (c.standalone === undefined ? [] : [index]));
  await Promise.all([
    mapLimit(batchScripts(cases, root), 4, async ({ indexes, script }) => {
      for (const [index, outcome] of splitBatch(await runScript(ssm, instanceId, script), indexes)) record(index, outcome);
    }),
    mapLimit(alone, 2, async (index) => {
      const c = cases[index] as DifferentialCase;
      const dir = `${root}/${caseFolder(index)}`;
      await runScript(ssm, instanceId, setupLine(c, dir));
      record(index, await runScript(ssm, instanceId, c.script, dir));
    }),
  ]);
  return outcomes;
}
