// The lab launcher's V8 code cache: a bundle runs as a CommonJS module, its cache is written once, used next time, and
// refused (then rebuilt) when the bundle changes; a cache that cannot be written costs nothing but speed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { codeCacheFileName, defaultCodeCacheDir, runBundleWithCodeCache } from '../../../src/lab/codeCache';

interface Probe {
  runs: { filename: string; dirname: string; sibling: string; exportsIsModuleExports: boolean }[];
}

const probe = globalThis as typeof globalThis & { codeCacheProbe?: Probe };

async function bundleFolder(source: string): Promise<{ folder: string; bundle: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'code-cache-'));
  await writeFile(join(folder, 'sibling.js'), "module.exports = 'sibling loaded';\n");
  const bundle = join(folder, 'bundle.js');
  await writeFile(bundle, source);
  return { folder, bundle };
}

/**
 * Whether a fresh Node process (V8 keeps compiled code per process, so this one would not consult the file again)
 * accepts the cache file for the bundle as it compiles it.
 */
function acceptedByAnotherProcess(bundle: string, cacheFile: string): boolean {
  const check = [
    "const { readFileSync } = require('node:fs');",
    `const script = new (require('node:vm').Script)(require('node:module').wrap(readFileSync(${JSON.stringify(bundle)}, 'utf8')), { filename: ${JSON.stringify(bundle)}, cachedData: readFileSync(${JSON.stringify(cacheFile)}) });`,
    'process.stdout.write(String(script.cachedDataRejected));',
  ].join('\n');
  const result = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout === 'false';
}

const SOURCE = [
  "const sibling = require('./sibling.js');",
  'function work(n) { let total = 0; for (let i = 0; i < n; i += 1) total += i; return total; }',
  'work(1000);',
  'globalThis.codeCacheProbe.runs.push({ filename: __filename, dirname: __dirname, sibling, exportsIsModuleExports: exports === module.exports });',
  '',
].join('\n');

test('a bundle runs with Node module semantics; its cache is written once and used by the next start', async () => {
  const { folder, bundle } = await bundleFolder(SOURCE);
  const cacheDir = join(folder, 'cache');
  probe.codeCacheProbe = { runs: [] };
  try {
    const first = runBundleWithCodeCache(bundle, cacheDir);
    assert.equal(first.cache, 'missing');
    assert.deepEqual(probe.codeCacheProbe.runs[0], { filename: bundle, dirname: folder, sibling: 'sibling loaded', exportsIsModuleExports: true });
    await first.saveCache();
    const files = await readdir(cacheDir);
    assert.equal(files.length, 1);
    assert.match(files[0] ?? '', /^bundle-[0-9a-f]{32}\.v8cache$/);
    assert.ok(acceptedByAnotherProcess(bundle, join(cacheDir, files[0] ?? '')), 'V8 accepts the written cache in a new process');

    const second = runBundleWithCodeCache(bundle, cacheDir);
    assert.equal(second.cache, 'used');
    assert.equal(probe.codeCacheProbe.runs.length, 2);
    await second.saveCache();
    assert.deepEqual(await readdir(cacheDir), files, 'a cache that was used is not written again');
  } finally {
    delete probe.codeCacheProbe;
    await rm(folder, { recursive: true, force: true });
  }
});

test('a rebuilt bundle gets a new cache and the old one is removed', async () => {
  const { folder, bundle } = await bundleFolder(SOURCE);
  const cacheDir = join(folder, 'cache');
  probe.codeCacheProbe = { runs: [] };
  try {
    await runBundleWithCodeCache(bundle, cacheDir).saveCache();
    const before = await readdir(cacheDir);
    // Another build: other code, and a later modification time.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(bundle, `${SOURCE}work(2000);\n`);
    const rebuilt = runBundleWithCodeCache(bundle, cacheDir);
    assert.equal(rebuilt.cache, 'missing');
    await rebuilt.saveCache();
    const after = await readdir(cacheDir);
    assert.equal(after.length, 1);
    assert.notDeepEqual(after, before);
    assert.equal(runBundleWithCodeCache(bundle, cacheDir).cache, 'used');
  } finally {
    delete probe.codeCacheProbe;
    await rm(folder, { recursive: true, force: true });
  }
});

test('damaged cache data is refused by V8 and the bundle still runs; an unwritable cache folder only costs speed', async () => {
  // Source this process has not compiled yet, so V8 has to consult the cache file.
  const { folder, bundle } = await bundleFolder(`${SOURCE}// ${process.hrtime.bigint()}\n`);
  const cacheDir = join(folder, 'cache');
  probe.codeCacheProbe = { runs: [] };
  try {
    const cacheFile = join(cacheDir, codeCacheFileName(bundle, statSync(bundle)));
    await mkdirFor(cacheFile);
    await writeFile(cacheFile, Buffer.alloc(4096, 7));
    const damaged = runBundleWithCodeCache(bundle, cacheDir);
    assert.equal(damaged.cache, 'rejected');
    assert.equal(probe.codeCacheProbe.runs.length, 1, 'the bundle ran all the same');
    await damaged.saveCache();
    assert.ok(acceptedByAnotherProcess(bundle, cacheFile), 'the refused cache was rebuilt');

    // A file where the folder should be: nothing can be written there, and nothing fails.
    const blocked = join(folder, 'not-a-folder');
    await writeFile(blocked, 'x');
    await runBundleWithCodeCache(bundle, blocked).saveCache();
    assert.equal(runBundleWithCodeCache(bundle, undefined).cache, 'off');
    assert.equal(probe.codeCacheProbe.runs.length, 3);
  } finally {
    delete probe.codeCacheProbe;
    await rm(folder, { recursive: true, force: true });
  }
});

async function mkdirFor(file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
}

test('the cache lives in the per-user cache folder of each platform, never in the state folder', () => {
  assert.equal(defaultCodeCacheDir('linux', {}, '/home/u'), join('/home/u', '.cache', 'tape-gateway-lab'));
  assert.equal(defaultCodeCacheDir('linux', { XDG_CACHE_HOME: '/xdg' }, '/home/u'), join('/xdg', 'tape-gateway-lab'));
  assert.equal(defaultCodeCacheDir('darwin', {}, '/Users/u'), join('/Users/u', 'Library', 'Caches', 'tape-gateway-lab'));
  assert.equal(defaultCodeCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'C:\\Users\\u'), join('C:\\Users\\u\\AppData\\Local', 'tape-gateway-lab', 'Cache'));
});
