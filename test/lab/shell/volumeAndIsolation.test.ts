// The instance's root volume: a full volume gives ENOSPC as Linux does, and no path a script uses reaches the real machine's files.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { IMAGE_BYTES } from '../../../src/lab/shell/commands/df';
import { EmulatedClientHost, createClientHost } from '../../../src/lab/shell/createClientHost';

let host: EmulatedClientHost;
let stateDir: string;
before(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'volume-'));
  host = createClientHost({
    instanceId: 'i-0123456789abcdef0',
    hostname: 'ip-10-0-1-9.ec2.internal',
    privateIp: '10.0.1.9',
    os: 'al2023',
    stateDir,
    libraries: { byGatewayArn: () => undefined, byPortal: () => undefined },
    network: { httpGet: async () => undefined },
    rootVolumeBytes: IMAGE_BYTES + 4 * 1024 * 1024 + 256 * 1024,
  });
});
after(() => {
  host.close();
  rmSync(stateDir, { recursive: true, force: true });
});

test('dd onto a full volume: the records that fit, "No space left on device", exit 1; df shows it full', async () => {
  const result = await host.runner.run('dd if=/dev/zero of=/root/big bs=1M count=8');
  assert.equal(result.exitCode, 1);
  const [, whole, bytes] = /^dd: error writing '\/root\/big': No space left on device\n5\+0 records in\n(\d)\+1 records out\n(\d+) bytes/.exec(result.stderr) ?? [];
  assert.equal(whole, '4');
  assert.equal((await host.runner.run('stat -c %s /root/big')).stdout, `${bytes}\n`);
  assert.match((await host.runner.run('df /')).stdout, /\/dev\/nvme0n1p1 .* 100% \/\n$/);
  const echo = await host.runner.run('echo more > /root/more');
  // bash opens the file, then echo's write fails: its write error, status 1.
  assert.deepEqual([echo.exitCode, echo.stderr], [1, 'sh: echo: write error: No space left on device\n']);
  assert.equal((await host.runner.run('rm /root/big && echo more > /root/more && cat /root/more')).stdout, 'more\n');
});

test('.., absolute paths and symlinks stay inside the instance: the real machine is never read or written', async () => {
  const before = readdirSync(tmpdir()).length;
  const script = [
    'cd /; cd ../../..; pwd',
    'cat ../../../../etc/hostname',
    `ls ${stateDir} 2>&1 | head -1`,
    'ln -s / /root/up; ls /root/up/root/up/root >/dev/null && echo loop-is-inside',
    `echo planted > ${join(tmpdir(), 'planted-by-lab')}; cat ${join(tmpdir(), 'planted-by-lab')}`,
  ].join('\n');
  const result = await host.runner.run(script);
  assert.equal(result.stdout.split('\n')[0], '/');
  assert.equal(result.stdout.split('\n')[1], 'ip-10-0-1-9.ec2.internal');
  assert.match(result.stdout.split('\n')[2], /No such file or directory/);
  assert.match(result.stdout, /loop-is-inside\nplanted\n$/);
  assert.equal(readdirSync(tmpdir()).includes('planted-by-lab'), false);
  assert.ok(readdirSync(tmpdir()).length <= before + 1);
});
