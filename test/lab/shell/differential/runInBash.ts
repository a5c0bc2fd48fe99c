// The reference side: each case run by this machine's /bin/bash (`bash -c`) in a fresh folder of a scratch tree, stdin empty, C locale.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseFolder, setupLine, type DifferentialCase } from './DifferentialCase';
import { normalise, type CaseOutcome } from './compareOutcomes';
import { mapLimit } from './mapLimit';
import { batchScripts, splitBatch } from './runThroughRunCommand';
import { runTyped } from './runTyped';
import { BashTerminal } from './TypingTerminal';

/** No LANG or LC_*: the SSM agent starts scripts without a locale, so both sides sort and classify bytes as C. */
function referenceEnvironment(home: string): NodeJS.ProcessEnv {
  return { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: home, TZ: 'UTC' };
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CaseOutcome> {
  return new Promise((resolve) => {
    const child = spawn('/bin/bash', ['-c', script], { argv0: 'bash', cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('close', (code, signal) => {
      const status = code ?? (signal ? 128 + (signal === 'SIGTERM' ? 15 : 9) : undefined);
      resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), status });
    });
  });
}

/**
 * The harness checking itself: real bash runs the very batches sent through Run Command, so a case that differs there differs
 * because of the lab's shell, not because it shared a script or ran in a subshell.
 */
export async function runBatchesInBash(cases: readonly DifferentialCase[]): Promise<Map<string, CaseOutcome>> {
  const root = await mkdtemp(join(tmpdir(), 'shell-differential-batches-'));
  const outcomes = new Map<string, CaseOutcome>();
  try {
    await mapLimit(batchScripts(cases, root), 4, async ({ indexes, script }) => {
      for (const [index, outcome] of splitBatch(await bash(script, root, referenceEnvironment(root)), indexes)) {
        outcomes.set((cases[index] as DifferentialCase).id, normalise(outcome, join(root, caseFolder(index))));
      }
    });
    return outcomes;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The harness checking itself: the cases typed at the prompt of a real `bash -i`, wrapped exactly as in the lab's session. */
export async function runTypedInBash(cases: readonly DifferentialCase[], prompt: string): Promise<Map<string, CaseOutcome>> {
  const root = await mkdtemp(join(tmpdir(), 'shell-differential-typed-'));
  try {
    return await runTyped(() => Promise.resolve(BashTerminal.open(prompt, root)), cases, root, prompt);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Runs every case in real bash; the results are normalised for `<dir>` and the shell-name prefix. */
export async function runInBash(cases: readonly DifferentialCase[]): Promise<Map<string, CaseOutcome>> {
  const root = await mkdtemp(join(tmpdir(), 'shell-differential-'));
  const env = referenceEnvironment(root);
  try {
    const outcomes = await mapLimit(cases, 4, async (c, index) => {
      const dir = join(root, caseFolder(index));
      const setup = await bash(setupLine(c, dir), root, env);
      if (setup.status !== 0) throw new Error(`The setup of ${c.id} failed in bash: ${setup.stderr}`);
      return [c.id, normalise(await bash(c.script, dir, env), dir)] as const;
    });
    return new Map(outcomes);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
