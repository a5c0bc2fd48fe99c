// Show Gateway Dashboard: charts of a tape gateway's cache, upload buffer and traffic from CloudWatch, refreshed while open.
import { CloudWatchApi } from '../../aws/CloudWatchApi';
import { DashboardPanel } from '../dashboard/DashboardPanel';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { connectedApis, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

const open = new WeakMap<ExtensionServices, Map<string, DashboardPanel>>();

export const showGatewayDashboard: TapeGatewayCommand = {
  id: 'tapeGateway.showGatewayDashboard',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not open the gateway dashboard', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Show Gateway Dashboard', (g) => g.type === 'VTL');
      let panels = open.get(services);
      if (!panels) {
        panels = new Map();
        open.set(services, panels);
      }
      let panel = panels.get(gateway.gatewayArn);
      if (panel) panel.reveal();
      else {
        const created = new DashboardPanel({ gatewayArn: gateway.gatewayArn, gatewayId: gateway.gatewayId, name: gateway.name }, new CloudWatchApi(apis.clients), services.context.extensionUri, services.log);
        const registry = panels;
        registry.set(gateway.gatewayArn, created);
        created.onDidDispose(() => registry.delete(gateway.gatewayArn));
        services.context.subscriptions.push(created);
        panel = created;
      }
      const message = await panel.refresh();
      return { gatewayArn: gateway.gatewayArn, message };
    });
  },
};
