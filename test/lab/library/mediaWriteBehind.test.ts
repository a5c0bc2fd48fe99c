// Blocks written behind (worker thread, batches): read back in order at once and after a reopen, and a failed batch write ends the tape where it began.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TapeDeviceError } from '../../../src/lab/library/TapeDeviceError';
import { TapeMedia } from '../../../src/lab/library/TapeMedia';

const BLOCK = 65536;
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

test('blocks written one record at a time, past several batches, read back in order before and after a reopen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tape-behind-'));
  try {
    const media = TapeMedia.open(dir);
    // 40 single-block writes (5 batches of 8), then one write of 20 blocks that spans batches, then a filemark.
    for (let n = 0; n < 40; n += 1) media.writeBlocks(n, blocks(n, 1), BLOCK);
    media.writeBlocks(40, blocks(40, 20), BLOCK);
    // Read before any sync: reading settles what is still on its way to the disk.
    assert.deepEqual(firstBytes(media, 0, 60), Array.from({ length: 60 }, (_, n) => n));
    media.writeFilemarks(60, 1);
    media.sync();
    assert.equal(statSync(join(dir, 'data')).size, 60 * BLOCK);
    media.close();

    const reopened = TapeMedia.open(dir);
    assert.equal(reopened.objectCount, 61);
    assert.equal(reopened.objectAt(60)?.kind, 'filemark');
    assert.deepEqual(firstBytes(reopened, 0, 60), Array.from({ length: 60 }, (_, n) => n));
    reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an overwrite from BOT while batches are pending leaves only the new blocks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tape-behind-'));
  try {
    const media = TapeMedia.open(dir);
    media.writeBlocks(0, blocks(1, 30), BLOCK);
    media.writeBlocks(0, blocks(100, 3), BLOCK);
    media.writeFilemarks(3, 1);
    media.close();
    const reopened = TapeMedia.open(dir);
    assert.equal(reopened.objectCount, 4);
    assert.deepEqual(firstBytes(reopened, 0, 3), [100, 101, 102]);
    assert.equal(statSync(join(dir, 'data')).size, 3 * BLOCK);
    reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a batch the disk refuses (ENOSPC) is reported at the next sync and the tape ends where it began', { skip: process.platform !== 'linux' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tape-behind-'));
  try {
    mkdirSync(dir, { recursive: true });
    // Every write to /dev/full fails with ENOSPC.
    symlinkSync('/dev/full', join(dir, 'data'));
    const media = TapeMedia.open(dir);
    media.writeBlocks(0, blocks(0, 20), BLOCK);
    assert.throws(
      () => media.sync(),
      (error: unknown) => error instanceof TapeDeviceError && error.errno === 'ENOSPC',
    );
    assert.equal(media.objectCount, 0);
    assert.equal(media.usedBytes, 0);
    // The failure is reported once; the tape takes writes again afterwards.
    media.writeFilemarks(0, 1);
    assert.equal(media.objectCount, 1);
    // /dev/full cannot be fsynced (EINVAL); close still releases the files.
    assert.throws(() => media.close(), { code: 'EINVAL' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
