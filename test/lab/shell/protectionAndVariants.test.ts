// Write protection (retrieved / WORM tapes), tar's absolute-name warnings, mtx source elements, and the AL2023 client.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Walkthrough, walkthrough } from './walkthroughFixture';

let w: Walkthrough;

async function ok(line: string): Promise<string> {
  const result = await w.run(line);
  assert.equal(result.status, 0, `${line}: ${result.stderr}`);
  return result.stdout;
}

before(async () => {
  w = walkthrough({ reportSourceAddress: true });
  w.library.addTape('RETRIEVED1', { readOnly: true });
  w.library.addTape('WORMTAPE01', { worm: true });
  w.library.addTape('PLAINTAPE1');
  await ok('sudo iscsiadm -m discovery -t st -p 10.0.2.143:3260');
  await ok('sudo iscsiadm -m node -l');
});
after(() => w.dispose());

test('logging in to every discovered node prints all "Logging in" lines first', async () => {
  const sessions = (await ok('sudo iscsiadm -m session')).trim().split('\n');
  assert.equal(sessions.length, 11);
  assert.match(await ok('ls /dev'), /\bnst9\b/);
});

test('a library that reports the source element makes mtx name it; unloading into I/E ejects', async () => {
  await ok('sudo mtx -f /dev/sg1 load 1601 0');
  assert.match(await ok('sudo mtx -f /dev/sg1 status'), /^Data Transfer Element 0:Full \(Storage Element 1601 Loaded\):VolumeTag = TESTD67E76 +$/m);
  assert.equal(await ok('sudo mtx -f /dev/sg1 unload'), 'Unloading drive 0 into Storage Element 1601...done\n');
  assert.deepEqual(w.library.ejected, ['TESTD67E76']);
  assert.match((await w.run('sudo mtx --version')).stderr, /^mtx version 1\.3\.12\n\nUsage:\n/);
});

test('a read-only (retrieved) tape refuses writes and shows WR_PROT', async () => {
  const drive = (await ok('ls -l /dev/tape/by-path')).match(/tapedrive-01-lun-0 -> \.\.\/\.\.\/(st\d+)/)![1];
  await ok('sudo mtx -f /dev/sg1 load 1602 0');
  assert.match(await ok(`sudo mt -f /dev/${drive} status`), /\(45010000\):\n BOT WR_PROT ONLINE IM_REP_EN\n/);
  await ok('echo data > d.txt');
  assert.deepEqual(await w.run(`sudo tar -c -b 128 -f /dev/${drive} d.txt`), {
    stdout: '',
    stderr: `tar: /dev/${drive}: Cannot open: Read-only file system\ntar: Error is not recoverable: exiting now\n`,
    status: 2,
  });
  assert.deepEqual(await w.run(`sudo mt -f /dev/${drive} weof`), { stdout: '', stderr: `/dev/${drive}: Permission denied\n`, status: 2 });
  await ok('sudo mtx -f /dev/sg1 unload 2 0');
});

test('a WORM tape appends but never overwrites', async () => {
  const drive = (await ok('ls -l /dev/tape/by-path')).match(/tapedrive-01-lun-0-nst -> \.\.\/\.\.\/(nst\d+)/)![1];
  await ok('sudo mtx -f /dev/sg1 load 1603 0');
  await ok(`sudo tar -c -b 128 -f /dev/${drive} d.txt`);
  await ok(`sudo tar -c -b 128 -f /dev/${drive} d.txt`);
  await ok(`sudo mt -f /dev/${drive} rewind`);
  assert.deepEqual(await w.run(`sudo tar -c -b 128 -f /dev/${drive} d.txt`), {
    stdout: '',
    stderr: `tar: /dev/${drive}: Cannot write: Input/output error\ntar: Error is not recoverable: exiting now\n`,
    status: 2,
  });
  assert.deepEqual(await w.run(`sudo mt -f /dev/${drive} weof`), { stdout: '', stderr: `/dev/${drive}: Input/output error\nmt: The tape is write-protected.\n`, status: 2 });
  assert.equal(await ok(`sudo tar -t -f /dev/${drive}`), 'd.txt\n');
});

test('no tape: setblk fails at the ioctl with exit 2', async () => {
  await ok('sudo mtx -f /dev/sg1 unload');
  assert.deepEqual(await w.run('sudo mt -f /dev/st0 setblk 0'), {
    stdout: '',
    stderr: '/dev/st0: No medium found\nmt: The device is offline (not powered on, no tape ?).\n',
    status: 2,
  });
});

test('tar warns about leading slashes, and about hard link targets before a second name', async () => {
  await ok('sudo mtx -f /dev/sg1 load 1604 0');
  const st = (await ok('ls -l /dev/tape/by-path')).match(/tapedrive-01-lun-0 -> \.\.\/\.\.\/(st\d+)/)![1];
  const result = await w.run(`sudo tar -cv -b 128 -f /dev/${st} /home/ssm-user/d.txt /etc/hostname`);
  assert.equal(result.stdout, '/home/ssm-user/d.txt\n/etc/hostname\n');
  assert.equal(result.stderr, "tar: Removing leading `/' from member names\ntar: Removing leading `/' from hard link targets\n");
  assert.equal(await ok(`sudo tar -t -f /dev/${st}`), 'home/ssm-user/d.txt\netc/hostname\n');
});
