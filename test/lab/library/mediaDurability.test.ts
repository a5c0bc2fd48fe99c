// Nothing acknowledged is lost on kill -9: a child writes tape files in a loop and is killed mid-write; the media reopens intact.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TapeMediaStore } from '../../../src/lab/library/TapeMediaStore';

test('every file acknowledged before SIGKILL is on the tape afterwards', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'tape-kill-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'mediaWriterChild.ts'), stateDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = -1;
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        for (const match of buffered.matchAll(/ack (\d+)\n/g)) acknowledged = Math.max(acknowledged, Number(match[1]));
        buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
        if (acknowledged >= 40 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    assert.ok(acknowledged >= 40);
    const store = new TapeMediaStore(stateDir);
    const media = store.media('KILL000001');
    assert.ok(media.filemarkCount >= acknowledged + 1, `${media.filemarkCount} filemarks, ${acknowledged + 1} acknowledged`);
    for (let file = 0; file <= acknowledged; file += 1) {
      const start = media.fileStart(file)!;
      const blocks = (file % 4) + 1;
      for (let b = 0; b < blocks; b += 1) {
        const block = media.readBlock(start + b);
        assert.equal(block.length, 65536);
        assert.equal(block[0], file % 256);
        assert.equal(block[65535], file % 256);
      }
      assert.equal(media.objectAt(start + blocks)?.kind, 'filemark');
    }
    store.close();
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});
