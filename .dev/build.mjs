// Build script: esbuild bundles for the extension (AWS SDK packages in their own files, loaded on first use), the lab CLI and the VS Code host test suite.
// --production minifies; --only=extension,lab,hostTests picks bundles; --watch rebuilds on change (the "watch" task in .vscode/tasks.json).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

process.chdir(resolve(import.meta.dirname, '..'));

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * src/aws/ loads every @aws-sdk/* package with import() on first use. In the extension bundle each such import
 * becomes require('./sdk/<package>.js'), and each package is bundled into that file on its own, so activation
 * reads none of them. CommonJS output cannot share chunks between files (esbuild splits only ES modules, which
 * VS Code 1.90 cannot load as an extension), so the packages' common @smithy code is repeated in each file;
 * only the files a connection uses are ever read.
 */
function lazySdkPackages() {
  const built = new Set();
  return {
    name: 'lazy-aws-sdk',
    setup(build) {
      const found = new Set();
      build.onStart(() => found.clear());
      build.onResolve({ filter: /^@aws-sdk\/[^/]+$/ }, (resolveArgs) => {
        if (resolveArgs.kind !== 'dynamic-import') {
          return { errors: [{ text: `${resolveArgs.importer} imports ${resolveArgs.path} statically; load it with import() in src/aws/ so activation does not read it.` }] };
        }
        found.add(resolveArgs.path);
        return { path: `./sdk/${resolveArgs.path.slice('@aws-sdk/'.length)}.js`, external: true };
      });
      build.onEnd(async () => {
        const missing = [...found].filter((name) => !built.has(name));
        await Promise.all(missing.map(async (name) => {
          await esbuild.build({
            ...common,
            stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: process.cwd(), sourcefile: `${name}.js` },
            outfile: `dist/sdk/${name.slice('@aws-sdk/'.length)}.js`,
          });
          built.add(name);
        }));
      });
    },
  };
}

/**
 * The lab bundle leaves just-bash (about two thirds of its code) to dist/lab-just-bash.js, required when the first
 * simulated client host boots (src/lab/services imports the shell with import()), so a lab start does not read or
 * compile it. The file is built once per build, with the same import.meta.url banner as the lab itself.
 */
function separateJustBash(banner) {
  return {
    name: 'separate-just-bash',
    setup(build) {
      build.onResolve({ filter: /^just-bash$/ }, () => ({ path: './lab-just-bash.js', external: true }));
      build.onEnd(async () => {
        await esbuild.build({
          ...common,
          stdin: { contents: "module.exports = require('just-bash');", resolveDir: process.cwd(), sourcefile: 'just-bash.js' },
          outfile: 'dist/lab-just-bash.js',
          banner: { js: banner },
          define: { 'import.meta.url': '__labBundleUrl' },
        });
      });
    },
  };
}

/** Builds dist/lab.js, the launcher of dist/lab-main.js, with each build of the lab. */
function labLauncher() {
  return {
    name: 'lab-launcher',
    setup(build) {
      build.onEnd(async () => {
        await esbuild.build({ ...common, entryPoints: ['src/lab/launcher.ts'], outfile: 'dist/lab.js', banner: { js: '#!/usr/bin/env node' } });
      });
    },
  };
}

const LAB_URL_BANNER = "const __labBundleUrl = require('node:url').pathToFileURL(__filename).href;";

/** In watch mode, one line per rebuild so the editor's background task knows when a build starts and ends. */
const watchLog = (name) => ({
  name: 'watch-log',
  setup(build) {
    build.onStart(() => console.log(`[watch] ${name}: build started`));
    build.onEnd((result) => console.log(`[watch] ${name}: build finished with ${result.errors.length} error(s)`));
  },
});

const hostTestEntries = () => readdirSync('test/host/suite').filter((f) => f.endsWith('.ts')).map((f) => join('test/host/suite', f));

const builds = {
  extension: () => {
    rmSync('dist/sdk', { recursive: true, force: true });
    // import() of an SDK file becomes require(): Node's own import() of a CommonJS bundle would see only its default export.
    return { ...common, entryPoints: ['src/extension/activate.ts'], outfile: 'dist/extension.js', external: ['vscode'], supported: { 'dynamic-import': false }, plugins: [lazySdkPackages()] };
  },
  // The dashboard webview's script with Chart.js: a browser bundle loaded under the webview's CSP (no eval).
  dashboard: () => ({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['src/extension/dashboard/webview/dashboardView.ts'], outfile: 'dist/dashboard.js' }),
  // just-bash ships as ESM and calls createRequire(import.meta.url); in this CommonJS bundle that URL is the bundle's own file.
  // dist/lab.js is the command: a few lines that run dist/lab-main.js, the lab itself, through a V8 code cache.
  lab: () => ({
    ...common,
    entryPoints: ['src/lab/main.ts'],
    outfile: 'dist/lab-main.js',
    banner: { js: LAB_URL_BANNER },
    define: { 'import.meta.url': '__labBundleUrl' },
    plugins: [separateJustBash(LAB_URL_BANNER), labLauncher()],
  }),
  // Some host tests start a lab in-process, so they carry just-bash too and need the same import.meta.url.
  hostTests: () => ({
    ...common,
    sourcemap: 'inline',
    entryPoints: hostTestEntries(),
    outdir: 'dist/test/host',
    external: ['vscode', 'mocha'],
    banner: { js: "const __labBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__labBundleUrl' },
  }),
};

const selected = only ? only.split(',') : Object.keys(builds);
await Promise.all(selected.map(async (name) => {
  const options = builds[name]?.();
  if (!options) throw new Error(`Unknown build "${name}". Choose from: ${Object.keys(builds).join(', ')}.`);
  if (!watch) return esbuild.build(options);
  const context = await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), watchLog(name)] });
  await context.watch();
}));
