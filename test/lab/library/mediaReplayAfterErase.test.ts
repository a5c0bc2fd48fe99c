// Reopening a tape replays its journal: an overwrite (ERASE) followed by shorter writes must come back as written, not cut short.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TapeMedia } from '../../../src/lab/library/TapeMedia';

const BLOCK = 512;
const block = (fill: number, count = 1) => Buffer.alloc(BLOCK * count, fill);

function layout(media: TapeMedia): string {
  return Array.from({ length: media.objectCount }, (_, index) => {
    const object = media.objectAt(index);
    return object?.kind === 'block' ? String(media.readBlock(index)[0]) : 'F';
  }).join(' ');
}

test('files written after an overwrite from BOT read back after a reopen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tape-replay-'));
  try {
    const first = TapeMedia.open(dir);
    first.writeBlocks(0, block(1, 6), BLOCK);
    first.writeFilemarks(6, 1);
    first.writeBlocks(7, block(2, 6), BLOCK);
    first.writeFilemarks(13, 1);
    // Overwrite from the beginning with less data than before: the data file is truncated and rewritten.
    first.writeBlocks(0, block(3, 2), BLOCK);
    first.writeFilemarks(2, 1);
    first.writeBlocks(3, block(4, 1), BLOCK);
    first.writeFilemarks(4, 1);
    assert.equal(layout(first), '3 3 F 4 F');
    first.close();

    const reopened = TapeMedia.open(dir);
    assert.equal(layout(reopened), '3 3 F 4 F');
    assert.equal(reopened.usedBytes, 3 * BLOCK);
    reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('blocks whose bytes never reached the data file are dropped with what follows them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tape-replay-'));
  try {
    const media = TapeMedia.open(dir);
    media.writeBlocks(0, block(1, 2), BLOCK);
    media.writeFilemarks(2, 1);
    media.writeBlocks(3, block(2, 3), BLOCK);
    media.writeFilemarks(6, 1);
    media.close();
    // As after a machine crash that kept the journal but lost the tail of the data: 1.5 blocks of the second file survive.
    truncateSync(join(dir, 'data'), 3 * BLOCK + BLOCK / 2);
    const reopened = TapeMedia.open(dir);
    assert.equal(layout(reopened), '1 1 F 2');
    reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
