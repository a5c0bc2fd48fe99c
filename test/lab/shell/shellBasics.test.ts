// The emulated sh: quoting, pipes, redirections, &&/||/;, $?, sudo and permissions, and the coreutils subset.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Walkthrough, walkthrough } from './walkthroughFixture';

let w: Walkthrough;
before(() => {
  w = walkthrough();
});
after(() => w.dispose());

test('bash syntax: loops, substitutions, arithmetic, functions and state kept between lines', async () => {
  assert.equal((await w.run('for i in 1 2 3; do echo $i; done | wc -l')).stdout, '3\n');
  assert.equal((await w.run('echo $(echo hi) `echo there` $((3*4))')).stdout, 'hi there 12\n');
  assert.equal((await w.run('x=hello; a=(1 "2 3"); greet() { echo "hi $1"; }')).status, 0);
  assert.equal((await w.run('echo ${x%lo} ${#x} ${y:-def} ${a[1]} ${#a[@]}; greet you')).stdout, 'hel 5 def 2 3 2\nhi you\n');
  assert.equal((await w.run('cat <<EOF\n$HOME\nEOF')).stdout, '/home/ssm-user\n');
  assert.equal((await w.run('echo {a,b}{1,2}; [[ abc == a* ]] && echo yes')).stdout, 'a1 a2 b1 b2\nyes\n');
  assert.equal((await w.run('set -o pipefail; false | true; echo $?')).stdout, '1\n');
  assert.equal((await w.run('false | true; echo $?')).stdout, '1\n');
});

test('echo, quoting, variables and $?', async () => {
  assert.equal((await w.run(`echo 'a  b' "c  d" e\\ f`)).stdout, 'a  b c  d e f\n');
  assert.equal((await w.run('echo $HOME; pwd')).stdout, '/home/ssm-user\n/home/ssm-user\n');
  assert.equal((await w.run('false; echo $?')).stdout, '1\n');
  assert.equal((await w.run('false && echo no || echo yes')).stdout, 'yes\n');
  assert.deepEqual(await w.run('nosuchcommand'), { stdout: '', stderr: 'sh: nosuchcommand: command not found\n', status: 127 });
  assert.equal((await w.run('echo $?')).stdout, '127\n');
  assert.deepEqual(await w.run('sudo nosuch'), { stdout: '', stderr: 'sudo: nosuch: command not found\n', status: 1 });
  assert.equal((await w.run('echo a |')).status, 2);
});

test('redirections, cat, head, grep, sha256sum, rm, mkdir, cd', async () => {
  await w.run('echo one > f.txt; echo two >> f.txt; echo three >> f.txt');
  assert.equal((await w.run('cat f.txt')).stdout, 'one\ntwo\nthree\n');
  assert.equal((await w.run('head -n 2 f.txt')).stdout, 'one\ntwo\n');
  assert.equal((await w.run('cat f.txt | grep -v two | grep -c e')).stdout, '2\n');
  assert.equal((await w.run('grep nothing f.txt')).status, 1);
  assert.equal((await w.run('echo -n hogehoge | sha256sum')).stdout, '4c716d4cf211c7b7d2f3233c941771ad0507ea5bacf93b492766aa41ae9f720d  -\n');
  assert.match((await w.run('sha256sum f.txt')).stdout, /^[0-9a-f]{64} {2}f\.txt\n$/);
  assert.equal((await w.run('cat nope')).stderr, 'cat: nope: No such file or directory\n');
  assert.equal((await w.run('mkdir d && cd d && pwd')).stdout, '/home/ssm-user/d\n');
  assert.equal((await w.run('cd .. && rm d')).stderr, "rm: cannot remove 'd': Is a directory\n");
  assert.equal((await w.run('rm -r d f.txt && ls')).stdout, '');
  assert.equal((await w.run('cd /nowhere')).stderr, 'sh: cd: /nowhere: No such file or directory\n');
  // just-bash writes its own messages as "bash: "; only what reaches the terminal or the Run Command output is renamed.
  assert.equal((await w.run('nosuch 2> err.txt; cat err.txt')).stdout, 'bash: nosuch: command not found\n');
  assert.equal((await w.run('cat err.txt nope 2>&1 | grep -c nope')).stdout, '1\n');
});

test('permissions: ssm-user cannot write root places or open tape devices; sudo can', async () => {
  assert.equal((await w.run('echo x > /root/x')).stderr, 'sh: /root/x: Permission denied\n');
  assert.equal((await w.run('sudo ls /root')).status, 0);
  assert.equal((await w.run('systemctl start iscsid')).status, 1);
  assert.equal((await w.run('sudo systemctl start iscsid && systemctl is-active iscsid')).stdout, 'active\n');
  assert.match((await w.run('systemctl status iscsid')).stdout, /^● iscsid\.service - Open-iSCSI\n {3}Loaded: .*\n {3}Active: active \(running\) since /);
});

