// Load Tape: mtx load from a slot (or the slot holding a barcode) into a connected drive.
import type { TapeGatewayCommand } from '../ExtensionServices';
import { pickDrive, pickFullSlot, slotOf } from '../workflows/libraryPicks';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { resolveWorkflowContext, runWorkflow } from '../workflows/workflowContext';

export const loadTape: TapeGatewayCommand = {
  id: 'tapeGateway.loadTape',
  run(services, arg) {
    const args = toWorkflowArgs(arg);
    return runWorkflow(services, 'Loading the tape…', async () => {
      const context = await resolveWorkflowContext(services, args, true);
      const status = await context.status();
      const slot = args.slot ?? (args.barcode ? slotOf(status, args.barcode) : await pickFullSlot(status, 'Load tape'));
      const drive = args.drive ?? (await pickDrive(status, [...(context.library?.drives ?? [])], false, 'Load tape'));
      await context.workflows.load(slot, drive);
      return { slot, drive };
    });
  },
};
