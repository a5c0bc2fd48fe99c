// Starts a shut-down gateway again (StartGateway).
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { connectedApis, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

export const startGateway: TapeGatewayCommand = {
  id: 'tapeGateway.startGateway',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not start the gateway', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Start Gateway');
      await apis.storageGateway.startGateway(gateway.gatewayArn);
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`${gateway.name} is starting.`);
      return gateway.gatewayArn;
    });
  },
};
