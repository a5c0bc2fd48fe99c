// Hard links: two names for one inode (writes show through both, link counts, rm of one name), kept across a restart and through tar.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ClientFileStores } from '../../../src/lab/shell/ClientFileStores';
import { EmulatedClientHost, createClientHost } from '../../../src/lab/shell/createClientHost';

const INSTANCE = 'i-0a1b2c3d4e5f60718';
let stateDir: string;

before(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'hard-links-'));
});
after(() => rmSync(stateDir, { recursive: true, force: true }));

async function boot(stores: ClientFileStores): Promise<EmulatedClientHost> {
  const host = createClientHost({
    instanceId: INSTANCE,
    hostname: 'ip-10-0-1-9.ec2.internal',
    privateIp: '10.0.1.9',
    os: 'al2',
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

test('a hard link is a second name for the same file, and the data stays until the last name goes', async () => {
  const stores = new ClientFileStores(stateDir, () => undefined);
  const host = await boot(stores);
  try {
    await run(host, 'mkdir /srv && cd /srv && echo one > a && ln a b && echo two >> b');
    assert.equal(await run(host, 'cat /srv/a; stat -c "%h %s" /srv/a /srv/b'), 'one\ntwo\n2 8\n2 8\n');
    assert.equal(await run(host, 'i=$(stat -c %i /srv/a); [ "$i" = "$(stat -c %i /srv/b)" ] && [ /srv/a -ef /srv/b ] && echo same'), 'same\n');
    assert.match(await run(host, 'ls -l /srv/a'), /^-rw-r--r-- 2 root root 8 /);
    const used = host.environment.fs.usedBytes();
    await run(host, 'rm /srv/a');
    assert.equal(host.environment.fs.usedBytes(), used, 'the data is still named by b');
    assert.equal(await run(host, 'cat /srv/b; stat -c %h /srv/b'), 'one\ntwo\n1\n');
    await run(host, 'rm /srv/b');
    assert.equal(host.environment.fs.usedBytes(), used - 8);
    const refused = await host.runner.run('ln /srv /srv2');
    assert.equal(refused.exitCode, 1);
  } finally {
    await stores.closeAll();
    host.close();
  }
});

test('hard links survive a restart as one inode, metadata changed through either name', async () => {
  const first = new ClientFileStores(stateDir, () => undefined);
  const host = await boot(first);
  await run(host, 'mkdir -p /data/x && echo keep > /data/f && ln /data/f /data/x/g && chmod 600 /data/x/g && : > /data/empty && ln /data/empty /data/empty2');
  await first.closeAll();
  host.close();
  const second = new ClientFileStores(stateDir, () => undefined);
  const again = await boot(second);
  try {
    assert.equal(await run(again, 'stat -c "%h %a %s" /data/f /data/x/g /data/empty2'), '2 600 5\n2 600 5\n2 644 0\n');
    await run(again, 'echo more >> /data/x/g');
    assert.equal(await run(again, 'cat /data/f'), 'keep\nmore\n');
    await run(again, 'rm /data/f');
    assert.equal(await run(again, 'stat -c %h /data/x/g; cat /data/x/g'), '1\nkeep\nmore\n');
  } finally {
    await second.closeAll();
    again.close();
  }
});

test('tar archives a second name as a link member and extracts it as a hard link', async () => {
  const stores = new ClientFileStores(stateDir, () => undefined);
  const host = await boot(stores);
  try {
    await run(host, 'mkdir -p /w/src && cd /w/src && echo data > a && ln a b && cd /w && tar -cf l.tar src');
    assert.equal(await run(host, 'cd /w && tar -tvf l.tar | awk \'{print $1, $6, $7, $8, $9}\''), 'drwxr-xr-x src/   \n-rw-r--r-- src/a   \nhrw-r--r-- src/b link to src/a\n');
    assert.equal(await run(host, 'cd /w && mkdir out && tar -xf l.tar -C out && stat -c %h out/src/a out/src/b && echo new >> out/src/b && cat out/src/a'), '2\n2\ndata\nnew\n');
  } finally {
    await stores.closeAll();
    host.close();
  }
});
