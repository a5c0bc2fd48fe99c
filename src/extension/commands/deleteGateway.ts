// Deletes a gateway after a modal confirmation; archived tapes stay in the archive (and keep costing money).
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { argsOf, Cancelled, connectedApis, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

export const deleteGateway: TapeGatewayCommand = {
  id: 'tapeGateway.deleteGateway',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not delete the gateway', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Delete Gateway');
      const tapes = await apis.storageGateway.describeAllTapes(gateway.gatewayArn).catch(() => []);
      const detail = `${tapes.length} tape(s) in its library go with it. Archived tapes stay in the archive and are billed until you delete them. This cannot be undone.`;
      if (argsOf(target).confirmed !== true && !(await services.prompts.confirm(`Delete gateway ${gateway.name}?`, detail, 'Delete Gateway'))) throw new Cancelled();
      await apis.storageGateway.deleteGateway(gateway.gatewayArn);
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Deleted gateway ${gateway.name}. Delete its stack too (or use "Tear Down") to stop paying for the instances.`);
      return gateway.gatewayArn;
    });
  },
};
