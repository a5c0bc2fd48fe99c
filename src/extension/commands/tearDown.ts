// Tears down everything a stack made, in the order that stops billing: tapes, then the gateway, then the stack; archived tapes on request.
import * as vscode from 'vscode';
import type { GatewaySummary } from '../../tape/model';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { argsOf, Cancelled, connectedApis, resolveStack, type Apis } from './commandTargets';
import { estimateStackCost } from './deployCostEstimate';
import { DELETABLE_TAPE_STATUSES } from './deleteTape';
import { followStack, stackPollMs } from './followStack';
import { runCommand } from './runCommand';

export interface TearDownSummary {
  readonly stackName: string;
  readonly gateways: string[];
  readonly tapesDeleted: string[];
  readonly archivedTapesDeleted: string[];
  readonly stackStatus: string | undefined;
}

/** The gateway activated on the stack's instance; when none matches, the user may pick gateways to delete with it. */
async function gatewaysOfStack(services: ExtensionServices, apis: Apis, gatewayInstanceId: string | undefined, given: unknown): Promise<GatewaySummary[]> {
  const gateways = await apis.storageGateway.listGateways();
  if (Array.isArray(given)) return gateways.filter((g) => given.includes(g.gatewayArn));
  const own = gatewayInstanceId ? gateways.filter((g) => g.ec2InstanceId === gatewayInstanceId) : [];
  if (own.length > 0 || gateways.length === 0) return own;
  const picked = await services.prompts.pickMany(gateways.map((g) => ({ label: g.name, description: `${g.gatewayId} · ${g.ec2InstanceId ?? ''}`, value: g })), { title: 'Tear Down: gateways to delete too (none is on this stack\'s instance)' });
  if (!picked) throw new Cancelled();
  return picked;
}

export const tearDown: TapeGatewayCommand = {
  id: 'tapeGateway.tearDown',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not tear everything down', async (): Promise<TearDownSummary> => {
      const apis = connectedApis(services);
      const args = argsOf(target);
      const stack = await resolveStack(services, apis, target, 'Tear Down: stack');
      const details = await apis.stacks.describeStack(stack.stackId);
      const gateways = await gatewaysOfStack(services, apis, details.outputs.find((o) => o.key === 'GatewayInstanceId')?.value, args.gatewayArns);
      const tapes = (await Promise.all(gateways.map(async (g) => (await apis.storageGateway.describeAllTapes(g.gatewayArn)).map((t) => ({ gateway: g, tape: t }))))).flat();
      const archived = (await apis.storageGateway.describeTapeArchives()).filter((t) => t.status === 'ARCHIVED');
      let deleteArchive = args.deleteArchivedTapes === true;
      if (args.deleteArchivedTapes === undefined && archived.length > 0) {
        const choice = await services.prompts.pick(
          [
            { label: 'Keep archived tapes', description: `${archived.length} tape(s) stay in the archive and keep being billed`, value: 'keep' },
            { label: 'Delete archived tapes too', description: 'billed for 90 days from archiving anyway; locked tapes are skipped', value: 'delete' },
          ],
          { title: 'Tear Down: archived tapes' },
        );
        if (!choice) throw new Cancelled();
        deleteArchive = choice === 'delete';
      }
      const hourly = estimateStackCost(details.parameters, apis.clients.target.region).hourly;
      const summary = [
        `Stops costing money once done:`,
        `• the stack's instances, VPC endpoints and EBS volumes (about $${hourly.toFixed(2)}/h on AWS)`,
        `• ${gateways.length} gateway(s): ${gateways.map((g) => g.name).join(', ') || 'none activated from this stack'}`,
        `• ${tapes.length} tape(s) in the library (storage of the data written)`,
        deleteArchive ? `• ${archived.length} archived tape(s) (the 90-day minimum still applies)` : `• archived tapes are kept: ${archived.length} keep being billed`,
        '',
        'Tapes are deleted first, then the gateway, then the stack. This cannot be undone.',
      ].join('\n');
      if (args.confirmed !== true && !(await services.prompts.confirm(`Tear down ${stack.stackName}?`, summary, 'Tear Down'))) throw new Cancelled();
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Tearing down ${stack.stackName}`, cancellable: true }, async (progress, token) => {
        const tapesDeleted: string[] = [];
        for (const { gateway, tape } of tapes) {
          if (tape.status === 'IN TRANSIT TO VTS') await apis.storageGateway.cancelArchival(gateway.gatewayArn, tape.tapeArn);
          else if (!(DELETABLE_TAPE_STATUSES as readonly string[]).includes(tape.status)) continue;
          progress.report({ message: `deleting tape ${tape.barcode}` });
          await apis.storageGateway.deleteTape(gateway.gatewayArn, tape.tapeArn).then(() => tapesDeleted.push(tape.barcode), (error: unknown) => services.log.warn(`Tape ${tape.barcode} was not deleted: ${(error as Error).message}`));
        }
        for (const gateway of gateways) {
          progress.report({ message: `deleting gateway ${gateway.name}` });
          await apis.storageGateway.deleteGateway(gateway.gatewayArn);
        }
        const archivedTapesDeleted: string[] = [];
        if (deleteArchive) {
          for (const tape of archived) {
            progress.report({ message: `deleting archived tape ${tape.barcode}` });
            await apis.storageGateway.deleteTapeArchive(tape.tapeArn).then(() => archivedTapesDeleted.push(tape.barcode), (error: unknown) => services.log.warn(`Archived tape ${tape.barcode} was kept: ${(error as Error).message}`));
          }
        }
        progress.report({ message: `deleting stack ${stack.stackName}` });
        await apis.stacks.deleteStack(stack.stackId);
        const stackStatus = await followStack(apis.stacks, stack.stackId, { progress, log: services.log, isCancelled: () => token.isCancellationRequested, pollMs: stackPollMs(apis.clients.target.kind) });
        return { stackName: stack.stackName, gateways: gateways.map((g) => g.gatewayArn), tapesDeleted, archivedTapesDeleted, stackStatus };
      });
      services.explorer.refresh();
      services.log.info(`Tear down of ${stack.stackName}: ${result.tapesDeleted.length} tape(s), ${result.gateways.length} gateway(s), ${result.archivedTapesDeleted.length} archived tape(s), stack ${result.stackStatus ?? 'still deleting'}.`);
      void vscode.window.showInformationMessage(`Tore down ${stack.stackName}: ${result.tapesDeleted.length} tape(s), ${result.gateways.length} gateway(s)${deleteArchive ? `, ${result.archivedTapesDeleted.length} archived tape(s)` : ''} and the stack (${result.stackStatus ?? 'still deleting'}).`);
      return result;
    });
  },
};
