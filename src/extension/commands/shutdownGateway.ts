// Shuts a running gateway down (ShutdownGateway); only Start, Describe and List work on it afterwards.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { connectedApis, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

export const shutdownGateway: TapeGatewayCommand = {
  id: 'tapeGateway.shutdownGateway',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not shut the gateway down', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Shut Down Gateway');
      await apis.storageGateway.shutdownGateway(gateway.gatewayArn);
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`${gateway.name} is shutting down. Its EC2 instance still runs and costs money until the stack is deleted.`);
      return gateway.gatewayArn;
    });
  },
};
