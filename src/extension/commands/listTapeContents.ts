// List Tape Contents: every archive on the tape in a drive (rewind, then tar -tv and mt fsf 1 until the end of data), shown in an editor.
import * as vscode from 'vscode';
import { formatTarTime } from '../../tape/tarListing';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { pickDrive } from '../workflows/libraryPicks';
import type { ArchiveListing } from '../workflows/TapeWorkflows';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { resolveWorkflowContext, runWorkflow } from '../workflows/workflowContext';

export const listTapeContents: TapeGatewayCommand = {
  id: 'tapeGateway.listTapeContents',
  run(services, arg) {
    const args = toWorkflowArgs(arg);
    return runWorkflow(services, 'Listing the tape…', async () => {
      const context = await resolveWorkflowContext(services, args, true);
      const status = await context.status();
      const drive = args.drive ?? (await pickDrive(status, [...(context.library?.drives ?? [])], true, 'List tape contents'));
      const archives = args.archive !== undefined ? [await context.workflows.list(drive, args.archive)] : await context.workflows.listAll(drive);
      const barcode = status.drives.find((candidate) => candidate.drive === drive)?.barcode ?? `drive ${drive}`;
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: formatListing(barcode, archives) });
      await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
      return { drive, archives: archives.map((archive) => ({ archive: archive.archive, names: archive.entries.map((entry) => entry.name) })) };
    });
  },
};

function formatListing(barcode: string, archives: readonly ArchiveListing[]): string {
  const lines = [`# Tape ${barcode}`, '', archives.length === 0 ? 'The tape holds no tar archive yet.' : `${archives.length} archive(s); read one back with Tape Gateway: Read Files from Tape.`];
  for (const archive of archives) {
    lines.push('', `## Archive ${archive.archive} (tape file ${archive.archive})`, '', '| Name | Size | Modified | Owner |', '|---|---:|---|---|');
    for (const entry of archive.entries) lines.push(`| ${entry.name.replace(/\|/g, '\\|')} | ${entry.size} | ${formatTarTime(entry.mtime)} | ${entry.uname}/${entry.gname} |`);
  }
  return `${lines.join('\n')}\n`;
}
