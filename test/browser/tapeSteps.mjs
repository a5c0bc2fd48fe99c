// Browser steps on the client: connect the library, load the tape, show the library, write a file to tape and read it back, watching the session terminal.
import { BARCODE, GATEWAY_NAME } from './stackSteps.mjs';
import { answerPrompts, clearNotifications, libraryFrame, runPaletteCommand, screenshot, terminalFlatText, terminalText, treeRow, typeInTerminal, until, workflowFinished } from './workbench.mjs';

const FILE = '/home/ssm-user/test.txt';
const CONTENT = 'written-from-the-browser';
const RESTORE = '/home/ssm-user/restore';

const anyGatewayOrClient = [{ title: /^Tape gateway$/, accept: true }, { title: /^Client instance$/, accept: true }];
const terminalHasLine = (page, line) => async () => (await terminalText(page)).split('\n').some((row) => row.trim() === line);

export const tapeSteps = [
  ['"Connect Library…" logs the client in over iSCSI in the session terminal', async ({ page }) => {
    await runPaletteCommand(page, 'Connect Library…');
    await answerPrompts(page, 'Connect Library', [...anyGatewayOrClient, { title: /^Connect library$/, accept: true }], workflowFinished(page, 'Connecting the tape library', /iscsiadm[\s\S]*--login/), 120_000);
    await until('the terminal to show the changer login', async () => /Login to .*mediachanger.* successful/.test(await terminalFlatText(page)), 30_000);
  }],
  [`"Load Tape…" moves ${BARCODE} into drive 0 with mtx in the terminal`, async ({ page }) => {
    await runPaletteCommand(page, 'Load Tape…');
    await answerPrompts(page, 'Load Tape', [...anyGatewayOrClient, { title: /^Load tape$/, accept: true, times: 2 }], workflowFinished(page, 'Loading the tape', /mtx -f \S+ load \d+ 0/), 120_000);
  }],
  [`"Show Library" draws the library with ${BARCODE} in a drive`, async ({ page }) => {
    await runPaletteCommand(page, 'Show Library');
    await answerPrompts(page, 'Show Library', anyGatewayOrClient, async () => page.locator('.tab', { hasText: `Library: ${GATEWAY_NAME}` }).first().isVisible(), 60_000);
    await libraryFrame(page).getByText(BARCODE).first().waitFor({ state: 'visible', timeout: 30_000 });
    await clearNotifications(page);
    await screenshot(page, 'library.png');
  }],
  ['typing in the session terminal creates a file on the client', async ({ page }) => {
    await page.locator('.tab', { hasText: `Library: ${GATEWAY_NAME}` }).first().click({ button: 'middle' });
    await typeInTerminal(page, `echo ${CONTENT} > ${FILE}`);
    await typeInTerminal(page, `ls ${FILE}`);
    await until(`"ls" to list ${FILE} in the terminal`, terminalHasLine(page, FILE), 30_000);
  }],
  ['"Write Files to Tape…" writes the picked file with tar, the record size read from mt status', async ({ page }) => {
    await runPaletteCommand(page, 'Write Files to Tape…');
    await answerPrompts(page, 'Write Files to Tape', [...anyGatewayOrClient, { title: /^Write files to tape$/, accept: true }, { title: /^Files on the client/, check: 'test.txt' }], workflowFinished(page, 'Writing files to tape', /tar [^\n]*--record-size[^\n]*test\.txt/), 120_000);
    await until('"mt status" in the terminal', async () => /mt -f \S+ status/.test(await terminalFlatText(page)), 10_000);
  }],
  ['"Read Files from Tape…" extracts the archive and the terminal shows the same text', async ({ page }) => {
    await runPaletteCommand(page, 'Read Files from Tape…');
    await answerPrompts(page, 'Read Files from Tape', [...anyGatewayOrClient, { title: /^Read files from tape$/, accept: true, times: 3 }], workflowFinished(page, 'Reading files from tape', new RegExp(`tar [^\\n]*-x[^\\n]*${RESTORE}|${RESTORE}[^\\n]*tar [^\\n]*-x`)), 120_000);
    await typeInTerminal(page, `cat ${RESTORE}${FILE}`);
    await until(`the terminal to print "${CONTENT}" from the restored file`, terminalHasLine(page, CONTENT), 30_000);
    await clearNotifications(page);
    await screenshot(page, 'terminal.png');
  }],
  [`expanding the gateway in the Tape Gateway view shows ${BARCODE}`, async ({ page }) => {
    for (const row of ['RUNNING', 'Drives', 'Tapes']) {
      await treeRow(page, row).click();
      await page.keyboard.press('ArrowRight');
    }
    await treeRow(page, BARCODE).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'tree.png');
  }],
];
