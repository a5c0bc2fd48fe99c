// Cancels the archiving of a tape still IN TRANSIT TO VTS (CancelArchival); it becomes AVAILABLE again.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { connectedApis, resolveGateway, resolveTape } from './commandTargets';
import { runCommand } from './runCommand';

export const cancelArchival: TapeGatewayCommand = {
  id: 'tapeGateway.cancelArchival',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not cancel the archival', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Cancel Archival: gateway');
      const tape = await resolveTape(services, apis, gateway.gatewayArn, target, 'Cancel Archival: tape', ['IN TRANSIT TO VTS']);
      if (tape.status !== 'IN TRANSIT TO VTS') throw new Error(`Tape ${tape.barcode} is ${tape.status}; archival can be cancelled only while a tape is IN TRANSIT TO VTS.`);
      await apis.storageGateway.cancelArchival(gateway.gatewayArn, tape.tapeArn);
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Archival of ${tape.barcode} cancelled; the tape is AVAILABLE again.`);
      return tape.tapeArn;
    });
  },
};
