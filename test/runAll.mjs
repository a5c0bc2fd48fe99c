// Runs every test tier (static checks, unit and lab, VS Code host, browser) and prints "N passed, N failed[, N skipped]" last.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
// `needs`: the system packages a tier cannot run without (unit and lab tests skip what needs the AWS CLI or curl).
const tiers = [
  { name: 'static', needs: [], run: runStatic },
  { name: 'unit', needs: [], run: () => runNodeTests(['test/unit', 'test/lab']) },
  { name: 'host', needs: ['codeServer', 'chromium'], run: () => runScripts(['test/host/runHostSuite.mjs', 'test/host/runVsixSmoke.mjs']) },
  { name: 'browser', needs: ['codeServer', 'chromium'], run: () => runScript('test/browser/runBrowserTests.mjs') },
];
const chosen = tiers.filter((tier) => !only || only.includes(tier.name));

const { missingSystemPackages, installCodeServer } = await import('./host/installCodeServer.mjs');
const needs = [...new Set(chosen.flatMap((tier) => tier.needs))];
const problem = needs.length > 0 ? missingSystemPackages(needs) : undefined;
if (problem) {
  process.stdout.write(`${problem}\n`);
  process.exit(1);
}
if (needs.includes('codeServer')) installCodeServer();

let passed = 0;
let failed = 0;
let skipped = 0;
const counts = (result) => `${result.passed} passed, ${result.failed} failed${result.skipped > 0 ? `, ${result.skipped} skipped` : ''}`;
for (const tier of chosen) {
  process.stdout.write(`\n=== ${tier.name} ===\n`);
  const result = await tier.run();
  process.stdout.write(`=== ${tier.name}: ${counts(result)} ===\n`);
  passed += result.passed;
  failed += result.failed;
  skipped += result.skipped;
}
process.stdout.write(`\n${counts({ passed, failed, skipped })}\n`);
process.exitCode = failed > 0 ? 1 : 0;

async function runStatic() {
  let ok = 0;
  let bad = 0;
  for (const [label, cmd, args] of [
    ['build', 'node', ['.dev/build.mjs']],
    ['typecheck', 'npx', ['tsc', '-p', '.', '--noEmit']],
    ['typecheck webview', 'npx', ['tsc', '-p', 'src/extension/dashboard/webview', '--noEmit']],
    ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ]) {
    const { code } = await exec(cmd, args);
    process.stdout.write(`${code === 0 ? 'ok' : 'not ok'} - ${label}\n`);
    if (code === 0) ok += 1;
    else bad += 1;
  }
  return { passed: ok, failed: bad, skipped: 0 };
}

async function runNodeTests(roots) {
  const files = roots.flatMap((root) => listTests(root));
  if (files.length === 0) return { passed: 0, failed: 0, skipped: 0 };
  const { code, output } = await exec('node', ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], { capture: true });
  const count = (label) => [...output.matchAll(new RegExp(`^# ${label} (\\d+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
  const pass = count('pass');
  const fail = count('fail') + count('cancelled');
  const skip = count('skipped');
  // A crash before any summary still counts as a failure.
  return { passed: pass, failed: fail === 0 && code !== 0 ? 1 : fail, skipped: skip };
}

/** A tier script prints "TIER-RESULT <passed> <failed> [<skipped>]" as its last line of that form. */
async function runScript(script) {
  const { code, output } = await exec('node', [script], { capture: true, timeoutMs: 15 * 60 * 1000 });
  const matches = [...output.matchAll(/^TIER-RESULT (\d+) (\d+)(?: (\d+))?$/gm)];
  const last = matches.at(-1);
  if (!last) return { passed: 0, failed: 1, skipped: 0 };
  const result = { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3] ?? 0) };
  if (code !== 0 && result.failed === 0) result.failed = 1;
  return result;
}

/** Runs tier scripts one after another and adds up their counts. */
async function runScripts(scripts) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const script of scripts) {
    const result = await runScript(script);
    total.passed += result.passed;
    total.failed += result.failed;
    total.skipped += result.skipped;
  }
  return total;
}

function listTests(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

function exec(cmd, args, { capture = false, timeoutMs = 0 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const timer = timeoutMs > 0 ? setTimeout(() => {
      process.stdout.write(`${cmd} ${args.join(' ')} ran longer than ${timeoutMs / 60000} minutes; stopping it.\n`);
      child.kill('SIGKILL');
    }, timeoutMs) : undefined;
    let output = '';
    const onData = (stream) => (chunk) => {
      stream.write(chunk);
      if (capture) output += chunk.toString();
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
    child.on('error', (error) => {
      process.stdout.write(`could not run ${cmd}: ${error.message}\n`);
      resolve({ code: 1, output });
    });
  });
}
