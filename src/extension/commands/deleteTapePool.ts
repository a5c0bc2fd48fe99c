// Deletes an empty custom tape pool (DeleteTapePool) after a modal confirmation.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { argsOf, Cancelled, connectedApis, resolvePool } from './commandTargets';
import { runCommand } from './runCommand';

export const deleteTapePool: TapeGatewayCommand = {
  id: 'tapeGateway.deleteTapePool',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not delete the tape pool', async () => {
      const apis = connectedApis(services);
      const pool = await resolvePool(services, apis, target, 'Delete Tape Pool');
      if (argsOf(target).confirmed !== true && !(await services.prompts.confirm(`Delete tape pool ${pool.name}?`, 'Only a pool without tapes can be deleted; move or delete its tapes first.', 'Delete Pool'))) throw new Cancelled();
      await apis.storageGateway.deleteTapePool(pool.poolArn);
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Deleted tape pool ${pool.name}.`);
      return pool.poolArn;
    });
  },
};
