// Restore…: retrieves the tape if archived, loads it into a free drive, spaces with mt fsf N, extracts only the chosen
// files with the drive's block size and verifies their SHA-256; every step is typed into the client's terminal.
import * as vscode from 'vscode';
import { hitsOfArchive, type CatalogNode } from '../catalog/CatalogTreeProvider';
import type { CatalogHit } from '../catalog/CatalogIndex';
import { restoreFromCatalog, RestoreCancelled, type RestoreReport } from '../catalog/restoreFromCatalog';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { WorkflowError } from '../workflows/TapeWorkflows';
import { resolveWorkflowContext } from '../workflows/workflowContext';
import { Cancelled } from './commandTargets';
import { runCommand } from './runCommand';

const DEFAULT_DIRECTORY = '/home/ssm-user/restore';

function hitsOf(arg: unknown): CatalogHit[] | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as CatalogNode | { hits?: CatalogHit[] };
  if ('kind' in node && node.kind === 'file') return [node.hit];
  if ('kind' in node && node.kind === 'archive') return hitsOfArchive(node.record);
  return 'hits' in node && Array.isArray(node.hits) ? node.hits : undefined;
}

export const restoreFromTape: TapeGatewayCommand = {
  id: 'tapeGateway.restoreFromTape',
  run(services, arg?: unknown) {
    return runCommand(services, 'Restore failed', async () => {
      let hits = hitsOf(arg);
      if (!hits) {
        await vscode.commands.executeCommand('tapeGateway.findOnTape');
        return undefined;
      }
      const tapes = [...new Set(hits.map((hit) => hit.barcode))];
      if (tapes.length > 1) {
        const barcode = await services.prompts.pick(tapes.map((tape) => ({ label: tape, description: `${hits?.filter((hit) => hit.barcode === tape).length} file(s)`, value: tape })), { title: 'Restore', placeHolder: 'One tape at a time: which one first?' });
        if (!barcode) throw new Cancelled();
        hits = hits.filter((hit) => hit.barcode === barcode);
      }
      const given = (arg as { directory?: unknown }).directory;
      const directory =
        typeof given === 'string'
          ? given
          : await services.prompts.input({ title: `Restore ${hits.length} file(s) from ${hits[0]?.barcode}`, prompt: 'Folder on the client to restore into (files keep their paths below it)', value: DEFAULT_DIRECTORY, validate: (value) => (value.startsWith('/') ? undefined : 'Give an absolute path, e.g. /home/ssm-user/restore') });
      if (directory === undefined) throw new Cancelled();
      const chosen = hits;
      const context = await resolveWorkflowContext(services, { gatewayArn: (arg as { gatewayArn?: string }).gatewayArn }, true);
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Restoring from ${chosen[0]?.barcode}`, cancellable: true }, (progress, token) =>
        restoreFromCatalog(
          { hits: chosen, directory },
          {
            clients: context.clients,
            workflows: context.workflows,
            status: context.status,
            gatewayArn: context.gatewayArn,
            drives: [...(context.library?.drives ?? [])],
            progress: (message) => {
              services.log.info(`Restore: ${message}`);
              progress.report({ message });
            },
            isCancelled: () => token.isCancellationRequested,
            confirmRetrieve: (barcode) =>
              services.prompts.confirm(`Tape ${barcode} is archived. Retrieve it?`, `RetrieveTapeArchive brings it back into the library of the connected gateway as a read-only tape. On AWS this takes 3 to 5 hours (Glacier) or about 12 (Deep Archive) and costs a retrieval fee.`, 'Retrieve'),
          },
        ),
      ).then(
        (value) => value,
        (error: unknown) => {
          if (error instanceof RestoreCancelled) {
            void vscode.window.showWarningMessage(error.message);
            return undefined;
          }
          if (error instanceof WorkflowError) {
            services.log.warn(`Restore: ${error.message}${error.output ? `\n${error.output}` : ''}`);
            void vscode.window.showErrorMessage(error.message);
            return undefined;
          }
          throw error;
        },
      );
      services.workflows.changed();
      if (report) showReport(services.log, report, directory);
      return report;
    });
  },
};

function showReport(log: vscode.LogOutputChannel, report: RestoreReport, directory: string): void {
  const verified = report.files.filter((file) => file.outcome === 'verified').length;
  const mismatched = report.files.filter((file) => file.outcome === 'mismatch');
  const unchecked = report.files.filter((file) => file.outcome === 'unchecked').length;
  for (const file of report.files) log.info(`Restore ${report.barcode}: ${file.restoredTo} ${file.outcome}${file.outcome === 'mismatch' ? ` (expected ${file.expected}, got ${file.actual ?? 'no file'})` : ''}`);
  const summary = `Restored ${report.files.length} file(s) from ${report.barcode} to ${directory} on the client: ${verified} verified${unchecked ? `, ${unchecked} without a recorded checksum` : ''}.`;
  if (mismatched.length > 0) void vscode.window.showErrorMessage(`${summary} ${mismatched.length} file(s) do NOT match the checksum taken before writing: ${mismatched.map((file) => file.path).join(', ')}. See the log.`);
  else void vscode.window.showInformationMessage(summary);
}
