// mtx, mt, tar and iscsiadm behaviours and errors from tape-tools.md beyond the golden walkthrough.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Walkthrough, walkthrough } from './walkthroughFixture';

const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';
let w: Walkthrough;

async function ok(line: string): Promise<string> {
  const result = await w.run(line);
  assert.equal(result.status, 0, `${line}: ${result.stderr}`);
  return result.stdout;
}

before(async () => {
  w = walkthrough();
  w.library.addTape('TESTAAAAAA');
  await ok('sudo iscsiadm -m discovery -t st -p 10.0.2.143:3260');
  await ok(`sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`);
  await ok(`sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -l`);
});
after(() => w.dispose());

test('mtx errors and moves', async () => {
  assert.deepEqual(await w.run('sudo mtx'), { stdout: '', stderr: '', status: 0 });
  assert.deepEqual(await w.run('sudo mtx -f /dev/sg9 status'), { stdout: '', stderr: "cannot open SCSI device '/dev/sg9' - No such file or directory\n", status: 1 });
  assert.deepEqual(await w.run('mtx -f /dev/sg0 status'), { stdout: '', stderr: "cannot open SCSI device '/dev/sg0' - Permission denied\n", status: 1 });
  assert.deepEqual(await w.run('sudo mtx -f /dev/st0 status'), { stdout: '', stderr: '/dev/st0 is not an sg device, or old sg driver\n', status: 1 });
  assert.match((await w.run('sudo mtx -f /dev/sg0 bogus')).stderr, /^Usage:\n\tmtx --version\n/);
  assert.equal((await w.run('sudo mtx -f /dev/sg0 load')).stderr, 'No source specified\n');
  assert.equal((await w.run('sudo mtx -f /dev/sg0 load 3201')).stderr, "Invalid <storage-element-number> argument '3201' to 'load' command\n");
  assert.equal((await w.run('sudo mtx -f /dev/sg0 load 1601 10')).stderr, "illegal <drive-number> argument '10' to 'load' command\n");
  assert.deepEqual(await w.run('sudo mtx -f /dev/sg0 load 5 0'), { stdout: 'Loading media from Storage Element 5 into drive 0...', stderr: 'Source Element Address 1028 is Empty\n', status: 1 });
  assert.equal(await ok('sudo mtx -f /dev/sg0 transfer 1602 7'), '');
  assert.equal((await w.run('sudo mtx -f /dev/sg0 transfer 1603 7')).stderr, 'Source Element Address 4098 is Empty\n');
  assert.match(await ok('sudo mtx -f /dev/sg1 inquiry'), /^Product Type: Tape Drive\nVendor ID: 'IBM {5}'\nProduct ID: 'ULT3580-TD5 {5}'\n/);
  await ok('sudo mtx -f /dev/sg0 load 1601 1');
  assert.equal((await w.run('sudo mtx -f /dev/sg0 unload 7 1')).stderr, 'Storage Element 7 is Already Full\n');
  assert.equal(await ok('sudo mtx -f /dev/sg0 unload 0 1'), 'Unloading drive 1 into Storage Element 1...done\n');
  assert.equal(await ok('sudo mtx -f /dev/sg0 transfer 7 1601'), '');
  assert.deepEqual(w.library.ejected, ['TESTAAAAAA']);
  assert.equal(w.library.tape('TESTAAAAAA')?.status, 'IN TRANSIT TO VTS');
});

test('mt argument errors', async () => {
  await ok('sudo mtx -f /dev/sg0 load 1 0');
  assert.deepEqual(await w.run('sudo mt -f /dev/nst0 fsf -1'), { stdout: '', stderr: 'mt: negative repeat count\n', status: 1 });
  assert.deepEqual(await w.run('sudo mt -f /dev/nst0 fsf 1x'), { stdout: '', stderr: 'mt: illegal count unit.\n', status: 3 });
  assert.deepEqual(await w.run('sudo mt -f /dev/nst0 rewind 1'), { stdout: '', stderr: "mt: too many arguments for the command 'rewind'.\n", status: 1 });
  assert.match((await w.run('sudo mt -f /dev/nst0 bogus')).stderr, /^mt: unknown command "bogus"\nusage: mt /);
  assert.match((await w.run('sudo mt -f /dev/nst0 rew')).stderr, /^mt: ambiguous command "rew"\n/);
  assert.equal((await w.run('sudo mt -f /dev/nst0 stat')).status, 0);
  assert.deepEqual(await w.run('sudo mt -f /dev/nst9 status'), { stdout: '', stderr: '/dev/nst9: No such file or directory\n', status: 1 });
});

