// Disconnect Library: logs out of the gateway's iSCSI targets on the client (drives first, then the changer).
import type { TapeGatewayCommand } from '../ExtensionServices';
import { toWorkflowArgs } from '../workflows/workflowArgs';
import { resolveWorkflowContext, runWorkflow } from '../workflows/workflowContext';

export const disconnectLibrary: TapeGatewayCommand = {
  id: 'tapeGateway.disconnectLibrary',
  run(services, arg) {
    const args = toWorkflowArgs(arg);
    return runWorkflow(services, 'Disconnecting the tape library…', async () => {
      const context = await resolveWorkflowContext(services, args, true);
      await context.workflows.disconnect(context.library ? [...context.library.drives] : undefined);
      context.hub.setLibrary(undefined, context.gatewayArn);
      return { gatewayArn: context.gatewayArn };
    });
  },
};
