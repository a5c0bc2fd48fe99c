// A client host's whole tree survives a restart as files survive a reboot (not only homes); /dev does not, nor AL2023's tmpfs /tmp; termination deletes it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ClientFileStores } from '../../../src/lab/shell/ClientFileStores';
import { EmulatedClientHost, createClientHost } from '../../../src/lab/shell/createClientHost';

const INSTANCE = 'i-0fedcba9876543210';
let stateDir: string;

before(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'client-files-'));
});
after(() => rmSync(stateDir, { recursive: true, force: true }));

async function boot(stores: ClientFileStores, os: 'al2' | 'al2023' = 'al2'): Promise<EmulatedClientHost> {
  const host = createClientHost({
    instanceId: INSTANCE,
    hostname: 'ip-10-0-1-9.ec2.internal',
    privateIp: '10.0.1.9',
    os,
    stateDir,
    libraries: { byGatewayArn: () => undefined, byPortal: () => undefined },
    network: { httpGet: async () => undefined },
  });
  await stores.attach(host);
  return host;
}

async function run(host: EmulatedClientHost, script: string): Promise<string> {
  const result = await host.runner.run(script);
  assert.equal(result.exitCode, 0, result.stderr);
  return result.stdout;
}

test('files anywhere in the tree, their metadata, removals, renames and a replaced image folder come back after a restart', async () => {
  const first = new ClientFileStores(stateDir, () => undefined);
  const host = await boot(first);
  await run(host, [
    'mkdir -p /opt/app/conf /var/backup',
    'echo "setting=1" > /opt/app/conf/app.ini && chmod 640 /opt/app/conf/app.ini',
    'dd if=/dev/urandom of=/tmp/random.bin bs=64K count=20 2>/dev/null',
    'sha256sum /tmp/random.bin > /root/random.sum',
    'echo "nameserver 10.0.0.2" >> /etc/hostname',
    'rm /etc/os-release',
    'ln -s /opt/app/conf /root/conf',
    'mkdir /var/old && echo moved > /var/old/note && mv /var/old /var/new',
    'rm -rf /usr/sbin && mkdir /usr/sbin && echo mine > /usr/sbin/only',
    'echo ssm > /home/ssm-user/notes.txt && chown ssm-user /home/ssm-user/notes.txt 2>/dev/null; true',
  ].join('\n'));
  const listing = await run(host, 'ls -l /opt/app/conf/app.ini /root/conf; stat -c "%a %U %s" /tmp/random.bin');
  await first.closeAll();
  host.close();

  const second = new ClientFileStores(stateDir, () => undefined);
  const again = await boot(second);
  try {
    assert.equal(await run(again, 'ls -l /opt/app/conf/app.ini /root/conf; stat -c "%a %U %s" /tmp/random.bin'), listing);
    assert.equal(await run(again, 'cat /opt/app/conf/app.ini /root/conf/app.ini'), 'setting=1\nsetting=1\n');
    assert.equal(await run(again, 'sha256sum -c /root/random.sum'), '/tmp/random.bin: OK\n');
    assert.equal(await run(again, 'cat /etc/hostname'), 'ip-10-0-1-9.ec2.internal\nnameserver 10.0.0.2\n');
    assert.equal(await run(again, 'test -e /etc/os-release || echo gone'), 'gone\n');
    assert.equal(await run(again, 'cat /var/new/note; test -e /var/old || echo old-gone'), 'moved\nold-gone\n');
    // The image's own /usr/sbin (its command wrappers) does not come back under the folder that replaced it.
    assert.equal(await run(again, 'ls /usr/sbin'), 'only\n');
    // /dev is the boot's own (device nodes only).
    assert.equal(await run(again, 'ls /dev'), 'null\nurandom\nzero\n');
    assert.equal(await run(again, 'cat /home/ssm-user/notes.txt'), 'ssm\n');
    // A later write reuses no blob of a kept file.
    await run(again, 'echo new > /tmp/new.txt');
    assert.equal(await run(again, 'sha256sum -c /root/random.sum; cat /tmp/new.txt'), '/tmp/random.bin: OK\nnew\n');
  } finally {
    await second.forget(INSTANCE);
    again.close();
  }
  // Termination: the instance's folder is gone from the real disk.
  assert.equal(existsSync(join(stateDir, 'client-files', INSTANCE)), false);
  assert.deepEqual(readdirSync(join(stateDir, 'client-files')), []);
});