test('st positioning through mt and tar on the non-rewinding node', async () => {
  await ok("echo one > one.txt && echo two > two.txt");
  await ok('sudo tar -c -b 128 -f /dev/nst0 one.txt');
  await ok('sudo tar -c -b 128 -f /dev/nst0 two.txt');
  const status = await ok('sudo mt -f /dev/nst0 status');
  assert.match(status, /File number=2, block number=0, partition=0\.\n.*\n.*\nGeneral status bits on \(81010000\):\n EOF ONLINE IM_REP_EN\n/);
  assert.equal(await ok('sudo mt -f /dev/nst0 tell'), 'At block 4.\n');
  await ok('sudo mt -f /dev/nst0 eod');
  assert.match(await ok('sudo mt -f /dev/nst0 status'), /File number=2, block number=-1,.*\n[\s\S]*\(9010000\):\n EOD ONLINE IM_REP_EN\n/);
  assert.deepEqual(await w.run('sudo mt -f /dev/nst0 fsf 1'), { stdout: '', stderr: '/dev/nst0: Input/output error\n', status: 2 });
  await ok('sudo mt -f /dev/nst0 rewind');
  assert.equal(await ok('sudo tar -t -f /dev/nst0'), 'one.txt\n');
  // The first read stopped inside file 0; the next read meets its filemark.
  assert.deepEqual(await w.run('sudo tar -t -f /dev/nst0'), {
    stdout: '',
    stderr: 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n',
    status: 2,
  });
  assert.equal(await ok('sudo tar -t -f /dev/nst0'), 'two.txt\n');
  await ok('sudo mt -f /dev/nst0 bsf 1');
  assert.match(await ok('sudo mt -f /dev/nst0 status'), /File number=0, block number=-1,/);
  await ok('sudo mt -f /dev/nst0 rewind');
  assert.deepEqual(await w.run('sudo mt -f /dev/nst0 bsf 1'), { stdout: '', stderr: '/dev/nst0: Input/output error\n', status: 2 });
  // /dev/st0 rewinds when mt closes it.
  await ok('sudo mt -f /dev/st0 fsf 1');
  assert.match(await ok('sudo mt -f /dev/nst0 status'), /File number=0, block number=0,/);
});

test('variable block mode: ENOMEM for small reads, "Record size" with -v for larger ones', async () => {
  await ok('sudo mt -f /dev/nst0 rewind && sudo mt -f /dev/nst0 setblk 0');
  await ok('sudo tar -c -f /dev/nst0 one.txt');
  await ok('sudo mt -f /dev/nst0 rewind');
  assert.equal((await w.run('sudo tar -tv -b 256 -f /dev/nst0')).stderr, 'tar: Record size = 20 blocks\n');
  await ok('sudo mt -f /dev/nst0 rewind && sudo mt -f /dev/nst0 setblk 65536');
  await ok('sudo tar -c -b 128 -f /dev/nst0 one.txt && sudo mt -f /dev/nst0 rewind && sudo mt -f /dev/nst0 setblk 0');
  assert.deepEqual(await w.run('sudo tar -t -f /dev/nst0'), {
    stdout: '',
    stderr: 'tar: /dev/nst0: Cannot read: Cannot allocate memory\ntar: At beginning of tape, quitting now\ntar: Error is not recoverable: exiting now\n',
    status: 2,
  });
  await ok('sudo mt -f /dev/nst0 setblk 65536');
  assert.equal((await w.run('tar -t -f /dev/nst0')).stderr, 'tar: /dev/nst0: Cannot open: Permission denied\ntar: Error is not recoverable: exiting now\n');
  assert.equal((await w.run('sudo tar -c --record-size=1000 -f /dev/nst0 one.txt')).stderr, "tar: Record size must be a multiple of 512.\nTry 'tar --help' or 'tar --usage' for more information.\n");
});

test('dd reads and writes tape blocks', async () => {
  await ok('sudo mt -f /dev/nst0 rewind');
  const wrote = await w.run('sudo dd if=/dev/zero of=/dev/nst0 bs=64k count=3');
  assert.match(wrote.stderr, /^3\+0 records in\n3\+0 records out\n196608 bytes/);
  const bad = await w.run('sudo dd if=/dev/zero of=/dev/nst0 bs=1000 count=1');
  assert.match(bad.stderr, /^dd: error writing '\/dev\/nst0': Invalid argument\n1\+0 records in\n0\+0 records out\n/);
  assert.equal(bad.status, 1);
  await ok('sudo mt -f /dev/nst0 rewind');
  const read = await w.run('sudo dd if=/dev/nst0 bs=64k | sha256sum');
  assert.match(read.stderr, /^3\+0 records in\n3\+0 records out\n/);
});

