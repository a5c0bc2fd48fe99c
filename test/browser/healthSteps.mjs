// Browser steps after the tape steps: the gateway dashboard draws its CloudWatch charts in the webview, with a screenshot.
import { GATEWAY_NAME } from './stackSteps.mjs';
import { answerPrompts, clearNotifications, libraryFrame, runPaletteCommand, screenshot, until } from './workbench.mjs';

export const healthSteps = [
  ['"Show Gateway Dashboard" draws the cache, upload buffer and traffic charts from CloudWatch', async ({ page }) => {
    await runPaletteCommand(page, 'Show Gateway Dashboard');
    const tab = page.locator('.tab', { hasText: `Dashboard: ${GATEWAY_NAME}` }).first();
    await answerPrompts(page, 'Show Gateway Dashboard', [{ title: /^Show Gateway Dashboard$/, accept: true }], async () => tab.isVisible(), 60_000);
    const frame = libraryFrame(page);
    await until('the dashboard to receive its metrics', async () => /updated/.test((await frame.locator('#status').innerText().catch(() => '')) ?? ''), 60_000);
    for (const id of ['cache', 'buffer', 'tape', 'cloud']) {
      await until(`the ${id} chart to be drawn`, async () => (await frame.locator(`#chart-${id}`).evaluate((canvas) => canvas.width > 0 && canvas.height > 0).catch(() => false)), 30_000);
    }
    await clearNotifications(page);
    // Ctrl+J hides the terminal panel, so the charts have the editor area to themselves.
    await page.keyboard.press('Control+j');
    await until('the terminal panel to close', async () => !(await page.locator('.part.panel.bottom').isVisible().catch(() => false)), 10_000);
    // Chart.js redraws from its ResizeObserver once the editor area has grown.
    await page.waitForTimeout(500);
    await screenshot(page, 'dashboard.png');
  }],
];
