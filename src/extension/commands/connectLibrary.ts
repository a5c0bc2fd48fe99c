// Connect Library: iscsid, discovery and login to the changer and the chosen drives, typed into the client's terminal.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { Cancelled, resolveWorkflowContext, runWorkflow } from '../workflows/workflowContext';

export const connectLibrary: TapeGatewayCommand = {
  id: 'tapeGateway.connectLibrary',
  run(services, arg) {
    const args = toWorkflowArgs(arg);
    return runWorkflow(services, 'Connecting the tape library…', async () => {
      const context = await resolveWorkflowContext(services, args, false);
      const drives = args.drives ?? (await pickDrives(context.targets.drives.map((drive) => drive.element)));
      await context.workflows.checkTools();
      await context.workflows.connect(drives);
      const previous = context.library?.drives ?? new Set<number>();
      const library = { gatewayArn: context.gatewayArn, clientInstanceId: context.clientInstanceId, targets: context.targets, drives: new Set([...previous, ...drives]) };
      context.hub.setLibrary(library);
      return { gatewayArn: library.gatewayArn, clientInstanceId: library.clientInstanceId, drives: [...library.drives].sort((a, b) => a - b), changer: context.workflows.changer };
    });
  },
};

async function pickDrives(elements: readonly number[]): Promise<number[]> {
  const picked = await vscode.window.showQuickPick(
    elements.map((element) => ({ label: `Drive ${element}`, description: `tapedrive-${String(element + 1).padStart(2, '0')}`, picked: element === 0, element })),
    { title: 'Connect library', placeHolder: 'Log in to which tape drives? (the medium changer is always included)', canPickMany: true },
  );
  if (!picked || picked.length === 0) throw new Cancelled();
  return picked.map((item) => item.element);
}
