// S3 metadata in the storage layer: the per-bucket key order and the prefix/delimiter/marker listing answer exactly what
// a full scan in UTF-8 order answers; records survive a reopen; an older lab's snapshot and journal are imported once.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareUtf8 } from '../../../src/lab/services/s3/keyOrder';
import { listPage } from '../../../src/lab/services/s3/listOperations';
import { S3Metadata, type ObjectRecord } from '../../../src/lab/services/s3/S3Metadata';
import type { S3Store } from '../../../src/lab/services/s3/S3Store';
import { seededRandom } from '../faults/support/seededRandom';

/** Characters that sort differently in UTF-16 and UTF-8 (U+E000 and U+FFFD against an astral one) mixed with plain ones. */
const ALPHABET = ['a', 'b', 'c', '/', '-', 'é', '\uE000', '\uFFFD', '😀', '𝄞'];

function objectOf(key: string): ObjectRecord {
  return { key, size: key.length, etag: '"0"', lastModified: '2026-01-01T00:00:00.000Z', headers: {}, metadata: {}, segments: [] };
}

/** What a listing is: a full scan of the keys in UTF-8 byte order, as S3 defines it. */
function referenceList(keys: readonly string[], prefix: string, delimiter: string, marker: string, maxKeys: number) {
  const ordered = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const contents: string[] = [];
  const commonPrefixes: string[] = [];
  let count = 0;
  let truncated = false;
  for (const key of ordered) {
    if (!key.startsWith(prefix) || (marker !== '' && Buffer.compare(Buffer.from(key), Buffer.from(marker)) <= 0)) continue;
    if (marker !== '' && delimiter !== '' && marker.endsWith(delimiter) && key.startsWith(marker)) continue;
    const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const rolled = cut < 0 ? undefined : key.slice(0, cut + delimiter.length);
    if (rolled !== undefined && rolled === commonPrefixes.at(-1)) continue;
    if (count === maxKeys) {
      truncated = true;
      break;
    }
    count += 1;
    if (rolled !== undefined) commonPrefixes.push(rolled);
    else contents.push(key);
  }
  return { contents, commonPrefixes, truncated };
}

test('keys stay in UTF-8 order through puts and deletes, and every listing matches a full scan', async () => {
  const random = seededRandom(16);
  const metadata = await S3Metadata.open(undefined);
  const store: S3Store = { metadata, dataDir: '', now: () => new Date(0) };
  await metadata.putBucket({ name: 'one', region: 'us-east-1', creationDate: '2026-01-01T00:00:00.000Z' });
  await metadata.putBucket({ name: 'two', region: 'us-east-1', creationDate: '2026-01-01T00:00:00.000Z' });
  await metadata.putObject('two', objectOf('a/other-bucket'));
  const live = new Set<string>();
  const randomKey = () => Array.from({ length: random.int(1, 6) }, () => ALPHABET[random.int(0, ALPHABET.length - 1)]).join('');
  for (let round = 0; round < 60; round += 1) {
    for (let i = 0; i < 20; i += 1) {
      const key = randomKey();
      if (live.has(key) && random.int(0, 2) === 0) {
        await metadata.dropObject('one', key);
        live.delete(key);
      } else {
        await metadata.putObject('one', objectOf(key));
        live.add(key);
      }
    }
    const expected = [...live].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    assert.deepEqual(metadata.sortedKeys('one'), expected, `round ${round}: keys in UTF-8 order`);
    assert.equal(metadata.objectCount('one'), live.size);
    for (let query = 0; query < 10; query += 1) {
      const prefix = random.int(0, 2) === 0 ? '' : randomKey().slice(0, random.int(1, 2));
      const delimiter = random.int(0, 1) === 0 ? '' : ['/', '-', '😀'][random.int(0, 2)] ?? '/';
      const marker = random.int(0, 2) === 0 ? '' : randomKey();
      const maxKeys = random.int(0, 12);
      const page = listPage(store, 'one', prefix, delimiter, marker, maxKeys);
      const reference = referenceList([...live], prefix, delimiter, marker, maxKeys);
      const what = `round ${round}, prefix ${JSON.stringify(prefix)}, delimiter ${JSON.stringify(delimiter)}, marker ${JSON.stringify(marker)}, max ${maxKeys}`;
      assert.deepEqual(page.contents.map((object) => object.key), reference.contents, what);
      assert.deepEqual(page.commonPrefixes, reference.commonPrefixes, what);
      assert.equal(page.truncated, reference.truncated, what);
    }
  }
  assert.deepEqual(metadata.sortedKeys('two'), ['a/other-bucket'], 'another bucket keeps its own keys');
});

