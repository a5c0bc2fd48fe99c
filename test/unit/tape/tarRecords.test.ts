// tar record blocking and end-of-archive detection on real GNU tar output.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RecordBlocker, TarEndDetector, isTarHeader } from '../../../src/tape/tarRecords';

test('RecordBlocker emits whole records and zero-pads the last one', () => {
  const records: number[][] = [];
  const blocker = new RecordBlocker(4, (record) => records.push([...record]));
  blocker.push(Uint8Array.from([1, 2, 3]));
  blocker.push(Uint8Array.from([4, 5, 6, 7, 8, 9, 10, 11, 12]));
  blocker.push(Uint8Array.from([13]));
  blocker.finish();
  assert.deepEqual(records, [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 0, 0, 0]]);
});

test('TarEndDetector finds the end of a GNU tar archive and rejects garbage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tar-records-'));
  try {
    writeFileSync(join(dir, 'a.txt'), 'x'.repeat(1300));
    writeFileSync(join(dir, 'b.txt'), '');
    execFileSync('/usr/bin/tar', ['-cf', join(dir, 'a.tar'), '-C', dir, 'a.txt', 'b.txt']);
    const archive = readFileSync(join(dir, 'a.tar'));
    assert.ok(isTarHeader(archive.subarray(0, 512)));
    const detector = new TarEndDetector();
    // a.txt: header + 3 data blocks; b.txt: header; then the zero block at 2560.
    assert.equal(detector.feed(archive.subarray(0, 1024)), 'more');
    assert.equal(detector.atBoundary, false);
    assert.equal(detector.feed(archive.subarray(1024, 2560)), 'more');
    assert.equal(detector.atBoundary, true);
    assert.equal(detector.feed(archive.subarray(2560, 3072)), 'end');
    assert.equal(detector.headers, 2);
    assert.equal(new TarEndDetector().feed(Buffer.alloc(10240, 0x41)), 'invalid');
    assert.equal(new TarEndDetector().feed(Buffer.alloc(10240)), 'end');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
