// A tape's journal takes one record per run of blocks (not one per write): blocks read back at once and after a
// reopen, and a reopen without a close (a kill) keeps the blocks the journal already described, a prefix of those written.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TapeMedia } from '../../../src/lab/library/TapeMedia';

const BLOCK = 65536;
const RECORD = 16;
/** Block n of a run holds the byte (seed + n) % 256 throughout. */
const blocks = (seed: number, count: number) => Buffer.concat(Array.from({ length: count }, (_, n) => Buffer.alloc(BLOCK, (seed + n) % 256)));

function firstBytes(media: TapeMedia, from: number, count: number): number[] {
  return Array.from({ length: count }, (_, n) => {
    const block = media.readBlock(from + n);
    assert.equal(block.length, BLOCK);
    assert.equal(block[BLOCK - 1], block[0]);
    return block[0];
  });
}

function withDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'tape-journal-'));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('60 one-block writes and a filemark take a handful of journal records and read back before and after a reopen', () =>
  withDir((dir) => {
    const media = TapeMedia.open(dir);
    for (let n = 0; n < 60; n += 1) media.writeBlocks(n, blocks(n, 1), BLOCK);
    assert.deepEqual(firstBytes(media, 0, 60), Array.from({ length: 60 }, (_, n) => n));
    media.writeFilemarks(60, 1);
    media.sync();
    // 512 KiB per BLOCKS record: 8 records for 60 blocks of 64 KiB, then the filemark's.
    assert.equal(statSync(join(dir, 'journal')).size, 9 * RECORD);
    media.close();

    const reopened = TapeMedia.open(dir);
    assert.equal(reopened.objectCount, 61);
    assert.equal(reopened.objectAt(60)?.kind, 'filemark');
    assert.deepEqual(firstBytes(reopened, 0, 60), Array.from({ length: 60 }, (_, n) => n));
    reopened.close();
  }));

test('blocks of another size start a record of their own', () =>
  withDir((dir) => {
    const media = TapeMedia.open(dir);
    media.writeBlocks(0, Buffer.alloc(1024, 7), 512);
    media.writeBlocks(2, Buffer.alloc(BLOCK, 9), BLOCK);
    media.close();
    const reopened = TapeMedia.open(dir);
    assert.deepEqual([0, 1, 2].map((index) => reopened.objectAt(index)), [
      { kind: 'block', size: 512, byteOffset: 0 },
      { kind: 'block', size: 512, byteOffset: 512 },
      { kind: 'block', size: BLOCK, byteOffset: 1024 },
    ]);
    assert.equal(reopened.readBlock(2)[0], 9);
    reopened.close();
  }));

test('a reopen without a close keeps the blocks the journal described and drops the rest from the data file', () =>
  withDir((dir) => {
    const killed = TapeMedia.open(dir);
    // 20 blocks: two full records (16 blocks); the last 4 blocks' record was never written.
    for (let n = 0; n < 20; n += 1) killed.writeBlocks(n, blocks(n, 1), BLOCK);
    assert.equal(statSync(join(dir, 'data')).size, 20 * BLOCK);

    const reopened = TapeMedia.open(dir);
    assert.equal(reopened.objectCount, 16);
    assert.deepEqual(firstBytes(reopened, 0, 16), Array.from({ length: 16 }, (_, n) => n));
    assert.equal(statSync(join(dir, 'data')).size, 16 * BLOCK);
    reopened.close();
  }));

test('an overwrite from BOT writes the record of the blocks before it first, then the erase', () =>
  withDir((dir) => {
    const media = TapeMedia.open(dir);
    media.writeBlocks(0, blocks(1, 3), BLOCK);
    media.writeBlocks(0, blocks(100, 2), BLOCK);
    media.writeFilemarks(2, 1);
    media.close();
    const reopened = TapeMedia.open(dir);
    assert.equal(reopened.objectCount, 3);
    assert.deepEqual(firstBytes(reopened, 0, 2), [100, 101]);
    assert.equal(statSync(join(dir, 'data')).size, 2 * BLOCK);
    reopened.close();
  }));
