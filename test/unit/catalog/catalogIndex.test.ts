// The in-memory catalog: records applied in order, substring and glob search, CSV export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogIndex } from '../../../src/extension/catalog/CatalogIndex';
import { catalogCsvLines, csvField } from '../../../src/extension/catalog/catalogCsv';
import { decodeRecord, encodeRecord } from '../../../src/extension/catalog/catalogRecords';
import { globToRegExp, parsePathQuery } from '../../../src/extension/catalog/pathQuery';
import { archive } from './catalogFixture';

function indexOf(...records: Parameters<CatalogIndex['apply']>[0][]): CatalogIndex {
  const index = new CatalogIndex();
  for (const record of records) index.apply(record);
  return index;
}

test('substring search ignores case and a leading slash, and reports tape, archive and block size', () => {
  const index = indexOf(archive('TAPE0001', 0, ['home/ssm-user/Report.pdf', 'home/ssm-user/notes.txt']), archive('TAPE0002', 1, ['var/log/report-2026.log'], { blockSize: 131072 }));
  const hits = index.search('/home/ssm-user/report').hits;
  assert.deepEqual(hits.map((h) => [h.barcode, h.archive, h.member.path]), [['TAPE0001', 0, 'home/ssm-user/Report.pdf']]);
  const all = index.search('REPORT').hits;
  assert.deepEqual(all.map((h) => [h.barcode, h.archive, h.blockSize]), [['TAPE0001', 0, 65536], ['TAPE0002', 1, 131072]]);
  assert.equal(index.search('nothing-like-this').hits.length, 0);
});

test('one hit per member even when the text occurs twice in its path; the limit truncates', () => {
  const index = indexOf(archive('TAPE0001', 0, ['a/a/a.txt', 'b/a.txt', 'c.txt']));
  assert.equal(index.search('a').hits.length, 2);
  const limited = index.search('txt', 2);
  assert.equal(limited.hits.length, 2);
  assert.equal(limited.truncated, true);
  assert.equal(index.search('txt', 3).truncated, false);
});

test('globs: * within a segment, ** across segments, ? and classes; matched from a folder boundary unless anchored by /', () => {
  const index = indexOf(archive('TAPE0001', 0, ['home/u/a.log', 'home/u/deep/b.log', 'home/u/c.txt', 'etc/x1.conf', 'etc/x22.conf']));
  const paths = (q: string) => index.search(q).hits.map((h) => h.member.path);
  assert.deepEqual(paths('*.log'), ['home/u/a.log', 'home/u/deep/b.log']);
  assert.deepEqual(paths('home/u/*.log'), ['home/u/a.log']);
  assert.deepEqual(paths('u/*.log'), ['home/u/a.log'], 'a pattern with folders matches from any folder boundary');
  assert.deepEqual(paths('/u/*.log'), [], 'a leading / anchors at the root');
  assert.deepEqual(paths('/home/**/*.log'), ['home/u/a.log', 'home/u/deep/b.log']);
  assert.deepEqual(paths('etc/x?.conf'), ['etc/x1.conf']);
  assert.deepEqual(paths('etc/x[!1]*.conf'), ['etc/x22.conf']);
  assert.equal(parsePathQuery('a*b').kind, 'glob');
  assert.equal(parsePathQuery('plain.txt').kind, 'substring');
  assert.equal(globToRegExp('a/**/b').test('a/b'), true);
  assert.equal(globToRegExp('a/**/b').test('a/xb'), false);
});

test('a new archive written at file N replaces N and later ones; forgetting a tape drops it; a rebuild record adds', () => {
  const index = indexOf(archive('TAPE0001', 0, ['one']), archive('TAPE0001', 1, ['two']), archive('TAPE0001', 2, ['three']));
  index.apply(archive('TAPE0001', 1, ['two-again']));
  assert.deepEqual([...(index.tape('TAPE0001')?.archives.keys() ?? [])].sort(), [0, 1]);
  assert.deepEqual(index.search('t').hits.map((h) => h.member.path), ['two-again']);
  index.apply(archive('TAPE0001', 5, ['rebuilt'], { source: 'rebuild' }));
  index.apply(archive('TAPE0001', 4, ['rebuilt-earlier'], { source: 'rebuild' }));
  assert.equal(index.tape('TAPE0001')?.archives.size, 4);
  index.apply({ kind: 'forgetTape', barcode: 'TAPE0001', at: 1 });
  assert.equal(index.tape('TAPE0001'), undefined);
  assert.equal(index.memberCount(), 0);
});

test('records round-trip; a changed byte or a cut line is refused', () => {
  const line = encodeRecord(archive('TAPE0001', 0, ['a,b "c"']));
  assert.ok(line.endsWith('\n'));
  const decoded = decodeRecord(line.slice(0, -1));
  assert.equal(decoded?.kind, 'archive');
  assert.equal(decoded?.kind === 'archive' ? decoded.members[0]?.path : '', 'a,b "c"');
  assert.equal(decodeRecord(line.slice(0, 40)), undefined);
  assert.equal(decodeRecord(line.slice(0, -1).replace('TAPE0001', 'TAPE0002')), undefined);
});

test('CSV: header, one row per member, RFC 4180 quoting and no spreadsheet formulas', () => {
  const lines = [...catalogCsvLines([archive('TAPE0001', 3, ['dir/a,b.txt', '=cmd'], { members: [] }), archive('TAPE0001', 3, ['dir/a,b.txt', '=cmd'])])];
  assert.equal(lines.length, 3);
  assert.match(lines[0] ?? '', /^gateway_arn,barcode,archive,block_size,written_at,source,path,type,size,mtime,mode,owner,sha256\r\n$/);
  assert.match(lines[1] ?? '', /,TAPE0001,3,65536,2026-12-01T13:00:00.000Z,write,"dir\/a,b.txt",file,12,2026-12-01T12:00:00.000Z,0644,ssm-user\/ssm-user,\r\n$/);
  assert.match(lines[2] ?? '', /,'=cmd,file,/);
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField(-5), '-5');
});

test('a large index (anchored needle search) finds exactly what a plain scan finds', () => {
  const paths = Array.from({ length: 40_000 }, (_, n) => `srv/data/batch-${Math.floor(n / 97)}/item-${n}${n % 3 === 0 ? '.log' : '.csv'}`);
  const index = indexOf(archive('BIG00001', 0, paths));
  for (const query of ['item-31415', 'batch-100/item-97', '/batch-12/', 'no-such-file-anywhere', 'data/batch-399/item-38']) {
    const expected = paths.filter((path) => path.includes(query.replace(/^\//, ''))).slice(0, 1000);
    assert.deepEqual(index.search(query).hits.map((hit) => hit.member.path), expected, query);
  }
});
