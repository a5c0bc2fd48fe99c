// The tape-gateway-lab command as shipped (dist/lab.js): runs the lab bundle (dist/lab-main.js) through a V8 code cache.
import { join } from 'node:path';
import { defaultCodeCacheDir, runBundleWithCodeCache } from './codeCache';

/** "off" compiles the bundle from source on every start and leaves no cache file; a path puts the cache there. */
const CODE_CACHE_SETTING = 'TAPE_GATEWAY_LAB_CODE_CACHE';
/** The cache is written this long after start, once the start-up and the first requests have compiled what they use. */
const SAVE_AFTER_MS = 2000;

const setting = process.env[CODE_CACHE_SETTING];
const cacheDir = setting === 'off' ? undefined : setting || defaultCodeCacheDir();
const run = runBundleWithCodeCache(join(__dirname, 'lab-main.js'), cacheDir);
if (run.cache === 'missing' || run.cache === 'rejected') setTimeout(() => void run.saveCache(), SAVE_AFTER_MS).unref();
