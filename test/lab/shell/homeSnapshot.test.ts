// A client's /home and /root survive a lab restart: the snapshot round-trips files, folders, links and metadata, nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHomeSnapshot, restoreHomeSnapshot, takeHomeSnapshot } from '../../../src/lab/shell/homeSnapshot';
import { VirtualFileSystem } from '../../../src/lab/shell/VirtualFileSystem';

function freshHost(): VirtualFileSystem {
  const fs = new VirtualFileSystem(() => new Date('2026-11-26T08:00:00Z'));
  for (const [path, owner, mode] of [['/home', 'root', 0o755], ['/home/ssm-user', 'ssm-user', 0o700], ['/root', 'root', 0o550], ['/tmp', 'root', 0o1777], ['/dev', 'root', 0o755]] as const) fs.mkdir(path, '/', owner, mode);
  return fs;
}

test('files, folders, symlinks and their owners, modes and times come back; /tmp and device nodes do not', () => {
  const before = freshHost();
  before.writeFile('/home/ssm-user/test.txt', '/', Buffer.from('hogehoge\n'), 'ssm-user');
  before.mkdir('/home/ssm-user/backup/2026', '/', 'ssm-user', 0o750, true);
  before.writeFile('/home/ssm-user/backup/2026/data.bin', '/', Buffer.from([0, 1, 2, 255]), 'ssm-user', { mode: 0o600 });
  before.symlink('/home/ssm-user/latest', 'backup/2026', 'ssm-user');
  before.writeFile('/root/.bash_history', '/', Buffer.from('mtx status\n'), 'root');
  before.writeFile('/tmp/scratch', '/', Buffer.from('gone after reboot'), 'root');
  before.mknod('/home/ssm-user/odd-device', { kind: 'null' }, 0o666, 'root');
  const snapshot = JSON.parse(JSON.stringify(takeHomeSnapshot(before))) as unknown;
  assert.ok(isHomeSnapshot(snapshot));

  const after = new VirtualFileSystem(() => new Date('2026-11-27T00:00:00Z'));
  for (const [path, owner, mode] of [['/home', 'root', 0o755], ['/home/ssm-user', 'ssm-user', 0o700], ['/root', 'root', 0o550], ['/tmp', 'root', 0o1777]] as const) after.mkdir(path, '/', owner, mode);
  restoreHomeSnapshot(after, snapshot);
  const file = after.resolve('/home/ssm-user/latest/data.bin', '/').node;
  assert.equal(file.kind, 'file');
  assert.deepEqual(file.kind === 'file' ? [...file.data] : [], [0, 1, 2, 255]);
  assert.deepEqual({ ...file.meta }, { mode: 0o600, owner: 'ssm-user', group: 'ssm-user', mtime: new Date('2026-11-26T08:00:00Z') });
  assert.equal(after.resolve('/home/ssm-user/backup', '/').node.meta.mode, 0o750);
  const text = after.resolve('/home/ssm-user/test.txt', '/').node;
  assert.equal(text.kind === 'file' ? text.data.toString() : '', 'hogehoge\n');
  assert.equal(after.resolve('/root/.bash_history', '/').node.meta.owner, 'root');
  assert.equal(after.tryResolve('/tmp/scratch', '/'), undefined);
  assert.equal(after.tryResolve('/home/ssm-user/odd-device', '/'), undefined);
  assert.equal(isHomeSnapshot({ version: 2, entries: [] }), false);
});
