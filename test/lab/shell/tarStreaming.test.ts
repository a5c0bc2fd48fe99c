// tar and dd move client files through file handles: a multi-MiB member reaches the tape and comes back whole, and the
// command ends only once the extracted file is complete.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
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
  ]) await ok(line);
});
after(() => w.dispose());

test('a 3 MiB file written by dd goes to tape with tar in 64 KiB records and is extracted byte for byte', async () => {
  await ok('dd if=/dev/urandom of=/root/data.bin bs=1M count=3 2>/dev/null && sha256sum /root/data.bin > /root/data.sum');
  await ok('tar -c --record-size=65536 -f /dev/st0 /root/data.bin');
  assert.equal(await ok('mkdir -p /tmp/back && cd /tmp/back && tar -x --record-size=65536 -f /dev/st0 && stat -c %s root/data.bin'), '3145728\n');
  assert.equal(await ok('cd /tmp/back && sed "s# /root/# root/#" /root/data.sum | sha256sum -c'), 'root/data.bin: OK\n');
});

test('dd copies a file to a file record by record, with the counts GNU dd prints', async () => {
  const copy = await w.host.runner.run('dd if=/root/data.bin of=/tmp/copy.bin bs=1M && sha256sum < /tmp/copy.bin && sha256sum < /root/data.bin');
  const [copied, original] = copy.stdout.split('\n');
  assert.deepEqual([copy.exitCode, copied], [0, original]);
  assert.match(copy.stderr, /^3\+0 records in\n3\+0 records out\n3145728 bytes/);
  const tail = await w.host.runner.run('dd if=/root/data.bin of=/tmp/tail.bin bs=1000000 && stat -c %s /tmp/tail.bin');
  assert.match(tail.stderr, /^3\+1 records in\n3\+1 records out\n/);
  assert.equal(tail.stdout, '3145728\n');
});

test('a 256 MiB dd and its tar to tape never hold the file in memory (generous RSS bound, no timing)', async () => {
  const peakDuring = async (script: string): Promise<number> => {
    const start = process.memoryUsage().rss;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    try {
      await ok(script);
    } finally {
      clearInterval(sampler);
    }
    return (Math.max(peak, process.memoryUsage().rss) - start) / 1024 / 1024;
  };
  const dd = await peakDuring('dd if=/dev/zero of=/tmp/big bs=1M count=256 2>/dev/null');
  const tar = await peakDuring('tar -c --record-size=65536 -f /dev/st0 /tmp/big 2>/dev/null');
  assert.ok(dd < 128, `dd grew the process by ${dd.toFixed(1)} MiB`);
  assert.ok(tar < 128, `tar grew the process by ${tar.toFixed(1)} MiB`);
  await ok('rm /tmp/big');
});

test('tar -cf - into a file or through cat gives the archive tar -cf FILE writes, byte for byte (records are copied as written)', async () => {
  await ok('mkdir -p /root/stdout-src && head -c 3000000 /dev/urandom > /root/stdout-src/big && echo hi > /root/stdout-src/small');
  await ok('cd /root && tar -cf /root/direct.tar stdout-src && tar -cf - stdout-src > /root/redirected.tar && tar -cf - stdout-src | cat > /root/piped.tar');
  assert.equal(await ok('cd /root && cmp direct.tar redirected.tar && cmp direct.tar piped.tar && tar -tf redirected.tar'), 'stdout-src/\nstdout-src/big\nstdout-src/small\n');
});
