// The lab started by the extension does not outlive it: --exit-with-parent stops the lab when its stdin pipe closes,
// which the OS does when the parent dies (SIGKILL included); run without the flag, a closed stdin changes nothing.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { ListGatewaysCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { eventually } from '../../eventually';

const MAIN = resolve(__dirname, '../../../src/lab/main.ts');
const LAB_PROCESS = resolve(__dirname, '../../../src/extension/connection/LabProcess.ts');
const dir = mkdtempSync(join(tmpdir(), 'lab-parent-'));
const started: ChildProcess[] = [];
after(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolveLine, reject) => {
    child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    createInterface({ input: child.stdout ?? process.stdin }).once('line', resolveLine);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
}

function startLab(name: string, extra: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', '0', '--state-dir', join(dir, name), '--time-scale', '0', ...extra], { stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, stderr: () => stderr };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('with --exit-with-parent the lab stops cleanly when its stdin closes; without it the lab keeps serving', async () => {
  const watched = startLab('watched', ['--exit-with-parent']);
  const byHand = startLab('by-hand', []);
  await firstLine(watched.child);
  const ready = JSON.parse(await firstLine(byHand.child)) as { endpoint: string };
  watched.child.stdin?.end();
  byHand.child.stdin?.end();
  assert.equal(await exited(watched.child), 0, watched.stderr());
  assert.match(watched.stderr(), /its parent has gone \(stdin closed\), stopping\./);
  // The lab run by hand read the same end of its stdin and still answers.
  const client = new StorageGatewayClient({ endpoint: ready.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const answer = await client.send(new ListGatewaysCommand({}));
    assert.deepEqual(answer.Gateways, []);
  } finally {
    client.destroy();
  }
  assert.equal(byHand.child.exitCode, null);
  assert.doesNotMatch(byHand.stderr(), /stopping/);
});

test('a lab started through LabProcess exits when the process that started it is killed with SIGKILL', async () => {
  // The stand-in for the extension host: starts the real lab the way the extension does and prints its process id.
  const labScript = join(dir, 'lab.cjs');
  writeFileSync(labScript, `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(MAIN)});\n`);
  const hostScript = join(dir, 'host.ts');
  writeFileSync(hostScript, `
import { LabProcess } from ${JSON.stringify(LAB_PROCESS)};
LabProcess.start({ script: ${JSON.stringify(labScript)}, nodePath: process.execPath, stateDir: ${JSON.stringify(join(dir, 'host-lab'))}, port: 0, region: 'us-east-1', timeScale: 0, log: () => undefined })
  .then((lab) => process.stdout.write(String(lab.pid) + '\\n'), (error: unknown) => { process.stderr.write(String(error) + '\\n'); process.exit(3); });
setInterval(() => undefined, 1000);
`);
  const host = spawn(process.execPath, ['--import', 'tsx', hostScript], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(host);
  const labPid = Number(await firstLine(host));
  assert.ok(labPid > 0 && alive(labPid), `the lab runs as process ${labPid}`);
  try {
    host.kill('SIGKILL');
    await exited(host);
    await eventually('the lab to exit after its parent was killed', () => (alive(labPid) ? undefined : true));
  } finally {
    // Should the lab have stayed, it must not outlive the test either.
    if (alive(labPid)) process.kill(labPid, 'SIGKILL');
  }
});
