// The lab's shell against this machine's real bash: every case in bashCases.ts runs through Run Command, through an interactive shell, and in /bin/bash.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ShellExit } from '../../../../src/lab/shell/ShellSession';
import { Walkthrough, walkthrough } from '../walkthroughFixture';
import { BASH_CASES } from './bashCases';
import { DELIBERATE_EXCEPTIONS } from './deliberateExceptions';

interface Outcome {
  readonly stdout: string;
  readonly status: number;
}

const BASH = '/bin/bash';
let w: Walkthrough;
let scratch: string;

before(() => {
  w = walkthrough();
  scratch = mkdtempSync(join(tmpdir(), 'bash-oracle-'));
});
after(() => {
  w.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

function realBash(script: string, index: number): Outcome {
  const dir = join(scratch, String(index));
  spawnSync('mkdir', ['-p', dir]);
  const result = spawnSync(BASH, ['-c', script], { cwd: dir, env: { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C', TZ: 'UTC' }, encoding: 'utf8', timeout: 10_000 });
  return { stdout: result.stdout, status: result.status ?? -1 };
}

async function runCommand(script: string, index: number): Promise<Outcome> {
  const dir = `/tmp/run-command/${index}`;
  await w.host.runner.run(`mkdir -p ${dir}`);
  const result = await w.host.runner.run(script, { cwd: dir });
  return { stdout: result.stdout, status: result.exitCode };
}

async function interactive(script: string, index: number): Promise<Outcome> {
  const dir = `/tmp/interactive/${index}`;
  await w.host.runner.run(`mkdir -p ${dir}`);
  const shell = w.host.newShell('root');
  await shell.executeLine(`cd ${dir}`, { stdout: { write: () => undefined }, stderr: { write: () => undefined } });
  let stdout = '';
  const io = { stdout: { write: (chunk: string | Uint8Array) => void (stdout += Buffer.from(chunk).toString('utf8')) }, stderr: { write: () => undefined } };
  try {
    const status = await shell.executeLine(script, io);
    return { stdout, status };
  } catch (error) {
    if (error instanceof ShellExit) return { stdout, status: error.status };
    throw error;
  }
}

test(`${BASH_CASES.length} cases print the same stdout and exit the same in the lab as in /bin/bash`, { skip: !existsSync(BASH) && `${BASH} is not installed` }, async () => {
  const mismatches: string[] = [];
  let matched = 0;
  for (const [index, script] of BASH_CASES.entries()) {
    const expected = realBash(script, index);
    const viaRunCommand = await runCommand(script, index);
    const viaTerminal = await interactive(script, index);
    const same = (got: Outcome) => got.stdout === expected.stdout && got.status === expected.status;
    if (same(viaRunCommand) && same(viaTerminal)) {
      matched += 1;
      continue;
    }
    if (DELIBERATE_EXCEPTIONS.has(script)) continue;
    mismatches.push(`${JSON.stringify(script)}\n  bash: ${JSON.stringify(expected)}\n  run command: ${JSON.stringify(viaRunCommand)}\n  interactive: ${JSON.stringify(viaTerminal)}`);
  }
  const rate = ((100 * matched) / BASH_CASES.length).toFixed(1);
  console.log(`differential: ${matched}/${BASH_CASES.length} cases match /bin/bash (${rate}%), ${DELIBERATE_EXCEPTIONS.size} deliberate exceptions`);
  assert.deepEqual(mismatches, []);
});

test('every deliberate exception names a case that exists', () => {
  for (const script of DELIBERATE_EXCEPTIONS.keys()) assert.ok(BASH_CASES.includes(script), script);
});