test('dd makes test data; ls -l shows sizes, owners and dates', async () => {
  const dd = await w.run('dd if=/dev/zero of=zeros.bin bs=1M count=2');
  assert.match(dd.stderr, /^2\+0 records in\n2\+0 records out\n2097152 bytes \(2\.1 MB\) copied, [\d.e-]+ s, .+B\/s\n$/);
  w.at('2022-06-11T03:00:00Z');
  const ls = await w.run('ls -l zeros.bin');
  assert.match(ls.stdout, /^-rw-r--r-- 1 ssm-user ssm-user 2097152 Jun 11 \d\d:\d\d zeros\.bin\n$/);
  assert.equal((await w.run('head -c 4 zeros.bin | sha256sum')).stdout.slice(0, 8), 'df3f6198');
});

test('yum list installed and curl through the simulated network', async () => {
  const yum = await w.run('yum list installed');
  assert.match(yum.stdout, /^Loaded plugins: .*\nInstalled Packages\n/);
  assert.match(yum.stdout, /^iscsi-initiator-utils\.aarch64 +6\.2\.0\.874-22\.amzn2 +@amzn2-core$/m);
  assert.deepEqual(await w.run('dnf list installed'), { stdout: '', stderr: 'sh: dnf: command not found\n', status: 127 });
  const key = await w.run("curl 'http://ip-10-0-2-143.ap-northeast-1.compute.internal/?gatewayType=VTL&no_redirect'");
  assert.deepEqual(key, { stdout: 'Q229E-KD8FM-FFHRR-6IU8I-K0VPU', stderr: '', status: 0 });
  assert.deepEqual(await w.run("curl 'http://10.9.9.9/?x=1'"), { stdout: '', stderr: 'curl: (7) Failed to connect to 10.9.9.9 port 80 after 0 ms: Connection refused\n', status: 7 });
});

test('sudo -u, and tar -x refusing a directory the user cannot write', async () => {
  assert.deepEqual(await w.run('sudo -u ssm-user ls /root'), { stdout: '', stderr: 'ls: cannot open directory /root: Permission denied\n', status: 2 });
  assert.equal((await w.run('sudo -u nobody true')).status, 1);
  await w.run('echo t > t.txt && tar -c -f t.tar t.txt');
  const denied = await w.run('tar -x -f t.tar -C /root');
  assert.equal(denied.status, 2);
  assert.equal((await w.run('mkdir x && tar -x -f t.tar -C x && cat x/t.txt')).stdout, 't\n');
});

test('variables: NAME=value for one command, export for the shell', async () => {
  assert.equal((await w.run('GREETING=hi; echo $GREETING')).stdout, 'hi\n');
  assert.equal((await w.run('export TAPE=/dev/nst0 && echo $TAPE')).stdout, '/dev/nst0\n');
  // sudo resets the environment (env_reset), so only NAME=value given to sudo reaches the command.
  assert.equal((await w.run('sudo mt status')).stderr, '/dev/tape: No such file or directory\n');
  assert.equal((await w.run('TAPE=/dev/nst8 mt status')).stderr, '/dev/nst8: No such file or directory\n');
  assert.equal((await w.run('sudo TAPE=/dev/nst9 mt status')).stderr, '/dev/nst9: No such file or directory\n');
});

test('Amazon Linux 2 keeps iscsiadm and mtx in /usr/sbin and mt in /usr/bin, and lookups say so', async () => {
  assert.equal((await w.run('command -v iscsiadm mtx mt; which mtx; type mtx')).stdout, '/usr/sbin/iscsiadm\n/usr/sbin/mtx\n/usr/bin/mt\n/usr/sbin/mtx\nmtx is /usr/sbin/mtx\n');
  assert.equal((await w.run('ls /usr/bin/mtx')).status, 2);
  assert.equal((await w.run('sudo /sbin/iscsiadm --version')).stdout, 'iscsiadm version 2.0-874\n');
});

test('a redirection that cannot be opened gives bash\'s message and status 1, and the line goes on', async () => {
  assert.deepEqual(await w.run('echo x > nodir/f; echo "s=$?"'), { stdout: 's=1\n', stderr: 'sh: nodir/f: No such file or directory\n', status: 0 });
  assert.equal((await w.run('echo x >> /nope/f')).stderr, 'sh: /nope/f: No such file or directory\n');
  assert.equal((await w.run('echo x > /tmp')).stderr, 'sh: /tmp: Is a directory\n');
  assert.equal((await w.run('echo x > /etc/os-release')).stderr, 'sh: /etc/os-release: Permission denied\n');
  assert.equal((await w.run('echo a > plain; echo x > plain/f; rm plain')).stderr, 'sh: plain/f: Not a directory\n');
  assert.equal((await w.run('cat < /root/.profile')).stderr, 'sh: /root/.profile: Permission denied\n');
  assert.equal((await w.run('touch nodir/f; mkdir /root/x; find /root')).stderr, "touch: cannot touch 'nodir/f': No such file or directory\nmkdir: cannot create directory '/root/x': Permission denied\nfind: '/root': Permission denied\n");
});

test('a command learns when its stdin is a file redirected with <, not a pipe: wc pads as GNU wc does for each', async () => {
  assert.equal((await w.run('seq 10 > ten; wc < ten; wc -l < ten; cat ten | wc; { wc; } < ten; wc < /dev/null; rm ten')).stdout, '10 10 21\n10\n     10      10      21\n10 10 21\n      0       0       0\n');
});
