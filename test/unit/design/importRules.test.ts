// Enforces DESIGN.md's layer rules by reading every import in src/.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';

const SRC = resolve(__dirname, '../../../src');


function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listTs(path) : name.endsWith('.ts') ? [path] : [];
  });
}

interface ImportLine {
  readonly spec: string;
  readonly typeOnly: boolean;
  /** import … from / export … from / import 'x' (loaded with the file), as opposed to import() or require(). */
  readonly staticImport: boolean;
}

function importsOf(file: string): ImportLine[] {
  const text = readFileSync(file, 'utf8');
  const found: ImportLine[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[3] ?? m[4] ?? m[5];
    if (spec) found.push({ spec, typeOnly: Boolean(m[2]) || /^\s*(import|export)\s*\{\s*type\s[^}]*\}/.test(m[0]) && !/,\s*(?!type\s)\w/.test(m[0]), staticImport: m[5] === undefined });
  }
  return found;
}

/** src-relative folder of a file, e.g. "lab/http". */
function layerPath(absolute: string): string {
  return relative(SRC, absolute).split(sep).join('/');
}

function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

const files = listTs(SRC);

test('src/ has files to check', () => {
  assert.ok(files.length > 0);
});

for (const file of files) {
  const here = layerPath(file);
  test(`imports of ${here} follow DESIGN.md`, () => {
    for (const { spec, typeOnly, staticImport } of importsOf(file)) {
      const target = spec.startsWith('.') ? layerPath(resolve(dirname(file), spec)) : undefined;
      const problem = violation(here, spec, target, typeOnly, staticImport);
      assert.equal(problem, undefined, `${here} imports "${spec}": ${problem}`);
    }
  });
}

function violation(here: string, spec: string, target: string | undefined, typeOnly: boolean, staticImport: boolean): string | undefined {
  if (target !== undefined && target.startsWith('..')) return 'reaches outside src/';
  const node = spec.startsWith('node:');
  const pkg = !node && target === undefined ? spec : undefined;
  if (within(here, 'tape')) {
    if (node || pkg) return 'tape/ is pure: no node:*, no packages';
    if (target && !within(target, 'tape')) return 'tape/ may import only tape/';
  } else if (within(here, 'session/protocol')) {
    if (node && spec !== 'node:crypto' && spec !== 'node:buffer') return 'session/protocol/ may use only node:crypto and node:buffer';
    if (pkg) return 'session/protocol/ imports no packages';
    if (target && !within(target, 'session/protocol')) return 'session/protocol/ may import only itself';
  } else if (within(here, 'session')) {
    if (pkg && pkg !== 'ws') return 'session/ may use only the ws package';
    if (target && !['session', 'tape'].some((f) => within(target, f))) return 'session/ may import session/ and tape/ only';
  } else if (within(here, 'aws')) {
    if (pkg && !pkg.startsWith('@aws-sdk/') && !pkg.startsWith('@smithy/')) return 'aws/ may use only @aws-sdk/* packages';
    // Each SDK client is loaded by import() on first use, so activation does not pay for it.
    if (pkg && !typeOnly && staticImport) return 'aws/ loads @aws-sdk/* with import() on first use, never with a static import';
    if (target && !['aws', 'tape'].some((f) => within(target, f))) return 'aws/ may import aws/ and tape/ only';
  } else if (within(here, 'lab')) {
    if (pkg === 'vscode') return 'lab/ must not import vscode';
    // A checksum implementation is no SDK client: S3's CRC64NVME comes from the package AWS publishes for it.
    if (pkg && pkg.startsWith('@aws-sdk/') && !typeOnly && pkg !== '@aws-sdk/crc64-nvme') return 'lab/ may import only types from @aws-sdk/* (checksum implementations excepted)';
    if (target && !['lab', 'tape', 'session/protocol'].some((f) => within(target, f))) return 'lab/ may import lab/, tape/ and session/protocol/ only';
  } else if (within(here, 'extension')) {
    // The extension spawns dist/lab.js and talks to it over the AWS APIs; not even a type comes from the lab.
    if (target && within(target, 'lab')) return 'extension/ must not import lab/ (spawn dist/lab.js instead)';
    // SDK clients load on first use, from src/aws/ only: a value import here would load one at activation.
    if (pkg && pkg.startsWith('@aws-sdk/') && !typeOnly) return 'extension/ may import only types from @aws-sdk/*; call AWS through src/aws/';
    // One shell per instance: extension/shell/ owns the Session Manager channel; everything else types into its terminals.
    if (target && within(target, 'session') && !typeOnly && !within(here, 'extension/shell')) return 'only extension/shell/ opens Session Manager channels; use its SessionTerminals';
  }
  if (pkg === 'vscode' && !within(here, 'extension')) return 'only extension/ imports vscode';
  return undefined;
}

test('the rules refuse lab code, SDK values and session channels outside shell/ in the extension, and static SDK imports in aws/', () => {
  assert.match(violation('extension/connection/x.ts', '../../lab/index', 'lab/index', true, true) ?? '', /must not import lab/);
  assert.match(violation('extension/x.ts', '@aws-sdk/client-ssm', undefined, false, true) ?? '', /only types/);
  assert.equal(violation('extension/x.ts', '@aws-sdk/client-ssm', undefined, true, true), undefined);
  assert.match(violation('aws/X.ts', '@aws-sdk/client-ssm', undefined, false, true) ?? '', /import\(\) on first use/);
  assert.equal(violation('aws/X.ts', '@aws-sdk/client-ssm', undefined, false, false), undefined);
  assert.match(violation('extension/workflows/X.ts', '../../session', 'session', false, true) ?? '', /only extension\/shell\//);
  assert.equal(violation('extension/workflows/X.ts', '../../session', 'session', true, true), undefined);
  assert.equal(violation('extension/shell/X.ts', '../../session', 'session', false, true), undefined);
});
