// SDK clients for a lab endpoint with no retries (a request in flight at a kill fails at once), and Run Command as one call.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetCommandInvocationCommand, SendCommandCommand, SSMClient, type GetCommandInvocationCommandOutput } from '@aws-sdk/client-ssm';
import { StorageGatewayClient } from '@aws-sdk/client-storage-gateway';

export interface LabClients {
  readonly sg: StorageGatewayClient;
  readonly ssm: SSMClient;
  readonly cfn: CloudFormationClient;
  destroy(): void;
}

export function labClients(endpoint: string, region = 'us-east-1', credentials = { accessKeyId: 'test', secretAccessKey: 'test' }): LabClients {
  const config = { endpoint, region, credentials, maxAttempts: 1 };
  const sg = new StorageGatewayClient(config);
  const ssm = new SSMClient(config);
  const cfn = new CloudFormationClient(config);
  return {
    sg,
    ssm,
    cfn,
    destroy: () => {
      sg.destroy();
      ssm.destroy();
      cfn.destroy();
    },
  };
}

const TERMINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut']);

export interface SentCommand {
  readonly commandId: string;
  readonly result: GetCommandInvocationCommandOutput;
}

/** SendCommand AWS-RunShellScript, then polls GetCommandInvocation until the invocation ends. */
export async function runShellScript(ssm: SSMClient, instanceId: string, commands: readonly string[], onSent?: (commandId: string) => void): Promise<SentCommand> {
  const sent = await ssm.send(new SendCommandCommand({ InstanceIds: [instanceId], DocumentName: 'AWS-RunShellScript', Parameters: { commands: [...commands] } }));
  const commandId = sent.Command?.CommandId ?? '';
  onSent?.(commandId);
  for (;;) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 5));
    const result = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
    if (TERMINAL.has(result.Status ?? '')) return { commandId, result };
  }
}

export { eventually } from '../../../eventually';
