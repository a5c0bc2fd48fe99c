// Update Gateway Software: shows the last and the available update and installs it now on confirmation (UpdateGatewaySoftwareNow).
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { Cancelled, connectedApis, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

export const updateGatewaySoftware: TapeGatewayCommand = {
  id: 'tapeGateway.updateGatewaySoftware',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not update the gateway software', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Update Gateway Software');
      const settings = apis.storageGateway;
      const status = await settings.softwareStatus(gateway.gatewayArn);
      if (!status.nextUpdateAvailabilityDate) {
        void vscode.window.showInformationMessage(`${gateway.name} runs the newest software (last updated ${status.lastSoftwareUpdate ?? 'at activation'}).`);
        return { gatewayArn: gateway.gatewayArn, updated: false };
      }
      const confirmed = await services.prompts.confirm(
        `Update ${gateway.name} now?`,
        `An update is available since ${status.nextUpdateAvailabilityDate} (last update ${status.lastSoftwareUpdate ?? 'unknown'}). The gateway restarts: iSCSI sessions drop and running tar jobs fail, so finish writes first.`,
        'Update Now',
      );
      if (!confirmed) throw new Cancelled();
      await settings.updateSoftwareNow(gateway.gatewayArn);
      void vscode.window.showInformationMessage(`${gateway.name} is installing the update. Reconnect the library once it is back.`);
      return { gatewayArn: gateway.gatewayArn, updated: true };
    });
  },
};
