// Deletes a tape from a gateway's library (DeleteTape) after a modal confirmation.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { argsOf, Cancelled, connectedApis, resolveGateway, resolveTape } from './commandTargets';
import { runCommand } from './runCommand';

export const DELETABLE_TAPE_STATUSES = ['AVAILABLE', 'IRRECOVERABLE', 'RECOVERED'] as const;

export const deleteTape: TapeGatewayCommand = {
  id: 'tapeGateway.deleteTape',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not delete the tape', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Delete Tape: gateway');
      const tape = await resolveTape(services, apis, gateway.gatewayArn, target, 'Delete Tape: tape', DELETABLE_TAPE_STATUSES);
      if (tape.status === 'RETRIEVED') throw new Error(`Tape ${tape.barcode} is a retrieved copy: move it to an import/export slot (eject it) to send it back to the archive, then delete it there.`);
      if (!(DELETABLE_TAPE_STATUSES as readonly string[]).includes(tape.status)) throw new Error(`Tape ${tape.barcode} is ${tape.status}; wait until it is AVAILABLE (refresh the view), then delete it.`);
      if (tape.vtlDevice) throw new Error(`Tape ${tape.barcode} is loaded in a drive: unload it with mtx on the client first.`);
      const detail = `${tape.barcode} and the data on it are deleted from the library. This cannot be undone.`;
      if (argsOf(target).confirmed !== true && !(await services.prompts.confirm(`Delete tape ${tape.barcode}?`, detail, 'Delete Tape'))) throw new Cancelled();
      await apis.storageGateway.deleteTape(gateway.gatewayArn, tape.tapeArn);
      services.explorer.refresh();
      void vscode.window.setStatusBarMessage(`Tape ${tape.barcode} is being deleted.`, 5000);
      return tape.tapeArn;
    });
  },
};
