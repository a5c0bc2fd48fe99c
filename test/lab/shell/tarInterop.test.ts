// Real tar format both ways: GNU tar (/usr/bin/tar) reads what the lab wrote to tape, and the lab reads what GNU tar wrote.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exportTapeFile, importTarStream } from '../../../src/lab/library/tapeArchiveTransfer';
import { Walkthrough, walkthrough } from './walkthroughFixture';

const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let w: Walkthrough;
let hostDir: string;
before(async () => {
  w = walkthrough();
  hostDir = mkdtempSync(join(tmpdir(), 'tar-interop-'));
  for (const line of [
    'sudo iscsiadm -m discovery -t st -p 10.0.2.143',
    `sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`,
    `sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -l`,
    'sudo mtx -f /dev/sg0 load 1601 0',
  ]) assert.equal((await w.run(line)).status, 0, line);
});
after(() => {
  w.dispose();
  rmSync(hostDir, { recursive: true, force: true });
});

test('GNU tar lists and extracts an archive the lab wrote to tape', async () => {
  for (const line of [
    'mkdir -p data/sub',
    'dd if=/dev/urandom of=data/big.bin bs=1000 count=150 status=none',
    "echo 'hello tape' > data/sub/hello.txt",
    'sudo tar -c -b 128 -f /dev/nst0 data',
  ]) assert.deepEqual((await w.run(line)).status, 0, line);
  const archive = join(hostDir, 'lab.tar');
  const bytes = await exportTapeFile(w.host.environment.devices.store, 'TESTD67E76', 0, archive);
  assert.equal(bytes % 65536, 0);
  const listing = execFileSync('/usr/bin/tar', ['-tvf', archive], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  assert.match(listing, /^drwxr-xr-x ssm-user\/ssm-user +0 \d{4}-\d\d-\d\d \d\d:\d\d data\/$/m);
  assert.match(listing, /^-rw-r--r-- ssm-user\/ssm-user +150000 .* data\/big\.bin$/m);
  const out = join(hostDir, 'out');
  mkdirSync(out);
  execFileSync('/usr/bin/tar', ['-xf', archive, '-C', out]);
  assert.equal(readFileSync(join(out, 'data/sub/hello.txt'), 'utf8'), 'hello tape\n');
  const labSum = (await w.run('sha256sum data/big.bin')).stdout.split(' ')[0];
  assert.equal(sha(readFileSync(join(out, 'data/big.bin'))), labSum);
});

test('the lab lists and extracts a GNU tar archive imported onto the tape', async () => {
  const src = join(hostDir, 'src');
  mkdirSync(join(src, 'docs'), { recursive: true });
  const payload = randomBytes(200_000);
  writeFileSync(join(src, 'docs', 'payload.bin'), payload);
  writeFileSync(join(src, 'readme.txt'), 'from GNU tar\n');
  const archive = join(hostDir, 'gnu.tar');
  execFileSync('/usr/bin/tar', ['-c', '-b', '128', '-f', archive, '-C', src, '--owner=root', '--group=root', 'readme.txt', 'docs']);
  const result = await importTarStream(w.host.environment.devices.store, 'TESTD67E76', createReadStream(archive));
  assert.equal(result.fileNumber, 1);
  const listing = await w.run('sudo mt -f /dev/nst0 rewind && sudo mt -f /dev/nst0 fsf 1 && sudo tar -tv -f /dev/nst0');
  assert.equal(listing.stderr, '');
  assert.match(listing.stdout, /^-rw-r--r-- root\/root +13 \d{4}-\d\d-\d\d \d\d:\d\d readme\.txt$/m);
  assert.match(listing.stdout, /^-rw-r--r-- root\/root +200000 .* docs\/payload\.bin$/m);
  const extracted = await w.run('mkdir restore && sudo mt -f /dev/nst0 rewind && sudo mt -f /dev/nst0 fsf 1 && sudo tar -x -C restore -f /dev/nst0 && sha256sum restore/docs/payload.bin && cat restore/readme.txt');
  assert.equal(extracted.stderr, '');
  assert.equal(extracted.stdout, `${sha(payload)}  restore/docs/payload.bin\nfrom GNU tar\n`);
});
