// Build script: esbuild bundles for the extension (AWS SDK packages in their own files, loaded on first use), the lab CLI and the VS Code host test suite.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
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

/**
 * src/aws/ loads every @aws-sdk/* package with import() on first use. In the extension bundle each such import
 * becomes require('./sdk/<package>.js'), and each package is bundled into that file on its own, so activation
 * reads none of them. CommonJS output cannot share chunks between files (esbuild splits only ES modules, which
 * VS Code 1.90 cannot load as an extension), so the packages' common @smithy code is repeated in each file;
 * only the files a connection uses are ever read.
 */
function lazySdkPackages(found) {
  return {
    name: 'lazy-aws-sdk',
    setup(build) {
      build.onResolve({ filter: /^@aws-sdk\/[^/]+$/ }, (args) => {
        if (args.kind !== 'dynamic-import') {
          return { errors: [{ text: `${args.importer} imports ${args.path} statically; load it with import() in src/aws/ so activation does not read it.` }] };
        }
        found.add(args.path);
        return { path: `./sdk/${args.path.slice('@aws-sdk/'.length)}.js`, external: true };
      });
    },
  };
}

async function buildExtension() {
  const packages = new Set();
  rmSync('dist/sdk', { recursive: true, force: true });
  await esbuild.build({ ...common, entryPoints: ['src/extension/activate.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazySdkPackages(packages)] });
  await Promise.all([...packages].map((name) => esbuild.build({
    ...common,
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: process.cwd(), sourcefile: `${name}.js` },
    outfile: `dist/sdk/${name.slice('@aws-sdk/'.length)}.js`,
  })));
}

const builds = {
  extension: buildExtension,
  lab: () => esbuild.build({ ...common, entryPoints: ['src/lab/main.ts'], outfile: 'dist/lab.js', banner: { js: '#!/usr/bin/env node' } }),
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
