// Drives the code-server workbench like a person: the command palette, quick picks, input boxes, dialogs, notifications, the terminal's DOM text.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../host/codeServer.mjs';

export const RESULTS = join(PROJECT_ROOT, 'test-results');
const WIDGET = '.quick-input-widget';

/** Polls `probe` until it returns a truthy value; fails with a sentence naming what was awaited. */
export async function until(what, probe, timeoutMs = 60_000, pollMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Opens the command palette and runs "Tape Gateway: <title>". */
export async function runPaletteCommand(page, title) {
  if (await page.locator(WIDGET).isVisible()) await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator(`${WIDGET} .quick-input-box input`);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>Tape Gateway: ${title}`);
  await page.locator(`${WIDGET} .monaco-list-row`, { hasText: `Tape Gateway: ${title}` }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await until(`the palette to close after "${title}"`, async () => !(await page.locator(WIDGET).isVisible()) || !(await page.locator(`${WIDGET} .quick-input-box input`).inputValue().catch(() => '')).startsWith('>'), 10_000);
}

async function promptSignature(page) {
  const widget = page.locator(WIDGET);
  if (!(await widget.isVisible())) return undefined;
  const title = (await widget.locator('.quick-input-title').innerText().catch(() => '')).trim();
  const value = await widget.locator('.quick-input-box input').inputValue().catch(() => '');
  const placeholder = (await widget.locator('.quick-input-box input').getAttribute('placeholder').catch(() => '')) ?? '';
  const rows = await widget.locator('.monaco-list-row').count().catch(() => 0);
  return { title, key: `${title}|${value}|${placeholder}|${rows}` };
}

function rowLabelled(page, label) {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.locator(`${WIDGET} .monaco-list-row`).filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
}

async function act(page, rule) {
  const input = page.locator(`${WIDGET} .quick-input-box input`);
  if (rule.text !== undefined) {
    await input.fill(rule.text);
    await page.keyboard.press('Enter');
  } else if (rule.pick !== undefined) {
    await input.fill(rule.pick);
    const row = rowLabelled(page, rule.pick);
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
  } else if (rule.check !== undefined) {
    await input.fill(rule.check);
    const row = rule.check === '' ? page.locator(`${WIDGET} .monaco-list-row`).first() : page.locator(`${WIDGET} .monaco-list-row`, { hasText: rule.check }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    await input.focus();
    await page.keyboard.press('Enter');
  } else {
    await page.keyboard.press('Enter');
  }
}

/**
 * Answers the prompts a command shows until `done()` holds. rules: [{title: RegExp, text|pick|check|accept, times}],
 * the first rule matching the prompt's title with uses left answers it; dialogs: [{message: RegExp, button}].
 */
export async function answerPrompts(page, step, rules, done, timeoutMs = 120_000) {
  const left = rules.map((rule) => rule.times ?? 1);
  let answered;
  await until(`"${step}" to finish`, async () => {
    const error = page.locator('.notification-toast:has(.codicon-error)').first();
    if (await error.isVisible().catch(() => false)) throw new Error(`${step}: the extension reported an error: ${await error.locator('.notification-list-item-message').innerText()}`);
    if (await done()) return true;
    const dialog = page.locator('.monaco-dialog-box');
    if (await dialog.isVisible().catch(() => false)) {
      const message = await dialog.innerText();
      const rule = rules.find((r) => r.dialog && r.dialog.test(message));
      if (!rule) throw new Error(`${step}: an unexpected dialog appeared: ${message.split('\n')[0]}`);
      await dialog.getByRole('button', { name: rule.button }).click();
      return false;
    }
    const prompt = await promptSignature(page);
    if (!prompt || prompt.key === answered) return false;
    const index = rules.findIndex((rule, i) => left[i] > 0 && rule.title && rule.title.test(prompt.title));
    if (index < 0) throw new Error(`${step}: an unexpected prompt appeared, titled "${prompt.title}".`);
    left[index] -= 1;
    await act(page, rules[index]);
    answered = prompt.key;
    return false;
  }, timeoutMs);
}

export async function notificationShown(page, text) {
  return page.locator('.notification-toast, .notifications-list-container .monaco-list-row', { hasText: text }).first().isVisible().catch(() => false);
}

export function treeRow(page, text) {
  return page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
}

/** The text of the visible terminal, read from xterm's DOM renderer. */
export async function terminalText(page) {
  const rows = page.locator('.terminal-wrapper.active .xterm-rows, .xterm-rows').first();
  return (await rows.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(RESULTS, name) });
}

/** True once the progress notification titled `title` is gone and the terminal shows `expected`. */
export function workflowFinished(page, title, expected) {
  return async () => expected.test(await terminalFlatText(page)) && !(await notificationShown(page, title));
}

/** Types a line into the focused session terminal, as a person would. */
export async function typeInTerminal(page, line) {
  await page.locator('.terminal-wrapper.active .xterm, .xterm').first().click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** The library webview's inner document (VS Code nests the content in a second iframe). */
export function libraryFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe');
}

/** The terminal's text with rows joined without breaks, so a command wrapped over several rows reads as one line. */
export async function terminalFlatText(page) {
  return (await terminalText(page)).split('\n').join('');
}

/** Dismisses every notification toast so screenshots show the view, not old messages. */
export async function clearNotifications(page) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator(`${WIDGET} .quick-input-box input`);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Notifications: Clear All Notifications');
  await page.locator(`${WIDGET} .monaco-list-row`, { hasText: 'Clear All Notifications' }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await until('the notifications to be cleared', async () => (await page.locator('.notification-toast').count()) === 0, 10_000);
}
