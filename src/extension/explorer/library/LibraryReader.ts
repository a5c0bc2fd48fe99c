// The one reader of a gateway's library, over the AWS APIs only: DescribeTapes for the tapes (and which drive holds each),
// and `mtx status` on the client instance through SSM Run Command for slot numbers. The tree and the library view use it.
import type { AwsClients } from '../../../aws/AwsClients';
import { CloudFormationApi } from '../../../aws/CloudFormationApi';
import { SsmApi } from '../../../aws/SsmApi';
import { StorageGatewayApi } from '../../../aws/StorageGatewayApi';
import { expandFilteredMtxStatus, fullSlotsStatusLine } from '../../../tape/libraryModel';
import type { LibraryTargets } from '../../../tape/libraryTargets';
import type { TapeSummary } from '../../../tape/model';
import type { MtxStatus } from '../../../tape/mtxStatus';
import { changerDevice, mtxStatusLine } from '../../../tape/workflowSteps';

interface LibraryReading {
  /** DescribeTapes: every tape of the gateway; `vtlDevice` names the drive a tape is in. */
  readonly tapes: readonly TapeSummary[];
  /** What `mtx status` printed on the client, or undefined (see `problem`). */
  readonly status: MtxStatus | undefined;
  readonly clientInstanceId: string | undefined;
  /** Why there are no slot numbers, as a sentence. */
  readonly problem: string | undefined;
}

export interface LibraryReaderDeps {
  /** The client a Connect Library command logged in through, if any. */
  connectedClient(gatewayArn: string): string | undefined;
  /** The client instance of the stack whose GatewayInstanceId is this gateway's instance. */
  stackClient(gatewayArn: string, signal: AbortSignal): Promise<string | undefined>;
  targets(gatewayArn: string, signal: AbortSignal): Promise<LibraryTargets>;
  tapes(gatewayArn: string, signal: AbortSignal): Promise<readonly TapeSummary[]>;
  run(instanceId: string, command: string, signal: AbortSignal): Promise<{ exitCode: number; stdout: string; stderr: string }>;
}

export class LibraryReader {
  constructor(private readonly deps: LibraryReaderDeps) {}

  static over(clients: AwsClients, connectedClient: (gatewayArn: string) => string | undefined): LibraryReader {
    const gateways = new StorageGatewayApi(clients);
    const stacks = new CloudFormationApi(clients);
    const ssm = new SsmApi(clients);
    return new LibraryReader({
      connectedClient,
      async stackClient(gatewayArn, signal) {
        const { ec2InstanceId } = await gateways.describeGateway(gatewayArn, signal);
        if (!ec2InstanceId) return undefined;
        for (const stack of await stacks.listStacks(signal)) {
          if (!stack.status.endsWith('_COMPLETE') || stack.status.startsWith('DELETE')) continue;
          const outputs = (await stacks.describeStack(stack.stackId, signal)).outputs;
          const client = outputs.find((o) => o.key === 'ClientInstanceId')?.value;
          if (client && outputs.find((o) => o.key === 'GatewayInstanceId')?.value === ec2InstanceId) return client;
        }
        return undefined;
      },
      targets: (gatewayArn, signal) => gateways.describeLibraryTargets(gatewayArn, signal),
      tapes: (gatewayArn, signal) => gateways.describeAllTapes(gatewayArn, signal),
      run: (instanceId, command, signal) => ssm.runShellScript(instanceId, [command], signal, 90),
    });
  }

  /** DescribeTapes only, when slot numbers are not needed. */
  tapes(gatewayArn: string, signal: AbortSignal): Promise<readonly TapeSummary[]> {
    return this.deps.tapes(gatewayArn, signal);
  }

  async read(gatewayArn: string, signal: AbortSignal): Promise<LibraryReading> {
    const tapes = await this.deps.tapes(gatewayArn, signal);
    const clientInstanceId = this.deps.connectedClient(gatewayArn) ?? (await this.deps.stackClient(gatewayArn, signal));
    if (!clientInstanceId) return { tapes, status: undefined, clientInstanceId, problem: 'No client instance is known for this gateway (deploy it with the Tape Gateway stack, or run Connect Library), so slot numbers cannot be read.' };
    const { changer } = await this.deps.targets(gatewayArn, signal);
    // Without the empty slot lines: the full status is 3,200 lines; the header's counts restore them.
    const result = await this.deps.run(clientInstanceId, fullSlotsStatusLine(mtxStatusLine(changerDevice(changer.iqn, changer.portal))), signal);
    if (result.exitCode !== 0) {
      const said = (result.stderr || result.stdout).trim().split('\n').pop() ?? '';
      return { tapes, status: undefined, clientInstanceId, problem: `mtx status failed on ${clientInstanceId}${said ? ` (${said})` : ''}; run Connect Library to log the client in to the changer.` };
    }
    return { tapes, status: expandFilteredMtxStatus(result.stdout), clientInstanceId, problem: undefined };
  }
}