test('iscsiadm sessions, logout and the /dev nodes going away', async () => {
  assert.equal(
    await ok('sudo iscsiadm -m session'),
    `tcp: [1] 10.0.2.143:3260,1 ${IQN}-mediachanger (non-flash)\ntcp: [2] 10.0.2.143:3260,1 ${IQN}-tapedrive-01 (non-flash)\n`,
  );
  assert.deepEqual(await w.run(`sudo iscsiadm -m node -T ${IQN}-tapedrive-11 -p 10.0.2.143 -l`), { stdout: '', stderr: 'iscsiadm: No records found\n', status: 21 });
  assert.equal(
    await ok(`sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -u`),
    `Logging out of session [sid: 2, target: ${IQN}-tapedrive-01, portal: 10.0.2.143,3260]\nLogout of [sid: 2, target: ${IQN}-tapedrive-01, portal: 10.0.2.143,3260] successful.\n`,
  );
  assert.equal(await ok('ls /dev/tape/by-id'), 'scsi-2414d5a4e5f5347572d334335\n');
  assert.equal((await w.run('ls /dev/st0')).status, 2);
  assert.deepEqual(await w.run(`sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -u`), { stdout: '', stderr: 'iscsiadm: No matching sessions found\n', status: 21 });
  await ok('sudo iscsiadm -m node -u');
  assert.equal((await w.run('ls /dev/tape')).status, 2);
  assert.deepEqual(await w.run('sudo iscsiadm -m session'), { stdout: '', stderr: 'iscsiadm: No active sessions.\n', status: 21 });
  const refused = await w.run('sudo iscsiadm -m discovery -t sendtargets -p 10.0.9.9:3260');
  assert.equal(refused.status, 4);
  assert.match(refused.stderr, /^(iscsiadm: cannot make connection to 10\.0\.9\.9: Connection refused\n){6}iscsiadm: connection login retries \(reopen_max\) 5 exceeded\n/);
});

test('logout still finds a session after the portal was discovered again', async () => {
  await ok('sudo iscsiadm -m discovery -t st -p 10.0.2.143:3260');
  await ok(`sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`);
  await ok('sudo iscsiadm -m discovery -t st -p 10.0.2.143:3260');
  assert.match(await ok(`sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -u`), /^Logging out of session \[sid: \d+, target: .*-mediachanger, portal: 10\.0\.2\.143,3260\]\nLogout of .* successful\.\n$/);
  assert.deepEqual(await w.run('sudo iscsiadm -m session'), { stdout: '', stderr: 'iscsiadm: No active sessions.\n', status: 21 });
});

test('the admin view of the host: whoami, id, uname, hostname, df, lsblk, and lsscsi/dmesg after an iSCSI login', async () => {
  const w2 = walkthrough();
  try {
    assert.equal((await w2.run('whoami; sudo whoami; id -un; id')).stdout, 'ssm-user\nroot\nssm-user\nuid=1001(ssm-user) gid=1001(ssm-user) groups=1001(ssm-user)\n');
    assert.equal((await w2.run('uname -sm; hostname -s')).stdout, 'Linux aarch64\nip-10-0-1-25\n');
    assert.match((await w2.run('df -h /')).stdout, /^Filesystem +Size +Used Avail Use% Mounted on\n(.*\n)*\/dev\/nvme0n1p1 +8\.0G +[\d.]+G +[\d.]+G +\d+% \/\n$/);
    assert.match((await w2.run('lsblk')).stdout, /^nvme0n1 +259:0 +0 +8G +0 disk/m);
    assert.equal((await w2.run('lsscsi')).stdout, '');
    await w2.run('sudo iscsiadm -m discovery -t st -p 10.0.2.143:3260 && sudo iscsiadm -m node -T iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger -l && sudo iscsiadm -m node -T iqn.1997-05.com.amazon:sgw-3c52bb55-tapedrive-01 -l');
    assert.equal((await w2.run('lsscsi -g')).stdout, '[2:0:0:0]    mediumx AWS      Gateway-VTL      0100  -         /dev/sg0\n[3:0:0:0]    tape    IBM      ULT3580-TD5      C7RC  /dev/st0  /dev/sg1\n');
    const dmesg = (await w2.run('dmesg')).stdout;
    assert.match(dmesg, /\] st 3:0:0:0: Attached scsi tape st0\n/);
    assert.match(dmesg, /\] scsi 2:0:0:0: Attached scsi generic sg0 type 8\n/);
  } finally {
    w2.dispose();
  }
});
