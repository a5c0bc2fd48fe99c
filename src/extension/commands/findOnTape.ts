// Find on Tape: searches the catalog by path substring or glob across every tape, shows tape, archive, size, date and the
// tape's state, and restores the files picked.
import * as vscode from 'vscode';
import { StorageGatewayApi } from '../../aws/StorageGatewayApi';
import type { CatalogHit } from '../catalog/CatalogIndex';
import { catalogOf, connectionScope } from '../catalog/catalogOf';
import { formatBytes } from '../catalog/CatalogTreeProvider';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { connectedClients } from '../workflows/workflowContext';
import { Cancelled } from './commandTargets';
import { runCommand } from './runCommand';

/** Hits shown in the pick; the message says when more matched. */
const SHOWN = 1000;

export const findOnTape: TapeGatewayCommand = {
  id: 'tapeGateway.findOnTape',
  run(services, arg?: unknown) {
    return runCommand(services, 'Find on Tape failed', async () => {
      const given = typeof arg === 'object' && arg !== null ? (arg as { query?: unknown }).query : undefined;
      const query =
        typeof given === 'string'
          ? given
          : await services.prompts.input({
              title: 'Find on Tape',
              prompt: 'Part of a path (report.pdf, /home/ssm-user/docs) or a glob (*.log, docs/**/2026-*.csv)',
              validate: (typed) => (typed.trim() === '' ? 'Type part of a file name or path.' : undefined),
            });
      if (query === undefined) throw new Cancelled();
      const clients = connectedClients(services);
      const journals = await catalogOf(services).inScope(connectionScope(services));
      const started = performance.now();
      const results = journals.map((journal) => journal.index.search(query, SHOWN));
      const hits = results.flatMap((result) => result.hits).slice(0, SHOWN);
      const truncated = results.some((result) => result.truncated) || results.reduce((sum, result) => sum + result.hits.length, 0) > SHOWN;
      services.log.info(`Find on Tape "${query}": ${hits.length}${truncated ? '+' : ''} match(es) in ${(performance.now() - started).toFixed(1)} ms.`);
      if (hits.length === 0) {
        void vscode.window.showInformationMessage(`No catalogued file matches "${query}". Tapes written outside the extension appear after Rebuild Catalog from Tape.`);
        return { query, hits: [] };
      }
      const states = await new StorageGatewayApi(clients).listTapeStates().catch((error: unknown) => {
        services.log.warn(`Find on Tape: tape states unavailable (${(error as Error).message}).`);
        return new Map<string, { status: string }>();
      });
      const picked = await services.prompts.pickMany(
        hits.map((hit) => ({
          label: hit.member.path,
          description: `${hit.barcode} · archive ${hit.archive} · ${formatBytes(hit.member.size)} · ${states.get(hit.barcode)?.status ?? 'DELETED?'}`,
          detail: `written ${new Date(hit.writtenAt).toLocaleString()} · modified ${new Date(hit.member.mtime).toLocaleString()}${hit.member.sha256 ? ' · SHA-256 recorded' : ''}`,
          value: hit,
        })),
        { title: `Find on Tape: "${query}"${truncated ? ` (first ${SHOWN} matches)` : ''}`, placeHolder: 'Pick files of one tape to restore' },
      );
      if (!picked || picked.length === 0) return { query, hits };
      return { query, hits, restored: await vscode.commands.executeCommand<unknown>('tapeGateway.restoreFromTape', { hits: picked satisfies CatalogHit[] }) };
    });
  },
};
