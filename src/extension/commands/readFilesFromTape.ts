// Read Files from Tape: positions at an archive with mt (rewind, fsf N) and extracts it with tar into a folder on the client.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { pickDrive } from '../workflows/libraryPicks';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { Cancelled, resolveWorkflowContext, runWorkflow } from '../workflows/workflowContext';
import { WorkflowError } from '../workflows/TapeWorkflows';

const DEFAULT_DIRECTORY = '/home/ssm-user/restore';

export const readFilesFromTape: TapeGatewayCommand = {
  id: 'tapeGateway.readFilesFromTape',
  run(services, arg) {
    const args = toWorkflowArgs(arg);
    return runWorkflow(services, 'Reading files from tape…', async () => {
      const context = await resolveWorkflowContext(services, args, true);
      const drive = args.drive ?? (await pickDrive(await context.status(), [...(context.library?.drives ?? [])], true, 'Read files from tape'));
      const archive = args.archive ?? (await pickArchive(await context.workflows.listAll(drive)));
      const directory = args.directory ?? (await vscode.window.showInputBox({ title: 'Read files from tape', prompt: 'Folder on the client to extract into (created if missing)', value: DEFAULT_DIRECTORY, validateInput: (value) => (value.startsWith('/') ? undefined : 'Give an absolute path, e.g. /home/ssm-user/restore') }));
      if (!directory) throw new Cancelled();
      const names = await context.workflows.read(drive, archive, directory);
      return { drive, archive, directory, names };
    });
  },
};

async function pickArchive(archives: readonly { archive: number; entries: readonly { name: string }[] }[]): Promise<number> {
  if (archives.length === 0) throw new WorkflowError('The tape holds no tar archive yet. Write files to it first.');
  if (archives.length === 1) return archives[0]?.archive ?? 0;
  const picked = await vscode.window.showQuickPick(
    archives.map((archive) => ({ label: `Archive ${archive.archive}`, description: `${archive.entries.length} entr${archive.entries.length === 1 ? 'y' : 'ies'}`, detail: archive.entries.slice(0, 5).map((entry) => entry.name).join(', '), archive: archive.archive })),
    { title: 'Read files from tape', placeHolder: 'Which archive?' },
  );
  if (!picked) throw new Cancelled();
  return picked.archive;
}
