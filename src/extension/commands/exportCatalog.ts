// Export Catalog to CSV: every catalogued file of the connection (or of one tape) as RFC 4180 CSV, written where the user says.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as vscode from 'vscode';
import { catalogCsvLines } from '../catalog/catalogCsv';
import { catalogOf, connectionScope } from '../catalog/catalogOf';
import type { CatalogNode } from '../catalog/CatalogTreeProvider';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { Cancelled } from './commandTargets';
import { runCommand } from './runCommand';

export const exportCatalog: TapeGatewayCommand = {
  id: 'tapeGateway.exportCatalog',
  run(services, arg?: unknown) {
    return runCommand(services, 'Could not export the catalog', async () => {
      const node = typeof arg === 'object' && arg !== null && 'kind' in arg ? (arg as CatalogNode) : undefined;
      const journals = await catalogOf(services).inScope(connectionScope(services));
      const records = journals.flatMap((journal) => journal.index.liveRecords()).filter((record) => node?.kind !== 'tape' || record.barcode === node.tape.barcode);
      const given = (arg as { path?: unknown } | undefined)?.path;
      const target =
        typeof given === 'string'
          ? vscode.Uri.file(given)
          : await vscode.window.showSaveDialog({ title: 'Export Catalog to CSV', filters: { CSV: ['csv'] }, defaultUri: vscode.Uri.file(`tape-catalog${node?.kind === 'tape' ? `-${node.tape.barcode}` : ''}.csv`) });
      if (!target) throw new Cancelled();
      const out = createWriteStream(target.fsPath, { encoding: 'utf8' });
      let rows = -1;
      for (const line of catalogCsvLines(records)) {
        rows += 1;
        if (!out.write(line)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      void vscode.window.showInformationMessage(`Exported ${rows.toLocaleString('en-US')} catalogued file(s) to ${target.fsPath}.`);
      return { path: target.fsPath, rows };
    });
  },
};