test('removing a file frees its bytes on the volume and its blob on the disk', async () => {
  const stores = new ClientFileStores(stateDir, () => undefined);
  const host = await boot(stores);
  try {
    const before = host.environment.fs.usedBytes();
    await run(host, 'dd if=/dev/zero of=/tmp/big bs=1M count=3 2>/dev/null');
    assert.equal(host.environment.fs.usedBytes() - before, 3 * 1024 * 1024);
    const blobs = join(stateDir, 'client-files', INSTANCE, 'blobs');
    assert.equal(readdirSync(blobs).length, 1);
    await run(host, 'rm /tmp/big');
    assert.equal(host.environment.fs.usedBytes(), before);
    // The blob goes once the journal no longer names it; stopping the host waits for that.
    await stores.stop(INSTANCE);
    assert.deepEqual(readdirSync(blobs), []);
  } finally {
    await stores.forget(INSTANCE);
    host.close();
  }
});

test("an older lab's saved /home and /root come into the instance's files once, and the old snapshot goes", async () => {
  mkdirSync(join(stateDir, 'client-homes'), { recursive: true });
  const snapshot = join(stateDir, 'client-homes', `${INSTANCE}.json`);
  const mtime = Date.parse('2026-11-26T08:00:00Z');
  writeFileSync(snapshot, JSON.stringify({
    version: 1,
    entries: [
      { path: '/home/ssm-user/backup', kind: 'dir', mode: 0o750, owner: 'ssm-user', group: 'ssm-user', mtime },
      { path: '/home/ssm-user/backup/data.bin', kind: 'file', mode: 0o600, owner: 'ssm-user', group: 'ssm-user', mtime, data: Buffer.from('kept\n').toString('base64') },
      { path: '/home/ssm-user/latest', kind: 'symlink', mode: 0o777, owner: 'ssm-user', group: 'ssm-user', mtime, target: 'backup' },
      { path: '/etc/passwd', kind: 'file', mode: 0o644, owner: 'root', group: 'root', mtime, data: 'eA==' },
    ],
  }));
  const stores = new ClientFileStores(stateDir, () => undefined);
  const host = await boot(stores);
  try {
    assert.equal(await run(host, 'cat /home/ssm-user/latest/data.bin; stat -c "%a" /home/ssm-user/backup/data.bin; test -e /etc/passwd || echo no-passwd'), 'kept\n600\nno-passwd\n');
    assert.equal(host.environment.fs.resolve('/home/ssm-user/backup/data.bin', '/').node.meta.owner, 'ssm-user');
    assert.equal(existsSync(snapshot), false);
    await stores.stop(INSTANCE);
    host.close();
    const again = await boot(stores);
    assert.equal(await run(again, 'cat /home/ssm-user/backup/data.bin'), 'kept\n');
    again.close();
  } finally {
    await stores.forget(INSTANCE);
  }
});

test("Amazon Linux 2023's /tmp is a tmpfs: a restart empties it and removes its blobs, while the rest of the tree stays", async () => {
  const first = new ClientFileStores(stateDir, () => undefined);
  const host = await boot(first, 'al2023');
  await run(host, 'mkdir -p /tmp/work && dd if=/dev/zero of=/tmp/work/scratch bs=64K count=4 2>/dev/null && echo kept > /root/kept.txt');
  await first.closeAll();
  host.close();
  const blobs = join(stateDir, 'client-files', INSTANCE, 'blobs');
  assert.equal(readdirSync(blobs).length, 2);

  const second = new ClientFileStores(stateDir, () => undefined);
  const again = await boot(second, 'al2023');
  try {
    assert.equal(await run(again, 'ls -A /tmp; stat -c "%a" /tmp; cat /root/kept.txt'), '1777\nkept\n');
    // Only /root/kept.txt's blob is left.
    assert.equal(readdirSync(blobs).length, 1);
  } finally {
    await second.forget(INSTANCE);
    again.close();
  }
});
