// The storage layer: kill -9 during appends and compactions loses nothing acknowledged and never half-applies a batch;
// indexes follow every change and are rebuilt on load; damaged files are refused with what to do; compaction bounds the file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { JOURNAL_HEADER_LINE, StateLoadError } from '../../../src/lab/state/journalFormat';
import { StateStore } from '../../../src/lab/state/StateStore';
import { eventually } from '../../eventually';

interface Item {
  round: number;
  pad: string;
}

/** Runs the writer child until it has made `rounds` batches durable, kills it with SIGKILL, and returns the last durable round. */
async function writeThenKill(path: string, rounds: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'journalWriterChild.ts'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acknowledged = 0;
  let seen = 0;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      for (const match of text.matchAll(/durable (\d+)/g)) {
        acknowledged = Number(match[1]);
        seen += 1;
      }
      if (seen >= rounds) resolve();
    });
  });
  child.kill('SIGKILL');
  await exited;
  return acknowledged;
}

async function openItems(path: string): Promise<{ store: StateStore; round: number; items: Item[]; byRound: number }> {
  const store = new StateStore(path);
  const counter = store.table<number>('counter');
  const items = store.table<Item>('items', { indexes: { round: (item) => String(item.round) } });
  await store.open();
  const round = counter.get('round') ?? 0;
  return { store, round, items: [...items.values()], byRound: items.lookup('round', String(round)).size };
}

test('kill -9 during appends and compactions keeps every acknowledged batch, whole', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'lab-journal-'));
  const path = join(folder, 'state.journal');
  let last = 0;
  for (const rounds of [40, 7, 90, 3, 60]) {
    const acknowledged = await writeThenKill(path, rounds);
    const { store, round, items, byRound } = await openItems(path);
    assert.ok(round >= acknowledged, `round ${round} on disk, ${acknowledged} acknowledged`);
    assert.ok(round >= last, 'state never goes backwards');
    assert.equal(items.length, 50);
    assert.ok(
      items.every((item) => item.round === round),
      'a batch is applied whole or not at all',
    );
    assert.equal(byRound, 50, 'the index is rebuilt from the journal');
    await store.close();
    assert.deepEqual(await readdir(folder), ['state.journal'], 'temporary files of an interrupted compaction are removed on load');
    last = round;
  }
});

test('indexes follow puts, in-place changes and deletes, in order', async () => {
  const store = new StateStore(undefined);
  const tapes = store.table<{ gateway?: string }>('tapes', { indexes: { gateway: (tape) => tape.gateway } });
  await store.open();
  tapes.put('B', { gateway: 'g1' });
  tapes.put('A', { gateway: 'g1' });
  tapes.put('C', { gateway: 'g2' });
  assert.deepEqual(tapes.lookupSorted('gateway', 'g1'), ['A', 'B']);
  const b = tapes.get('B');
  assert.ok(b);
  b.gateway = 'g2';
  tapes.touch('B');
  assert.deepEqual(tapes.lookupSorted('gateway', 'g1'), ['A']);
  assert.deepEqual(tapes.lookupSorted('gateway', 'g2'), ['B', 'C']);
  delete b.gateway;
  tapes.touch('B');
  tapes.delete('C');
  assert.deepEqual(tapes.lookupSorted('gateway', 'g2'), []);
  tapes.put('AA', { gateway: 'g1' });
  assert.deepEqual(tapes.lookupSorted('gateway', 'g1'), ['A', 'AA']);
  assert.deepEqual(tapes.allKeysSorted(), ['A', 'AA', 'B']);
});

test('a torn last line is dropped; a damaged line elsewhere or a foreign file is refused with what to do', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'lab-journal-'));
  const path = join(folder, 'torn.journal');
  await writeFile(path, `${JOURNAL_HEADER_LINE}[["t","a",1]]\n[["t","b",2]`);
  const store = new StateStore(path);
  const table = store.table<number>('t');
  await store.open();
  assert.deepEqual([...table.entries()], [['a', 1]]);
  table.put('c', 3);
  await store.close();
  assert.match(await readFile(path, 'utf8'), /\[\["t","c",3\]\]\n$/, 'appends continue on a clean line');

  const damaged = join(folder, 'damaged.journal');
  await writeFile(damaged, `${JOURNAL_HEADER_LINE}[["t","a",1]]\n{oops\n[["t","b",2]]\n`);
  await assert.rejects(new StateStore(damaged).open(), (error: unknown) => error instanceof StateLoadError && /line 3/.test(error.message) && /--state-dir/.test(error.message));
  const foreign = join(folder, 'foreign.journal');
  await writeFile(foreign, '{"count":1}\n');
  await assert.rejects(new StateStore(foreign).open(), StateLoadError);
});

test('compaction keeps the file within the ratio of the live data while records are rewritten', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'lab-journal-'));
  const path = join(folder, 'grow.journal');
  const store = new StateStore(path, { compactionRatio: 1.4, compactionSlackBytes: 4096 });
  const table = store.table<{ n: number; pad: string }>('t');
  await store.open();
  for (let round = 0; round < 30; round += 1) {
    for (let i = 0; i < 100; i += 1) table.put(`k${i}`, { n: round, pad: 'y'.repeat(100) });
    await store.durable();
  }
  await store.close();
  // Appends go on while a compaction writes its snapshot and are copied after it, so the running file may exceed the
  // ratio by what arrived meanwhile (a few rounds on a busy machine); without compaction it would hold all 30 rounds.
  const { fileBytes, liveBytes } = store.footprint();
  assert.ok(fileBytes <= 3 * liveBytes + 4096, `${fileBytes} bytes on disk for ${liveBytes} live`);
  const reopened = new StateStore(path, { compactionRatio: 1.4, compactionSlackBytes: 4096 });
  const again = reopened.table<{ n: number }>('t');
  await reopened.open();
  assert.ok([...again.values()].every((value) => value.n === 29));
  await reopened.close();
  // With nothing appended during it, the compaction an overgrown file gets at open brings it within the ratio.
  const settled = reopened.footprint();
  assert.ok(settled.fileBytes <= 1.4 * settled.liveBytes + 4096, `${settled.fileBytes} bytes on disk for ${settled.liveBytes} live after reopening`);
});

test('an idle store ends within the ratio without waiting for its next write or its close', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'lab-journal-'));
  const store = new StateStore(join(folder, 'idle.journal'), { compactionRatio: 1.4, compactionSlackBytes: 4096 });
  const table = store.table<{ n: number; pad: string }>('t');
  await store.open();
  // Rounds arrive while compactions run, so the file a compaction leaves behind can itself be overgrown.
  for (let round = 0; round < 40; round += 1) {
    for (let i = 0; i < 200; i += 1) table.put(`k${i}`, { n: round, pad: 'z'.repeat(200) });
    await store.durable();
  }
  const settled = await eventually('the journal to come back within 1.4x its live data', () => {
    const { fileBytes, liveBytes } = store.footprint();
    return fileBytes <= 1.4 * liveBytes + 4096 ? { fileBytes, liveBytes } : undefined;
  });
  assert.ok(settled.fileBytes > 0);
  await store.close();
});
