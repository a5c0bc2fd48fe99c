// Disk-backed client files stay in the instance's folder: `..`, absolute paths, symlinks and hostile tar members never reach the real disk elsewhere.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import * as tarStream from 'tar-stream';
import { ClientFiles, clientFilesFolder } from '../../../src/lab/shell/ClientFiles';
import { EmulatedClientHost, createClientHost } from '../../../src/lab/shell/createClientHost';
import { writeWholeFile } from '../../../src/lab/shell/fileIo';

const INSTANCE = 'i-0abc123def4567890';
let root: string;
let stateDir: string;
let canary: string;
let host: EmulatedClientHost;
let files: ClientFiles;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'containment-'));
  stateDir = join(root, 'state');
  mkdirSync(stateDir);
  canary = join(root, 'canary.txt');
  writeFileSync(canary, 'the real machine\n');
  host = createClientHost({
    instanceId: INSTANCE,
    hostname: 'ip-10-0-1-9.ec2.internal',
    privateIp: '10.0.1.9',
    os: 'al2',
    stateDir,
    libraries: { byGatewayArn: () => undefined, byPortal: () => undefined },
    network: { httpGet: async () => undefined },
  });
  files = await ClientFiles.open(host.environment.fs, clientFilesFolder(stateDir, INSTANCE), () => undefined);
});

after(async () => {
  await files.close();
  host.close();
  rmSync(root, { recursive: true, force: true });
});

function realFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? realFiles(join(dir, entry.name)) : [relative(stateDir, join(dir, entry.name))]));
}

async function archive(members: readonly { name: string; type?: tarStream.Header['type']; linkname?: string }[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const member of members) {
    const data = member.type === undefined ? 'planted\n' : '';
    pack.entry({ name: member.name, type: member.type ?? 'file', linkname: member.linkname, size: data.length, mode: 0o644 }, data);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

test('.., absolute real paths, symlinks out of the tree and tar members with ../ or / write only numbered blobs in the instance folder', async () => {
  const realPasswd = readFileSync('/etc/passwd', 'utf8');
  const up = '../'.repeat(12);
  const script = [
    `cat ${up}etc/passwd 2>&1`,
    `mkdir -p ${root}`,
    'ln -s /etc/passwd /root/passwd; cat /root/passwd 2>&1',
    `ln -s ${up}${canary.slice(1)} /root/canary; echo overwritten > /root/canary`,
    `echo overwritten > ${canary}`,
    `mkdir -p ${stateDir}; echo planted > ${join(stateDir, 'planted')}`,
    `cd /tmp && echo planted > ${up}tmp/dots.txt`,
  ].join('\n');
  const result = await host.runner.run(script);
  assert.equal(result.exitCode, 0, result.stderr);
  assert.match(result.stdout, /^cat: (\.\.\/)+etc\/passwd: No such file or directory\ncat: \/root\/passwd: No such file or directory\n$/);
  assert.ok(!result.stdout.includes(realPasswd.split('\n')[0]), 'the real /etc/passwd is never read');
  await writeWholeFile(host.environment.fs, '/root/hostile.tar', '/', await archive([{ name: `${up}escape.txt` }, { name: canary }, { name: 'link', type: 'symlink', linkname: canary }, { name: 'link' }]), 'root');
  const extracted = await host.runner.run('mkdir -p /root/x && cd /root/x && tar -xf ../hostile.tar; tar -xPf ../hostile.tar; echo done');
  assert.match(extracted.stdout, /done\n$/);
  assert.match(extracted.stderr, /Member name contains '\.\.'/);

  // Inside the instance the writes landed in its own tree...
  const inside = await host.runner.run(`cat ${canary}`);
  assert.equal(inside.stdout, 'planted\n', inside.stderr);
  assert.equal((await host.runner.run('cat /tmp/dots.txt')).stdout, 'planted\n');
  // ...and on the real disk nothing but the instance's journal and numbered blobs changed.
  assert.equal(readFileSync(canary, 'utf8'), 'the real machine\n');
  assert.deepEqual(readdirSync(root).sort(), ['canary.txt', 'state']);
  const written = realFiles(stateDir);
  assert.ok(written.length > 3, 'the instance stores its files on disk');
  for (const path of written) assert.match(path, new RegExp(`^client-files/${INSTANCE}/(tree\\.journal|blobs/[1-9][0-9]*)$`), path);
  assert.equal(statSync(join(stateDir, 'client-files', INSTANCE, 'blobs')).isDirectory(), true);
});