test('compareUtf8 orders as UTF-8 bytes do', () => {
  const random = seededRandom(7);
  for (let i = 0; i < 2000; i += 1) {
    const a = Array.from({ length: random.int(0, 4) }, () => ALPHABET[random.int(0, ALPHABET.length - 1)]).join('');
    const b = Array.from({ length: random.int(0, 4) }, () => ALPHABET[random.int(0, ALPHABET.length - 1)]).join('');
    assert.equal(Math.sign(compareUtf8(a, b)), Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))), `${a} vs ${b}`);
  }
});

test('buckets, objects, uploads and parts survive a reopen; uploads are found by bucket', async () => {
  const folder = await mkdtemp(join(tmpdir(), 's3-metadata-'));
  try {
    const first = await S3Metadata.open(folder);
    await first.putBucket({ name: 'b', region: 'us-east-1', creationDate: '2026-01-01T00:00:00.000Z' });
    await first.putObject('b', { ...objectOf('k1'), segments: [{ file: 'f1', size: 2 }] });
    await first.putObject('b', objectOf('k2'));
    await first.dropObject('b', 'k2');
    await first.putUpload({ uploadId: 'u1', bucket: 'b', key: 'big', initiated: '2026-01-01T00:00:00.000Z', headers: {}, metadata: {}, parts: {} });
    await first.putPart('u1', { partNumber: 2, etag: '"2"', size: 5, file: 'p2', lastModified: '2026-01-01T00:00:00.000Z' });
    await first.putPart('u1', { partNumber: 1, etag: '"1"', size: 5, file: 'p1', lastModified: '2026-01-01T00:00:00.000Z' });
    await first.putUpload({ uploadId: 'u2', bucket: 'b', key: 'gone', initiated: '2026-01-01T00:00:00.000Z', headers: {}, metadata: {}, parts: {} });
    await first.dropUpload('u2');
    await first.close();

    const second = await S3Metadata.open(folder);
    assert.deepEqual(second.buckets().map((bucket) => bucket.name), ['b']);
    assert.deepEqual(second.sortedKeys('b'), ['k1']);
    assert.equal(second.object('b', 'k1')?.segments[0]?.file, 'f1');
    assert.deepEqual(second.uploads('b').map((upload) => upload.uploadId), ['u1']);
    assert.deepEqual(Object.keys(second.upload('u1')?.parts ?? {}).sort(), ['1', '2']);
    assert.deepEqual([...second.referencedFiles()].sort(), ['f1', 'p1', 'p2']);
    await second.close();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test("an older lab's metadata.json and journal.jsonl are imported once and removed; a torn last line was never acknowledged", async () => {
  const folder = await mkdtemp(join(tmpdir(), 's3-legacy-'));
  try {
    const bucket = { name: 'old', region: 'us-east-1', creationDate: '2026-01-01T00:00:00.000Z' };
    await writeFile(join(folder, 'metadata.json'), JSON.stringify({ buckets: [bucket], objects: { old: [objectOf('from-snapshot'), objectOf('dropped')] }, uploads: [] }));
    const lines = [
      { op: 'object', bucket: 'old', object: objectOf('from-journal') },
      { op: 'dropObject', bucket: 'old', key: 'dropped' },
      { op: 'upload', upload: { uploadId: 'u', bucket: 'old', key: 'm', initiated: '2026-01-01T00:00:00.000Z', headers: {}, metadata: {}, parts: {} } },
      { op: 'part', uploadId: 'u', part: { partNumber: 1, etag: '"1"', size: 1, file: 'p', lastModified: '2026-01-01T00:00:00.000Z' } },
    ];
    await writeFile(join(folder, 'journal.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n{"op":"object","bucket":"old","obj`);
    const metadata = await S3Metadata.open(folder);
    assert.deepEqual(metadata.sortedKeys('old'), ['from-journal', 'from-snapshot']);
    assert.equal(metadata.upload('u')?.parts['1']?.file, 'p');
    await metadata.close();
    assert.deepEqual((await readdir(folder)).sort(), ['metadata.journal']);
    const again = await S3Metadata.open(folder);
    assert.deepEqual(again.sortedKeys('old'), ['from-journal', 'from-snapshot']);
    await again.close();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
