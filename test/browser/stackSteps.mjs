// Browser steps from a connected lab to a tape: deploy the stack, activate the gateway, configure disks, create a tape, all through the palette and its prompts.
import { answerPrompts, notificationShown, runPaletteCommand, treeRow } from './workbench.mjs';

export const GATEWAY_NAME = 'tape-gateway';
export const BARCODE = 'BROWSER01';

export const stackSteps = [
  ['"Deploy Stack…" from the palette, with ClientOperatingSystem set to AL2 in the parameter list, creates the stack', async ({ page }) => {
    await runPaletteCommand(page, 'Deploy Stack…');
    await answerPrompts(page, 'Deploy Stack', [
      { title: /template/, pick: 'templates/tape-gateway.yaml' },
      { title: /stack name/, accept: true },
      { title: /parameters/, pick: 'ClientOperatingSystem' },
      { title: /ClientOperatingSystem/, pick: 'AL2' },
      { title: /parameters/, pick: 'Deploy with these values' },
    ], () => notificationShown(page, 'is ready'), 180_000);
    await treeRow(page, 'tape-gateway-lab').waitFor({ state: 'visible', timeout: 30_000 });
  }],
  ['"Activate Gateway…" from the palette activates the gateway of the stack', async ({ page }) => {
    await runPaletteCommand(page, 'Activate Gateway…');
    await answerPrompts(page, 'Activate Gateway', [
      { title: /appliance|stack of the gateway/, accept: true, times: 2 },
      { title: /name/, accept: true },
      { title: /time zone/, accept: true },
      { title: /medium changer type/, pick: 'AWS-Gateway-VTL' },
    ], () => notificationShown(page, `Activated ${GATEWAY_NAME}`), 120_000);
  }],
  ['"Configure Disks…" allocates a cache disk and the upload buffer', async ({ page }) => {
    await runPaletteCommand(page, 'Configure Disks…');
    await answerPrompts(page, 'Configure Disks', [
      { title: /gateway/i, accept: true },
      { title: /cache disk/, check: '' },
      { title: /upload buffer disk/, check: '' },
      { dialog: /smaller than AWS recommends/, button: 'Allocate anyway' },
    ], () => notificationShown(page, `${GATEWAY_NAME}: cache`), 120_000);
  }],
  [`"Create Tapes…" creates tape ${BARCODE}, shown in the tree`, async ({ page }) => {
    await runPaletteCommand(page, 'Create Tapes…');
    await answerPrompts(page, 'Create Tapes', [
      { title: /: gateway/, accept: true },
      { title: /barcodes/, pick: 'One tape with a barcode I choose' },
      { title: /barcode$/, text: BARCODE },
      { title: /size/, accept: true },
      { title: /pool/, pick: 'GLACIER' },
      { title: /write once/, pick: 'Normal tapes' },
    ], () => notificationShown(page, 'Created 1 tape'), 120_000);
    await treeRow(page, GATEWAY_NAME).waitFor({ state: 'visible', timeout: 30_000 });
  }],
];
