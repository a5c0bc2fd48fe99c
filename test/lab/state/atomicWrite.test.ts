// Atomic file writes: a kill -9 at any moment leaves a complete, loadable file; an older lab's unreadable state file is refused.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic } from '../../../src/lab/state/atomicWrite';
import { StateLoadError } from '../../../src/lab/state/journalFormat';
import { readLegacyDocument } from '../../../src/lab/state/legacyDocument';

function startWriter(path: string): Promise<ReturnType<typeof spawn>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'atomicWriterChild.ts'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
  });
}

test('kill -9 while saving never leaves a torn state file', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'sg-atomic-'));
  const path = join(folder, 'state.json');
  let lastCount = 0;
  for (let round = 0; round < 3; round += 1) {
    const child = await startWriter(path);
    await new Promise((resolve) => setTimeout(resolve, 150 + round * 70));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const value = JSON.parse(await readFile(path, 'utf8')) as { count: number; payload: string[] };
    assert.equal(value.payload.length, 2000);
    assert.ok(value.payload.every((entry) => entry === `entry-${value.count}`), 'payload belongs to one save');
    assert.ok(value.count >= lastCount, 'state never goes backwards');
    lastCount = value.count;
  }
  assert.ok(lastCount > 0, 'the writer saved at least once');
  const document = await readLegacyDocument(path, (raw): raw is { count: number } => typeof (raw as { count: number }).count === 'number');
  assert.equal(document?.count, lastCount, 'the lab loads what the last finished save wrote');
  assert.deepEqual(await readdir(folder), ['state.json'], 'leftover temporary files are cleaned on load');
});

test('a corrupt or foreign state file is reported with what to do, not silently replaced', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'sg-atomic-'));
  const path = join(folder, 'doc.json');
  await writeFileAtomic(path, '{"half":');
  await assert.rejects(readLegacyDocument(path, (raw): raw is object => typeof raw === 'object'), (error: unknown) => error instanceof StateLoadError && /--state-dir/.test(error.message));
  await writeFileAtomic(path, '{"other":1}');
  await assert.rejects(readLegacyDocument(path, (raw): raw is { n: number } => typeof (raw as { n: number }).n === 'number'), StateLoadError);
  assert.equal(await readLegacyDocument(join(folder, 'absent.json'), (raw): raw is object => typeof raw === 'object'), undefined);
});
