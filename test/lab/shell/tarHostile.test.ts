// tar -x on hostile and damaged archives gives GNU tar 1.34's messages and exit status, and never writes outside the target folder.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as tarStream from 'tar-stream';
import { writeWholeFile } from '../../../src/lab/shell/fileIo';
import { Walkthrough, walkthrough } from './walkthroughFixture';

let w: Walkthrough;
before(() => {
  w = walkthrough();
});
after(() => w.dispose());

type Member = { name: string; type?: tarStream.Header['type']; linkname?: string; data?: string };

async function archive(members: readonly Member[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const member of members) {
    const data = member.data ?? (member.type === undefined || member.type === 'file' ? 'x\n' : '');
    pack.entry({ name: member.name, type: member.type ?? 'file', linkname: member.linkname, size: Buffer.byteLength(data), mtime: new Date('2023-11-14T22:13:20Z'), uname: 'root', gname: 'root' }, data);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function extract(name: string, bytes: Buffer, flags = '-xvf'): Promise<{ stdout: string; stderr: string; exitCode: number; files: string }> {
  await writeWholeFile(w.host.environment.fs, `/root/${name}.tar`, '/', bytes, 'root');
  const result = await w.host.runner.run(`mkdir -p /root/x-${name} && cd /root/x-${name} && tar ${flags} ../${name}.tar`);
  const files = await w.host.runner.run(`cd /root/x-${name} && find . | sort | tr '\\n' ' '`);
  return { ...result, files: files.stdout };
}

test('../ and a/../../ members: the prefix warning once each, then refused; exit 2', async () => {
  const bytes = await archive([{ name: '../escape.txt' }, { name: 'a/../../up.txt' }, { name: 'ok.txt' }]);
  const result = await extract('dotdot', bytes);
  assert.equal(result.stdout, 'ok.txt\n');
  assert.equal(
    result.stderr,
    "tar: Removing leading `../' from member names\ntar: ../escape.txt: Member name contains '..'\ntar: Removing leading `a/../../' from member names\ntar: a/../../up.txt: Member name contains '..'\ntar: Exiting with failure status due to previous errors\n",
  );
  assert.equal(result.exitCode, 2);
  assert.equal(result.files, '. ./ok.txt ');
  assert.equal((await w.host.runner.run('ls /root/escape.txt /up.txt /root/up.txt')).exitCode, 2);
  const listed = await w.host.runner.run('tar -tf /root/dotdot.tar');
  assert.deepEqual(listed, { stdout: '../escape.txt\na/../../up.txt\nok.txt\n', stderr: "tar: Removing leading `../' from member names\ntar: Removing leading `a/../../' from member names\n", exitCode: 0 });
});

test('absolute members land under the target folder unless -P', async () => {
  const bytes = await archive([{ name: '/etc/planted' }]);
  const result = await extract('absolute', bytes);
  assert.equal(result.stdout, '/etc/planted\n');
  assert.equal(result.stderr, "tar: Removing leading `/' from member names\n");
  assert.equal(result.files, '. ./etc ./etc/planted ');
  assert.equal((await w.host.runner.run('ls /etc/planted')).exitCode, 2);
  const absolute = await extract('absolute-p', bytes, '-xPf');
  assert.equal(absolute.exitCode, 0);
  assert.equal((await w.host.runner.run('cat /etc/planted')).stdout, 'x\n');
});

test('a symlink to outside is a placeholder while extracting, so a member cannot be written through it', async () => {
  const bytes = await archive([{ name: 'lnk', type: 'symlink', linkname: '/etc' }, { name: 'lnk/passwd' }, { name: 'hard', type: 'link', linkname: 'missing.txt' }, { name: 'fifo', type: 'fifo' }]);
  const result = await extract('links', bytes);
  assert.equal(result.stdout, 'lnk\nlnk/passwd\nhard\nfifo\n');
  assert.equal(result.stderr, 'tar: lnk/passwd: Cannot open: Not a directory\ntar: hard: Cannot hard link to ‘missing.txt’: No such file or directory\ntar: Exiting with failure status due to previous errors\n');
  assert.equal(result.exitCode, 2);
  assert.equal((await w.host.runner.run('readlink /root/x-links/lnk; ls /etc/passwd')).stdout, '/etc\n');
});

test('truncated and corrupt archives: GNU tar messages, exit 2, and the lab keeps serving', async () => {
  const good = await archive([{ name: 'big.bin', data: 'y'.repeat(20000) }, { name: 'second.txt' }]);
  const cut = await extract('trunc', good.subarray(0, 5000));
  assert.equal(cut.stderr, 'tar: Unexpected EOF in archive\ntar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now\n');
  assert.equal(cut.exitCode, 2);
  const stub = await extract('stub', good.subarray(0, 300));
  assert.deepEqual([stub.stderr, stub.exitCode], ['tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n', 2]);
  const corrupt = Buffer.from(good);
  corrupt.write('garbage!!!', 0);
  const bad = await extract('corrupt', corrupt);
  assert.match(bad.stderr, /^tar: This does not look like a tar archive\ntar: Skipping to next header\n/);
  assert.equal(bad.exitCode, 2);
  assert.equal((await w.host.runner.run('echo alive')).stdout, 'alive\n');
});
