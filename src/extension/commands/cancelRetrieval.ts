// Cancels a retrieval in progress (CancelRetrieval); the tape stays ARCHIVED.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { ArchivedTapeNode } from '../explorer/ArchiveNode';
import { TapeNode } from '../explorer/TapeNode';
import { connectedApis, resolveArchivedTape } from './commandTargets';
import { runCommand } from './runCommand';

export const cancelRetrieval: TapeGatewayCommand = {
  id: 'tapeGateway.cancelRetrieval',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not cancel the retrieval', async () => {
      const apis = connectedApis(services);
      // A RETRIEVING tape shows both in the archive and in the target gateway's Tapes.
      const archived = await resolveArchivedTape(services, apis, target instanceof TapeNode ? { tapeArn: target.tape.tapeArn } : target, 'Cancel Retrieval: tape', ['RETRIEVING']);
      if (archived.status !== 'RETRIEVING') throw new Error(`Tape ${archived.barcode} is ${archived.status}; only a retrieval in progress can be cancelled.`);
      const gatewayArn = archived.retrievedTo ?? (target instanceof ArchivedTapeNode || target instanceof TapeNode ? target.gatewayArn : undefined);
      if (!gatewayArn) throw new Error(`The archive does not say which gateway ${archived.barcode} is being retrieved to; refresh the view and retry.`);
      await apis.storageGateway.cancelRetrieval(gatewayArn, archived.tapeArn);
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Retrieval of ${archived.barcode} cancelled; the tape stays ARCHIVED.`);
      return archived.tapeArn;
    });
  },
};
