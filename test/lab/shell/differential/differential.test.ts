// Differential test of the lab's client shell: every case in cases/*.yaml run by real bash and, in one lab with the tape gateway stack
// (Amazon Linux 2 client), through Run Command and typed into a Session Manager session; stdout and status must match except exceptions.yaml.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { AL2_PROMPT } from '../../e2e/clientTerminal';
import { deployTapeGatewayStack, startStackLab, TEMPLATE_PATH, type StackLab } from '../../e2e/stackLab';
import { compare, type CaseOutcome, type Verdict } from './compareOutcomes';
import { loadCases, type DifferentialCase } from './DifferentialCase';
import { loadExceptions, type Channel } from './knownExceptions';
import { runBatchesInBash, runInBash, runTypedInBash } from './runInBash';
import { runThroughRunCommand } from './runThroughRunCommand';
import { runTyped } from './runTyped';
import { SessionTerminal } from './TypingTerminal';

const cases = loadCases();
const exceptions = loadExceptions();
let t: StackLab;
let clientId = '';
let reference: Map<string, CaseOutcome>;
let batchedInBash: Map<string, CaseOutcome>;
let typedInBash: Promise<Map<string, CaseOutcome>>;

before(async () => {
  t = await startStackLab();
  const template = await readFile(TEMPLATE_PATH, 'utf8');
  // Real bash -i types along in its own processes while the lab runs the cases; its test, last, waits for it.
  typedInBash = runTypedInBash(cases, AL2_PROMPT);
  typedInBash.catch(() => undefined);
  const [outputs, outcomes, batched] = await Promise.all([deployTapeGatewayStack(t, 'differential', template), runInBash(cases), runBatchesInBash(cases)]);
  clientId = outputs.ClientInstanceId ?? '';
  reference = outcomes;
  batchedInBash = batched;
});
after(() => t?.stop());

/** Compares one channel's outcomes with bash and checks the differences against the exceptions list both ways. */
function judge(channel: Channel, ran: readonly DifferentialCase[], outcomes: Map<string, CaseOutcome>): void {
  const verdicts: Verdict[] = ran.map((c) => {
    const actual = outcomes.get(c.id) ?? { stdout: '', stderr: '', status: undefined, problem: 'no outcome' };
    return compare(c, reference.get(c.id) ?? { stdout: '', stderr: '', status: undefined }, actual, channel === 'runCommand');
  });
  const matched = verdicts.filter((v) => v.matches).length;
  const listed = exceptions[channel];
  process.stdout.write(`# differential ${channel}: ${matched}/${verdicts.length} cases match real bash (${((100 * matched) / verdicts.length).toFixed(1)}%), ${listed.size} listed exceptions\n`);
  const unexpected = verdicts.filter((v) => !v.matches && !listed.has(v.id));
  const fixed = verdicts.filter((v) => v.matches && listed.has(v.id));
  const unknown = [...listed.keys()].filter((id) => !ran.some((c) => c.id === id));
  const problems = [
    ...unexpected.map((v) => `differs and is not in exceptions.yaml: ${v.id}: ${v.detail}`),
    ...fixed.map((v) => `matches now; take it off exceptions.yaml (${channel}): ${v.id}`),
    ...unknown.map((id) => `exceptions.yaml (${channel}) lists ${id}, which is not a case run through this channel`),
  ];
  const shown = problems.length > 60 ? [...problems.slice(0, 60), `… and ${problems.length - 60} more`] : problems;
  assert.equal(problems.length, 0, shown.join('\n'));
}

test('the suite has at least 200 cases over the topics', () => {
  assert.ok(cases.length >= 200, `only ${cases.length} cases`);
  const topics = new Set(cases.map((c) => c.id.split('/')[0]));
  const expected = ['control-flow', 'errors-and-statuses', 'expansion', 'file-tools', 'file-tools-2', 'pipes', 'redirection', 'shell-tools', 'syntax', 'text-tools', 'text-tools-2'];
  assert.deepEqual([...topics].sort(), expected);
});

/** The cases whose outcome on a bash-run wrapper differs from plain `bash -c`: a fault of the harness, not of the lab. */
function wrapperFaults(outcomes: Map<string, CaseOutcome>, withStderr: boolean): string[] {
  return cases
    .filter((c) => c.standalone === undefined)
    .map((c) => compare(c, reference.get(c.id) ?? { stdout: '', stderr: '', status: undefined }, outcomes.get(c.id) ?? { stdout: '', stderr: '', status: undefined, problem: 'no outcome' }, withStderr))
    .filter((v) => !v.matches)
    .map((v) => `${v.id}: ${v.detail}`);
}

test('sharing a script changes nothing: real bash running the Run Command batches gives every case its own result', () => {
  assert.deepEqual(wrapperFaults(batchedInBash, true), []);
});

test('through Run Command, every case matches real bash except the listed exceptions', async () => {
  judge('runCommand', cases, await runThroughRunCommand(t.ssm, clientId, cases, '/tmp/differential-run-command'));
});

test('typed into an interactive session, every case matches real bash except the listed exceptions', async () => {
  const typed = cases.filter((c) => c.standalone === undefined);
  judge('session', typed, await runTyped(() => SessionTerminal.open(t.ssm, clientId), cases, '/tmp/differential-session', AL2_PROMPT));
});

test('typing changes nothing: real bash -i given the typed wrapper at its prompt gives every case its own result', async () => {
  assert.deepEqual(wrapperFaults(await typedInBash, false), []);
});
