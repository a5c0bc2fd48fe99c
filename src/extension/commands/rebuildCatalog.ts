// Rebuild Catalog from Tape: reads the tape in a drive archive by archive (tar -tv until the end of data) and catalogs it.
import * as vscode from 'vscode';
import { catalogOf, connectionScope } from '../catalog/catalogOf';
import { rebuildFromTape } from '../catalog/catalogWorkflows';
import { refreshCatalogView } from '../catalog/CatalogTreeProvider';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { pickDrive } from '../workflows/libraryPicks';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { Cancelled, resolveWorkflowContext, runWorkflow } from '../workflows/workflowContext';

export const rebuildCatalog: TapeGatewayCommand = {
  id: 'tapeGateway.rebuildCatalog',
  run(services, arg?: unknown) {
    const args = toWorkflowArgs(arg);
    return runWorkflow(services, 'Rebuilding the catalog from tape…', async () => {
      const context = await resolveWorkflowContext(services, args, true);
      const drive = args.drive ?? (await pickDrive(await context.status(), [...(context.library?.drives ?? [])], true, 'Rebuild Catalog from Tape'));
      const given = (arg as { withChecksums?: unknown } | undefined)?.withChecksums;
      const withChecksums =
        typeof given === 'boolean'
          ? given
          : await services.prompts.pick(
              [
                { label: 'Names, sizes and dates', description: 'tar -tv of each archive: quick', value: false },
                { label: 'Also SHA-256 checksums', description: 'extracts every archive to /tmp on the client and hashes it: reads the whole tape', value: true },
              ],
              { title: 'Rebuild Catalog from Tape', placeHolder: 'What should the catalog hold?' },
            );
      if (withChecksums === undefined) throw new Cancelled();
      const journal = await catalogOf(services).forGateway(connectionScope(services).kind, context.gatewayArn);
      const records = await rebuildFromTape(context, journal, context.gatewayArn, drive, { withChecksums, scratchDirectory: '/tmp/tapegw-rebuild' });
      refreshCatalogView(services);
      const files = records.reduce((sum, record) => sum + record.members.length, 0);
      void vscode.window.showInformationMessage(`Catalogued ${records.length} archive(s) with ${files} file(s) from ${records[0]?.barcode ?? 'the tape'}${withChecksums ? ', with checksums' : ''}.`);
      return { drive, archives: records.length, files };
    });
  },
};
