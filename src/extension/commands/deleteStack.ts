// Deletes a stack after a confirmation that says what DeleteStack leaves behind (the gateway and its tapes), then follows it.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { argsOf, Cancelled, connectedApis, resolveStack } from './commandTargets';
import { followStack, stackPollMs } from './followStack';
import { runCommand } from './runCommand';

export const deleteStack: TapeGatewayCommand = {
  id: 'tapeGateway.deleteStack',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not delete the stack', async () => {
      const apis = connectedApis(services);
      const stack = await resolveStack(services, apis, target, 'Delete Stack');
      const detail = 'Its VPC, endpoints and instances are deleted. An activated gateway and its tapes are NOT: they keep costing money until deleted. Use "Tear Down" to remove everything in order.';
      if (argsOf(target).confirmed !== true && !(await services.prompts.confirm(`Delete stack ${stack.stackName}?`, detail, 'Delete Stack'))) throw new Cancelled();
      await apis.stacks.deleteStack(stack.stackName);
      services.explorer.refresh();
      const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deleting stack ${stack.stackName}`, cancellable: true }, (progress, token) =>
        followStack(apis.stacks, stack.stackId, { progress, log: services.log, isCancelled: () => token.isCancellationRequested, pollMs: stackPollMs(apis.clients.target.kind) }),
      );
      services.explorer.refresh();
      if (status && status !== 'DELETE_COMPLETE') void vscode.window.showErrorMessage(`Stack ${stack.stackName} ended in ${status}: see its Recent events, remove what blocks the deletion, then delete it again.`);
      return status;
    });
  },
};
