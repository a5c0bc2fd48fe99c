// Runs the VS Code host suite inside a real extension host: code-server driven by Debian's Chromium.
// Prints "TIER-RESULT <passed> <failed> <skipped>" for test/runAll.mjs.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PROJECT_ROOT, startCodeServer } from './codeServer.mjs';

const SUITE_TIMEOUT_MS = 10 * 60 * 1000;

async function main() {
  execFileSync(process.execPath, ['.dev/build.mjs', '--only=extension,dashboard,lab,hostTests'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const server = await startCodeServer({ settings: { 'tapeGateway.autoConnect': 'off' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  let result = { passed: 0, failed: 1 };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${PROJECT_ROOT}`],
      ['extensionTestsPath', `vscode-remote://${authority}${join(PROJECT_ROOT, 'dist', 'test', 'host', 'index.js')}`],
      ['enableProposedApi', ''],
      ['skipWelcome', 'true'],
    ];
    let counts;
    const finished = new Promise((resolve) => {
      page.exposeFunction('codeAutomationLog', (type, args) => {
        const text = formatConsoleArgs(Array.isArray(args) ? args : [args]);
        if (/open-vsx|vsda|marketplace/i.test(text)) return;
        process.stdout.write(`${text}\n`);
        const m = /HOST-SUITE-RESULT (\d+) (\d+)(?: (\d+))?/.exec(text);
        if (m) counts = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
      });
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const code = await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS)))]);
    clearTimeout(timer);
    mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(PROJECT_ROOT, 'test-results', 'host-suite.png') }).catch(() => undefined);
    if (code === 'timeout') process.stdout.write('The host suite did not finish within 10 minutes.\n');
    result = counts ?? { passed: 0, failed: 1 };
    if (code !== 0 && result.failed === 0) result.failed = 1;
  } finally {
    await browser.close();
    await server.stop();
  }
  process.stdout.write(`TIER-RESULT ${result.passed} ${result.failed} ${result.skipped ?? 0}\n`);
  // Exit explicitly: a stray handle from the browser or the server must not keep the tier alive.
  process.exit(result.failed > 0 ? 1 : 0);
}

/** Applies console.log's %s/%d/%j substitutions the way Node would, then joins the rest. */
function formatConsoleArgs(args) {
  const parts = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
  if (parts.length === 0) return '';
  let rest = parts.slice(1);
  const first = parts[0].replace(/%[sdifjoO%]/g, (token) => {
    if (token === '%%') return '%';
    if (rest.length === 0) return token;
    const [value] = rest;
    rest = rest.slice(1);
    return value;
  });
  return [first, ...rest].join(' ');
}

main().catch((error) => {
  process.stdout.write(`Host suite could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stdout.write('TIER-RESULT 0 1\n');
  process.exitCode = 1;
});
