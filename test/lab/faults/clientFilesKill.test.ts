// kill -9 of a process writing client files: every file written by a Run Command that returned is whole after restart,
// the metadata journal replays, and a write torn by the kill loses at most that write.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ClientFileStores } from '../../../src/lab/shell/ClientFileStores';
import { childHost } from './support/clientFilesChild';
import { faultSeed, seededRandom } from './support/seededRandom';

const TRIALS = 4;
const SEED = faultSeed(20_261_202);
const CHILD = join(__dirname, 'support', 'clientFilesChild.ts');

let stateDir: string;
before(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'client-files-kill-'));
});
after(() => rmSync(stateDir, { recursive: true, force: true }));

/** Runs the writer until `acks` rounds are acknowledged, waits `delayMs` more, kills it; returns the last acknowledged round. */
function runAndKill(acks: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, stateDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let last = 0;
    let seen = 0;
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/ACK (\d+)/g)) {
        last = Number(match[1]);
        seen += 1;
        if (seen === acks && !killed) {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`the writer ended with ${code}: ${stderr}`))));
  });
}

test(`${TRIALS} kill -9 trials while client files are written lose nothing a Run Command returned (seed ${SEED})`, async () => {
  const random = seededRandom(SEED);
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const where = `trial ${trial} (FAULT_SEED=${SEED})`;
    const acked = await runAndKill(random.int(1, 3), random.int(0, 40));
    const stores = new ClientFileStores(stateDir, () => undefined);
    const host = childHost(stateDir);
    try {
      await stores.attach(host);
      const last = Number((await host.runner.run('cat /var/last')).stdout.trim());
      // The round after the last acknowledged one may or may not have reached the journal: at most that round is lost.
      assert.ok(last === acked || last === acked + 1, `${where}: /var/last is ${last} after round ${acked} was acknowledged`);
      const check = await host.runner.run(`sha256sum -c /opt/r${acked}/sum && ls /opt`);
      assert.equal(check.exitCode, 0, `${where}: ${check.stderr}`);
      assert.match(check.stdout, new RegExp(`^/opt/r${acked}/data: OK\\n`), where);
      // The large write the kill may have torn is a file of what reached the disk, never more than was written.
      const torn = await host.runner.run('stat -c %s /tmp/torn 2>/dev/null || echo 0');
      assert.ok(Number(torn.stdout) <= 32 * 1024 * 1024, `${where}: /tmp/torn has ${torn.stdout}`);
      assert.equal(host.environment.fs.usedBytes() >= Number(torn.stdout), true, where);
    } finally {
      await stores.closeAll();
      host.close();
    }
  }
});
