// Write Files to Tape: appends one tar archive (record size from `mt status`) after the last one on the tape in a drive, and catalogs it.
import * as vscode from 'vscode';
import { writeAndCatalog } from '../catalog/writeAndCatalog';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { pickClientPaths, pickDrive } from '../workflows/libraryPicks';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { resolveWorkflowContext, runWorkflow } from '../workflows/workflowContext';

export const writeFilesToTape: TapeGatewayCommand = {
  id: 'tapeGateway.writeFilesToTape',
  run(services, arg) {
    const args = toWorkflowArgs(arg);
    return runWorkflow(services, 'Writing files to tape…', async () => {
      const context = await resolveWorkflowContext(services, args, true);
      const drive = args.drive ?? (await pickDrive(await context.status(), [...(context.library?.drives ?? [])], true, 'Write files to tape'));
      const paths = args.paths ?? (await pickClientPaths((command) => context.workflows.exec(command)));
      const archive = await writeAndCatalog(services, context, drive, paths);
      vscode.window.setStatusBarMessage(`Tape Gateway: wrote ${paths.length} path(s) as archive ${archive} on drive ${drive}`, 5000);
      return { drive, archive, paths };
    });
  },
};
