// Rename Gateway / Time Zone: the gateway's name and time zone (UpdateGatewayInformation); the ARN never changes.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { Cancelled, connectedApis, resolveGateway } from './commandTargets';
import { gatewayNameProblem, timezoneProblem } from './inputRules';
import { runCommand } from './runCommand';

export const editGatewayInformation: TapeGatewayCommand = {
  id: 'tapeGateway.editGatewayInformation',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not change the gateway', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Rename Gateway / Time Zone');
      const details = await apis.storageGateway.describeGateway(gateway.gatewayArn);
      const name = await services.prompts.input({ title: `Gateway ${gateway.gatewayId}`, prompt: 'Gateway name', value: gateway.name, validate: gatewayNameProblem });
      if (name === undefined) throw new Cancelled();
      const timezone = await services.prompts.input({ title: `Gateway ${gateway.gatewayId}`, prompt: 'Time zone (GMT, GMT-8:00, GMT+2:00, …): schedules and the maintenance window use it', value: details.timezone, validate: timezoneProblem });
      if (timezone === undefined) throw new Cancelled();
      await apis.storageGateway.updateNameAndTimezone(gateway.gatewayArn, name === gateway.name ? undefined : name, timezone === details.timezone ? undefined : timezone);
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Gateway ${gateway.gatewayId} is now "${name}" in ${timezone}.`);
      return { gatewayArn: gateway.gatewayArn, name, timezone };
    });
  },
};
