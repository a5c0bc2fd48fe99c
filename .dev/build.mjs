// Build script: esbuild bundles for the extension, the lab CLI and the VS Code host test suite.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

process.chdir(resolve(import.meta.dirname, '..'));

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
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

const builds = {
  extension: () => esbuild.build({ ...common, entryPoints: ['src/extension/activate.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // just-bash ships as ESM and calls createRequire(import.meta.url); in this CommonJS bundle that URL is the bundle's own file.
  lab: () =>
    esbuild.build({
      ...common,
      entryPoints: ['src/lab/main.ts'],
      outfile: 'dist/lab.js',
      banner: { js: "#!/usr/bin/env node\nconst __labBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__labBundleUrl' },
    }),
  hostTests: () => {
    const dir = 'test/host/suite';
    const entryPoints = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
    return esbuild.build({ ...common, sourcemap: 'inline', entryPoints, outdir: 'dist/test/host', external: ['vscode', 'mocha'] });
  },
};

const selected = only ? only.split(',') : Object.keys(builds);
await Promise.all(selected.map((name) => {
  const build = builds[name];
  if (!build) throw new Error(`Unknown build "${name}". Choose from: ${Object.keys(builds).join(', ')}.`);
  return build();
}));
