// Smoke suite on the package users install: `npm run package`, check the .vsix, `code-server --install-extension` it, then use it.
// Prints "TIER-RESULT <passed> <failed>" for test/runAll.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { answerPrompts, notificationShown, runPaletteCommand, treeRow, until } from '../browser/workbench.mjs';
import { CHROMIUM_ARGS, PROJECT_ROOT, startCodeServer } from './codeServer.mjs';
import { vsixChecks } from './vsixContents.mjs';

const RESULTS = join(PROJECT_ROOT, 'test-results');
const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
// The file the README's install section names: `npm run package` writes it, `code --install-extension` takes it.
const VSIX = join(PROJECT_ROOT, `${manifest.name}-${manifest.version}.vsix`);

let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    passed += 1;
    process.stdout.write(`ok - ${name}\n`);
  } else {
    failed += 1;
    process.stdout.write(`not ok - ${name}\n  ${problems.join('\n  ')}\n`);
  }
  return problems.length === 0;
}

/** `npm run package`, exactly as the README says; vsce prints WARNING or ERROR for anything it dislikes. */
function packageVsix() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'package'], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const problems = [];
  if (result.status !== 0) problems.push(`npm run package exited with ${result.status}:`, ...output.trim().split('\n').slice(-15));
  for (const line of output.split('\n')) if (/\b(WARNING|ERROR)\b/.test(line)) problems.push(`vsce: ${line.trim()}`);
  if (result.status === 0 && !existsSync(VSIX)) problems.push(`npm run package did not write ${VSIX}`);
  return report(`npm run package writes ${manifest.name}-${manifest.version}.vsix with no vsce warnings`, problems);
}

/** Runs one workbench step, turning a thrown error into a failed check with a screenshot. */
async function step(page, name, fn) {
  try {
    await fn();
    return report(name, []);
  } catch (error) {
    await page.screenshot({ path: join(RESULTS, `vsix-smoke-failed-${passed + failed + 1}.png`) }).catch(() => undefined);
    return report(name, [String(error instanceof Error ? error.message : error)]);
  }
}

async function workbenchSteps(page, server) {
  const steps = [
    ['`code-server --install-extension` put the extension into the extensions folder', async () => {
      const folder = readdirSync(server.extensionsDir).find((name) => name.startsWith(`${manifest.publisher}.${manifest.name}-${manifest.version}`));
      if (!folder) throw new Error(`no ${manifest.publisher}.${manifest.name} folder in ${server.extensionsDir}`);
      if (existsSync(join(server.extensionsDir, folder, 'src'))) throw new Error('the installed extension has a src/ folder');
    }],
    ['the Tape Gateway icon opens the view and activates the extension (status bar: not connected)', async () => {
      const icon = page.locator('.activitybar .action-item a[aria-label^="Tape Gateway"], .activitybar a.action-label[aria-label^="Tape Gateway"]').first();
      await icon.waitFor({ state: 'visible', timeout: 60_000 });
      await icon.click();
      await page.locator('.welcome-view-content').filter({ hasText: 'No AWS account yet?' }).waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.statusbar-item', { hasText: 'Tape Gateway: not connected' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    }],
    ['"Start local lab" starts the packaged lab and connects (status bar: Lab, tree: Gateways)', async () => {
      await page.getByRole('button', { name: 'Start local lab' }).first().click();
      await page.locator('.statusbar-item', { hasText: 'Tape Gateway: Lab' }).first().waitFor({ state: 'visible', timeout: 60_000 });
      await treeRow(page, 'Gateways').waitFor({ state: 'visible', timeout: 30_000 });
    }],
    ['"Deploy Stack…" deploys the packaged templates/tape-gateway.yaml to the lab', async () => {
      await runPaletteCommand(page, 'Deploy Stack…');
      await answerPrompts(page, 'Deploy Stack', [
        { title: /template/, pick: 'templates/tape-gateway.yaml' },
        { title: /stack name/, accept: true },
        { title: /parameters/, pick: 'Deploy with these values' },
      ], () => notificationShown(page, 'is ready'), 180_000);
      await treeRow(page, 'tape-gateway-lab').waitFor({ state: 'visible', timeout: 30_000 });
    }],
    ["the extension's details page shows the README with its images loaded", async () => {
      await page.keyboard.press('Escape');
      await runWorkbenchCommand(page, 'Extensions: Show Enabled Extensions');
      const entry = page.locator('.extensions-viewlet .monaco-list-row', { hasText: manifest.displayName }).first();
      await entry.waitFor({ state: 'visible', timeout: 30_000 });
      await entry.click();
      const readme = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe');
      await readme.locator('h1', { hasText: 'Tape Gateway for VS Code' }).waitFor({ state: 'visible', timeout: 30_000 });
      const images = readme.locator('img');
      await until('the README images to load', async () => {
        const sizes = await images.evaluateAll((imgs) => imgs.map((img) => (img.complete ? img.naturalWidth : -1)));
        if (sizes.includes(0)) throw new Error(`${sizes.filter((w) => w === 0).length} of ${sizes.length} README images failed to load`);
        return sizes.length >= 3 && sizes.every((w) => w > 0);
      }, 30_000);
    }],
  ];
  let broken = false;
  for (const [name, fn] of steps) {
    // Each step builds on the one before, so after a failure the rest count as failed, not run.
    if (broken) report(name, ['not run: an earlier step failed']);
    else broken = !(await step(page, name, fn));
  }
}

/** Runs a workbench command (not a Tape Gateway one) by its palette title. */
async function runWorkbenchCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  if (packageVsix()) {
    for (const [name, check] of await vsixChecks(VSIX, PROJECT_ROOT)) report(`the .vsix ${name}`, check());
    const server = await startCodeServer({ installVsix: VSIX, settings: { 'tapeGateway.autoConnect': 'off', 'tapeGateway.lab.timeScale': 0.001 } });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}`);
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await workbenchSteps(page, server);
      await page.screenshot({ path: join(RESULTS, 'vsix-smoke.png') }).catch(() => undefined);
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  process.stdout.write(`TIER-RESULT ${passed} ${failed}\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  process.stdout.write(`The .vsix smoke suite could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stdout.write(`TIER-RESULT ${passed} ${failed + 1}\n`);
  process.exitCode = 1;
});
