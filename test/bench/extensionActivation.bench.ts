// Extension activation in a real workbench (code-server + Chromium): click on the Tape Gateway icon to first tree paint with the lab.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startCodeServer } from '../host/codeServer.mjs';
import type { BenchFigure } from './BenchFigure';

const RUNS = 3;

export async function run(): Promise<BenchFigure[]> {
  const toTree: number[] = [];
  const toWorkbench: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A fresh server per run: the extension host starts cold and activates the extension on the view.
    const server = await startCodeServer({ installExtension: true, settings: { 'tapeGateway.autoConnect': 'lab', 'tapeGateway.lab.timeScale': 0 } });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const opened = Date.now();
      await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}`);
      const icon = page.locator('.activitybar a.action-label[aria-label^="Tape Gateway"]').first();
      await icon.waitFor({ state: 'visible', timeout: 60_000 });
      toWorkbench.push(Date.now() - opened);
      const clicked = Date.now();
      await icon.click();
      await page.locator('.monaco-list-row', { hasText: 'Gateways' }).first().waitFor({ state: 'visible', timeout: 60_000 });
      toTree.push(Date.now() - clicked);
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  return [
    { name: 'Activation: click on the Tape Gateway icon to the first tree paint, lab started in-process', unit: 'ms', samples: toTree, note: 'includes activating the extension, starting the lab and the first ListGateways' },
    { name: 'Workbench load to the Tape Gateway icon (context for the figure above)', unit: 'ms', samples: toWorkbench },
  ];
}
