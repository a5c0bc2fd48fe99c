// Move Tape: mtx transfer between storage and import/export slots; moving into an import/export slot archives the tape, so it asks first.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { firstFreeSlot, pickFullSlot, slotOf } from '../workflows/libraryPicks';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { Cancelled, resolveWorkflowContext, runWorkflow } from '../workflows/workflowContext';
import { WorkflowError } from '../workflows/TapeWorkflows';

export const moveTape: TapeGatewayCommand = {
  id: 'tapeGateway.moveTape',
  run(services, arg) {
    const args = toWorkflowArgs(arg);
    return runWorkflow(services, 'Moving the tape…', async () => {
      const context = await resolveWorkflowContext(services, args, true);
      const status = await context.status();
      const fromSlot = args.slot ?? (args.barcode ? slotOf(status, args.barcode) : await pickFullSlot(status, 'Move tape'));
      const source = status.slots.find((slot) => slot.slot === fromSlot);
      const toSlot = args.toSlot ?? (await pickDestination(status.slots.find((slot) => slot.slot === fromSlot)?.importExport ?? false, firstFreeSlot(status, true), firstFreeSlot(status, false)));
      const destination = status.slots.find((slot) => slot.slot === toSlot);
      if (destination?.importExport && !source?.importExport && !args.confirmed) {
        const barcode = source?.barcode ?? `the tape in slot ${fromSlot}`;
        const choice = await vscode.window.showWarningMessage(
          `Moving ${barcode} to import/export slot ${toSlot} archives it: the gateway uploads it to its tape pool and it leaves the library. Archived tapes are billed for at least 90 days (180 in Glacier Deep Archive), and reading it again needs a retrieval.`,
          { modal: true },
          'Move and Archive',
        );
        if (choice !== 'Move and Archive') throw new Cancelled();
      }
      await context.workflows.move(fromSlot, toSlot);
      return { fromSlot, toSlot, archives: destination?.importExport === true };
    });
  },
};

async function pickDestination(fromImportExport: boolean, freeImportExport: number | undefined, freeStorage: number | undefined): Promise<number> {
  const items = [
    ...(freeStorage !== undefined ? [{ label: `Storage slot ${freeStorage}`, description: 'keeps the tape in the library', slot: freeStorage }] : []),
    ...(freeImportExport !== undefined && !fromImportExport ? [{ label: `Import/export slot ${freeImportExport}`, description: 'archives the tape (billed for at least 90 days)', slot: freeImportExport }] : []),
  ];
  if (items.length === 0) throw new WorkflowError('There is no free slot to move the tape to.');
  const picked = await vscode.window.showQuickPick(items, { title: 'Move tape', placeHolder: 'Move it where?' });
  if (!picked) throw new Cancelled();
  return picked.slot;
}
