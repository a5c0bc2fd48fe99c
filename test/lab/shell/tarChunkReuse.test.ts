// tar -c reads file data through a few reused buffers: members far larger than all of them together, and many members
// in a row, come back byte for byte from a tape and from an archive file.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ChunkRing } from '../../../src/lab/shell/tar/ChunkRing';
import { LOAD_TAPE_LINES, Walkthrough, walkthrough } from './walkthroughFixture';

let w: Walkthrough;

async function ok(script: string): Promise<string> {
  const result = await w.host.runner.run(script);
  assert.equal(result.exitCode, 0, `${script}: ${result.stderr}`);
  return result.stdout;
}

before(async () => {
  w = walkthrough();
  for (const line of [
    ...LOAD_TAPE_LINES,
    // 21 MiB and 9.5 MiB of random data (many times the reused buffers), and ten small files between them.
    'mkdir -p /root/set && cd /root/set && head -c 22020096 /dev/urandom > a.bin && for i in 0 1 2 3 4 5 6 7 8 9; do head -c $((i * 1000 + 1)) /dev/urandom > s$i.bin; done && head -c 9961472 /dev/urandom > z.bin',
    'cd /root && sha256sum set/* > /root/set.sum',
  ]) await ok(line);
});
after(() => w.dispose());

test('tar -c to a tape and to an archive file gives back every member byte for byte', async () => {
  await ok('cd /root && tar -cf /dev/st0 -b 128 set && tar -cf /root/set.tar set');
  for (const [name, source] of [['tape', '/dev/st0'], ['file', '/root/set.tar']]) {
    const checked = await ok(`rm -rf /tmp/${name} && mkdir /tmp/${name} && cd /tmp/${name} && tar -xf ${source} -b 128 && sha256sum -c /root/set.sum`);
    assert.equal(checked.split('\n').filter((line) => line.endsWith(': OK')).length, 12, `${name}: ${checked}`);
  }
});

test('a ring lends at most its count, takes back only its own buffers and stops waiting once closed', async () => {
  const ring = new ChunkRing(2, 16);
  const first = await ring.take();
  const second = await ring.take();
  let third: Buffer | undefined;
  const waiting = ring.take().then((buffer) => (third = buffer));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(third, undefined);
  ring.giveBack(Buffer.alloc(16));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(third, undefined);
  // A short last chunk comes back as a view of its buffer.
  ring.giveBack(first.subarray(0, 5));
  await waiting;
  assert.equal(third, first);
  let fourth: Buffer | undefined;
  const afterClose = ring.take().then((buffer) => (fourth = buffer));
  ring.close();
  await afterClose;
  assert.ok(fourth && fourth !== first && fourth !== second);
});
