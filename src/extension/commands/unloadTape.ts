// Unload Tape: mtx unload from a connected drive back to the tape's source slot (or a given slot).
import type { TapeGatewayCommand } from '../ExtensionServices';
import { pickDrive } from '../workflows/libraryPicks';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { resolveWorkflowContext, runWorkflow } from '../workflows/workflowContext';

export const unloadTape: TapeGatewayCommand = {
  id: 'tapeGateway.unloadTape',
  run(services, arg) {
    const args = toWorkflowArgs(arg);
    return runWorkflow(services, 'Unloading the tape…', async () => {
      const context = await resolveWorkflowContext(services, args, true);
      const status = await context.status();
      const drive = args.drive ?? (await pickDrive(status, [...(context.library?.drives ?? [])], true, 'Unload tape'));
      await context.workflows.unload(drive, args.toSlot);
      const after = await context.status();
      const barcode = status.drives.find((candidate) => candidate.drive === drive)?.barcode;
      return { drive, slot: after.slots.find((slot) => slot.full && slot.barcode === barcode)?.slot };
    });
  },
};
