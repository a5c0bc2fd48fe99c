// The catalog journal on disk: survives a reopen, cuts a torn last line, compacts, and stays readable after a kill mid-append.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CatalogJournal } from '../../../src/extension/catalog/CatalogJournal';
import { encodeRecord } from '../../../src/extension/catalog/catalogRecords';
import { archive } from './catalogFixture';

async function tempJournal(): Promise<{ path: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
  return { path: join(dir, 'lab.jsonl'), done: () => rm(dir, { recursive: true, force: true }) };
}

test('records survive a reopen; a torn last line is cut off and appending goes on after it', async () => {
  const { path, done } = await tempJournal();
  try {
    const { journal } = await CatalogJournal.open(path);
    await journal.append([archive('TAPE0001', 0, ['a.txt']), archive('TAPE0001', 1, ['b.txt'])]);
    const whole = (await stat(path)).size;
    await appendFile(path, encodeRecord(archive('TAPE0002', 0, ['torn.txt'])).slice(0, 30));
    const reopened = await CatalogJournal.open(path);
    assert.equal(reopened.load.tornBytes, 30);
    assert.equal((await stat(path)).size, whole);
    assert.deepEqual(reopened.journal.index.search('txt').hits.map((h) => h.member.path), ['a.txt', 'b.txt']);
    await reopened.journal.append([archive('TAPE0002', 0, ['c.txt'])]);
    const third = await CatalogJournal.open(path);
    assert.equal(third.load.damagedLines, 0);
    assert.equal(third.journal.index.memberCount(), 3);
  } finally {
    await done();
  }
});

test('a damaged line in the middle is skipped and counted, the rest still loads', async () => {
  const { path, done } = await tempJournal();
  try {
    const { journal } = await CatalogJournal.open(path);
    await journal.append([archive('TAPE0001', 0, ['a.txt'])]);
    await appendFile(path, 'not a record\n');
    await journal.append([archive('TAPE0001', 1, ['b.txt'])]);
    const reopened = await CatalogJournal.open(path);
    assert.equal(reopened.load.damagedLines, 1);
    assert.equal(reopened.journal.index.memberCount(), 2);
  } finally {
    await done();
  }
});

test('compaction keeps exactly the records in force', async () => {
  const { path, done } = await tempJournal();
  try {
    const { journal } = await CatalogJournal.open(path);
    await journal.append([archive('TAPE0001', 0, ['old.txt']), { kind: 'forgetTape', barcode: 'TAPE0001', at: 1 }, archive('TAPE0001', 0, ['new.txt']), archive('TAPE0002', 0, ['other.txt'])]);
    await journal.compact();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, 2);
    const reopened = await CatalogJournal.open(path);
    assert.deepEqual(reopened.journal.index.search('.txt').hits.map((h) => h.member.path), ['new.txt', 'other.txt']);
  } finally {
    await done();
  }
});

test('killed in the middle of appending: every record before the kill loads, nothing half-written does', async () => {
  const { path, done } = await tempJournal();
  try {
    for (let round = 0; round < 3; round += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'journalWriterChild.ts'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 50 + round * 40));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const { journal, load } = await CatalogJournal.open(path);
      assert.equal(load.damagedLines, 0);
      const text = await readFile(path, 'utf8');
      assert.ok(text === '' || text.endsWith('\n'), 'a torn tail is cut off on open');
      // Every archive in force holds all 200 of its members: no record was applied half-way.
      for (const tape of journal.index.allTapes()) for (const record of tape.archives.values()) assert.equal(record.members.length, 200);
      assert.ok(journal.index.memberCount() > 0);
    }
  } finally {
    await done();
  }
});
