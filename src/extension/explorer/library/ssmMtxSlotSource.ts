// Builds the mtx slot source for a connection: finds the client through the gateway's stack outputs, runs mtx with SSM.
import type { AwsClients } from '../../../aws/AwsClients';
import { CloudFormationApi } from '../../../aws/CloudFormationApi';
import { SsmApi } from '../../../aws/SsmApi';
import { StorageGatewayApi } from '../../../aws/StorageGatewayApi';
import { MtxSlotSource } from './MtxSlotSource';

export function ssmMtxSlotSource(clients: AwsClients): MtxSlotSource {
  const gateways = new StorageGatewayApi(clients);
  const stacks = new CloudFormationApi(clients);
  const ssm = new SsmApi(clients, clients.target.kind === 'lab' ? 100 : 1000);
  return new MtxSlotSource({
    async locate(gatewayArn, signal) {
      const details = await gateways.describeGateway(gatewayArn, signal);
      if (!details.ec2InstanceId || !details.ipv4Address) return undefined;
      for (const stack of await stacks.listStacks(signal)) {
        if (!stack.status.endsWith('_COMPLETE') || stack.status.startsWith('DELETE')) continue;
        const outputs = (await stacks.describeStack(stack.stackId, signal)).outputs;
        const client = outputs.find((o) => o.key === 'ClientInstanceId')?.value;
        if (client && outputs.find((o) => o.key === 'GatewayInstanceId')?.value === details.ec2InstanceId) return { clientInstanceId: client, gatewayId: details.gatewayId, gatewayIp: details.ipv4Address };
      }
      return undefined;
    },
    async run(instanceId, command, signal) {
      const result = await ssm.runShellScript(instanceId, [command], signal, 30);
      return { exitCode: result.exitCode, stdout: result.stdout };
    },
  });
}
