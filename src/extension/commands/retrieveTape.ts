// Retrieves an archived tape to a gateway (RetrieveTapeArchive); it arrives read-only in an import/export slot.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { ArchivedTapeNode } from '../explorer/ArchiveNode';
import { argsOf, connectedApis, resolveArchivedTape, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

export const retrieveTape: TapeGatewayCommand = {
  id: 'tapeGateway.retrieveTape',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not retrieve the tape', async () => {
      const apis = connectedApis(services);
      const tape = await resolveArchivedTape(services, apis, target, 'Retrieve Tape: archived tape', ['ARCHIVED']);
      if (tape.status !== 'ARCHIVED') throw new Error(`Tape ${tape.barcode} is ${tape.status}; only an ARCHIVED tape can be retrieved.`);
      const gatewayArn = target instanceof ArchivedTapeNode ? target.gatewayArn : argsOf(target).gatewayArn;
      const gateway = await resolveGateway(services, apis, gatewayArn ? { gatewayArn } : undefined, 'Retrieve Tape: to gateway', (g) => g.type === 'VTL');
      await apis.storageGateway.retrieveTapeArchive(tape.tapeArn, gateway.gatewayArn);
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Retrieving ${tape.barcode} to ${gateway.name}: it appears read-only in an import/export slot when RETRIEVED. Retrieval is billed per GB.`);
      return tape.tapeArn;
    });
  },
};
