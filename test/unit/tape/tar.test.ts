// tar -tv line formatting (ugswidth rule, checked against GNU tar 1.34) and record-size parsing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TarListFormatter, formatTarMode, parseTarListLine, parseTarListing } from '../../../src/tape/tarListing';
import { parseTarBlockingFactor, parseTarRecordSize, tarCreateArgs } from '../../../src/tape/tarCommand';

const at = new Date(Date.UTC(2026, 10, 26, 6, 22));

test('listing lines match the spec and the walkthrough', () => {
  const formatter = new TarListFormatter();
  const hello = { name: 'hello.txt', type: 'file' as const, mode: 0o644, uname: 'root', gname: 'root', size: 6, mtime: at };
  const big = { ...hello, name: 'testfile.bin', size: 100000 };
  assert.equal(formatter.format(hello), '-rw-r--r-- root/root         6 2026-11-26 06:22 hello.txt');
  assert.equal(formatter.format(big), '-rw-r--r-- root/root    100000 2026-11-26 06:22 testfile.bin');
  const walk = { name: 'home/ssm-user/test.txt', type: 'file' as const, mode: 0o644, uname: 'ssm-user', gname: 'ssm-user', size: 9, mtime: new Date(Date.UTC(2022, 5, 11, 2, 25)) };
  assert.equal(new TarListFormatter().format(walk), '-rw-r--r-- ssm-user/ssm-user 9 2022-06-11 02:25 home/ssm-user/test.txt');
  assert.deepEqual(parseTarListLine(formatter.format(big)), big);
});

test('ugswidth only grows within one run', () => {
  const formatter = new TarListFormatter();
  const wide = { name: 'a', type: 'file' as const, mode: 0o600, uname: 'longusername', gname: 'longgroupname', size: 1, mtime: at };
  const narrow = { ...wide, uname: 'root', gname: 'root' };
  formatter.format(wide);
  assert.equal(formatter.format(narrow), `-rw------- root/root ${' '.repeat(28 - 11)}1 2026-11-26 06:22 a`);
});

test('modes, directories and links round-trip', () => {
  assert.equal(formatTarMode('directory', 0o755), 'drwxr-xr-x');
  assert.equal(formatTarMode('file', 0o4755), '-rwsr-xr-x');
  assert.equal(formatTarMode('directory', 0o1777), 'drwxrwxrwt');
  const formatter = new TarListFormatter();
  const entries = [
    { name: 'dir/', type: 'directory' as const, mode: 0o755, uname: 'root', gname: 'root', size: 0, mtime: at },
    { name: 'dir/l', type: 'symlink' as const, mode: 0o777, uname: 'root', gname: 'root', size: 0, mtime: at, linkname: '../x' },
    { name: 'dir/h', type: 'link' as const, mode: 0o644, uname: 'root', gname: 'root', size: 0, mtime: at, linkname: 'dir/f' },
  ];
  assert.deepEqual(parseTarListing(entries.map((e) => formatter.format(e)).join('\n')), entries);
});

test('record sizes follow GNU tar rules', () => {
  assert.deepEqual(parseTarRecordSize('65536'), { ok: true, bytes: 65536 });
  assert.deepEqual(parseTarRecordSize('64k'), { ok: true, bytes: 65536 });
  assert.deepEqual(parseTarRecordSize('1000'), { ok: false, message: 'Record size must be a multiple of 512.' });
  assert.deepEqual(parseTarBlockingFactor('128'), { ok: true, bytes: 65536 });
  assert.deepEqual(parseTarBlockingFactor('0'), { ok: false, message: '0: Invalid blocking factor' });
  assert.deepEqual(tarCreateArgs({ device: '/dev/st0', recordSize: 65536, paths: ['/a b'] }), ['tar', '-c', '--record-size=65536', '-f', '/dev/st0', '/a b']);
});
