// Set Maintenance Window: when the gateway may install updates, weekly or monthly (UpdateMaintenanceStartTime).
import * as vscode from 'vscode';
import { formatMaintenance, parseMaintenance } from '../../tape/gatewaySettingsText';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { Cancelled, connectedApis, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

export const setMaintenanceWindow: TapeGatewayCommand = {
  id: 'tapeGateway.setMaintenanceWindow',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not set the maintenance window', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Set Maintenance Window');
      const settings = apis.storageGateway;
      const current = await settings.maintenanceWindow(gateway.gatewayArn);
      const text = await services.prompts.input({
        title: `Maintenance window of ${gateway.name}`,
        prompt: `Weekly "Sun 03:30" or monthly "15 03:30" (day 1-28), in the gateway time zone (${current.timezone ?? 'GMT'})`,
        value: formatMaintenance(current),
        validate: (typed) => {
          const parsed = parseMaintenance(typed);
          return parsed.ok ? undefined : parsed.problem;
        },
      });
      if (text === undefined) throw new Cancelled();
      const parsed = parseMaintenance(text);
      if (!parsed.ok) throw new Error(parsed.problem);
      await settings.setMaintenanceWindow(gateway.gatewayArn, parsed.value);
      void vscode.window.showInformationMessage(`${gateway.name}: maintenance starts ${formatMaintenance(parsed.value)} (${current.timezone ?? 'GMT'}).`);
      return { gatewayArn: gateway.gatewayArn, window: parsed.value };
    });
  },
};
