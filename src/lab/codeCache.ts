// Runs a CommonJS bundle through a V8 code cache kept in the user's cache folder, so a lab start skips compiling its code.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

const APP_FOLDER = 'tape-gateway-lab';

/** The per-user cache folder (never the state folder: a cache may be deleted at any time and is rebuilt). */
export function defaultCodeCacheDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), APP_FOLDER, 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', APP_FOLDER);
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), APP_FOLDER);
}

/**
 * Name of the cache file for the bundle at `bundlePath`. V8 itself refuses data made by another V8 version or with other
 * flags, but checks the source only by its length; the name carries the file's size and modification time (a rebuild
 * changes them; hashing the whole source cost more than the cache saves on a busy machine), the Node version and CPU.
 */
export function codeCacheFileName(bundlePath: string, stats: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>): string {
  const identity = `${bundlePath}\0${stats.size}\0${stats.mtimeMs}\0${stats.ino}\0${process.version}\0${process.arch}`;
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 32);
  return `${basename(bundlePath, '.js')}-${hash}.v8cache`;
}

export interface CachedBundleRun {
  /** 'used': V8 accepted the cache; 'rejected': it refused it (rebuilt); 'missing': there was none; 'off': no cache folder. */
  readonly cache: 'used' | 'rejected' | 'missing' | 'off';
  /** Writes the cache from the code compiled so far (call it once the program has done its start-up work). */
  saveCache(): Promise<void>;
}

/**
 * Loads `bundlePath` as Node would load a CommonJS module (same `require`, `module`, `__filename`), compiling it with
 * the cached data in `cacheDir` when there is any. `saveCache` writes the data atomically (temp file + rename), so
 * two labs starting at once never read half a file; a failure to read or write the cache only costs speed.
 */
export function runBundleWithCodeCache(bundlePath: string, cacheDir: string | undefined): CachedBundleRun {
  const source = readFileSync(bundlePath, 'utf8');
  const cachePath = cacheDir === undefined ? undefined : join(cacheDir, codeCacheFileName(bundlePath, statSync(bundlePath)));
  let cachedData: Buffer | undefined;
  try {
    cachedData = cachePath === undefined ? undefined : readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: bundlePath, cachedData });
  const cache = cachePath === undefined ? 'off' : cachedData === undefined ? 'missing' : script.cachedDataRejected === true ? 'rejected' : 'used';
  const compiled = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const bundleModule = new Module(bundlePath);
  bundleModule.filename = bundlePath;
  bundleModule.loaded = true;
  const bundleRequire = createRequire(bundlePath);
  compiled.call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, bundlePath, dirname(bundlePath));

  return {
    cache,
    saveCache: async () => {
      if (cacheDir === undefined || cachePath === undefined || cache === 'used') return;
      const data = script.createCachedData();
      const temp = `${cachePath}.${process.pid}.tmp`;
      try {
        await mkdir(cacheDir, { recursive: true, mode: 0o700 });
        await writeFile(temp, data, { mode: 0o600 });
        await rename(temp, cachePath);
        // Caches of earlier builds of the same bundle are of no further use.
        const prefix = `${basename(bundlePath, '.js')}-`;
        const stale = (await readdir(cacheDir)).filter((name) => name.startsWith(prefix) && name.endsWith('.v8cache') && join(cacheDir, name) !== cachePath);
        await Promise.all(stale.map((name) => rm(join(cacheDir, name), { force: true })));
      } catch {
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}
