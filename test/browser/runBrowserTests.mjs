// Browser end-to-end tests: a person's clicks in the real workbench (code-server + Chromium), with screenshots.
// Prints "TIER-RESULT <passed> <failed>" for test/runAll.mjs.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PROJECT_ROOT, startCodeServer } from '../host/codeServer.mjs';
import { healthSteps } from './healthSteps.mjs';
import { stackSteps } from './stackSteps.mjs';
import { tapeSteps } from './tapeSteps.mjs';
import { RESULTS } from './workbench.mjs';

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check('the Tape Gateway icon in the activity bar opens the view with its welcome content', async ({ page }) => {
  const icon = page.locator('.activitybar a.action-label[aria-label^="Tape Gateway"], .activitybar .action-item[aria-label^="Tape Gateway"] a').first();
  await icon.waitFor({ state: 'visible', timeout: 60_000 });
  await icon.click();
  const welcome = page.locator('.welcome-view-content').filter({ hasText: 'No AWS account yet?' });
  await welcome.waitFor({ state: 'visible', timeout: 30_000 });
  for (const label of ['Start local lab', 'Connect to AWS']) {
    await page.getByRole('button', { name: label }).first().waitFor({ state: 'visible', timeout: 10_000 });
  }
  await page.screenshot({ path: join(RESULTS, 'welcome-view.png') });
});

check('clicking "Start local lab" connects the extension to the lab (status bar and tree)', async ({ page }) => {
  await page.getByRole('button', { name: 'Start local lab' }).first().click();
  await page.locator('.statusbar-item', { hasText: 'Tape Gateway: Lab' }).first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.monaco-list-row', { hasText: 'Gateways' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.screenshot({ path: join(RESULTS, 'lab-connected.png') });
});

for (const [name, fn] of [...stackSteps, ...tapeSteps, ...healthSteps]) check(name, fn);

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  execFileSync(process.execPath, ['.dev/build.mjs', '--only=extension,dashboard,lab'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const server = await startCodeServer({ installExtension: true, settings: { 'tapeGateway.autoConnect': 'off', 'tapeGateway.lab.timeScale': 0.001, 'terminal.integrated.gpuAcceleration': 'off' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  let passed = 0;
  let failed = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    for (const { name, fn } of checks) {
      if (failed > 0) {
        failed += 1;
        process.stdout.write(`not ok - ${name}\n  not run: an earlier step failed, and each step builds on the one before\n`);
        continue;
      }
      const started = Date.now();
      try {
        await fn({ page });
        passed += 1;
        process.stdout.write(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      } catch (error) {
        failed += 1;
        process.stdout.write(`not ok - ${name}\n  ${String(error instanceof Error ? error.message : error).split('\n').join('\n  ')}\n`);
        await page.screenshot({ path: join(RESULTS, `failed-${passed + failed}.png`) }).catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  process.stdout.write(`TIER-RESULT ${passed} ${failed}\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  process.stdout.write(`Browser tests could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stdout.write('TIER-RESULT 0 1\n');
  process.exitCode = 1;
});
