// SSM Run Command: runs a shell script on a managed instance (AWS-RunShellScript) and waits for its result.
import type { AwsClients } from './AwsClients';
import { AwsFailure } from './AwsFailure';
import { callAws } from './callAws';

export interface ShellResult {
  readonly status: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const sdk = () => import('@aws-sdk/client-ssm');
const FINAL_STATUSES = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'Cancelling', 'DeliveryTimedOut', 'ExecutionTimedOut', 'Undeliverable', 'Terminated', 'InvalidPlatform', 'AccessDenied']);

export class SsmApi {
  constructor(
    private readonly clients: AwsClients,
    /** The longest wait between GetCommandInvocation polls; the first waits are shorter (100 ms, doubling), so quick commands return quickly. */
    private readonly pollMs = 1000,
  ) {}

  /** Runs the commands (one per line) as root and resolves when the invocation has finished. */
  async runShellScript(instanceId: string, commands: readonly string[], signal?: AbortSignal, timeoutSeconds = 60): Promise<ShellResult> {
    const { SendCommandCommand, GetCommandInvocationCommand } = await sdk();
    const client = await this.clients.ssm();
    const commandId = await callAws(this.clients, 'SendCommand', async () => {
      const out = await client.send(new SendCommandCommand({ InstanceIds: [instanceId], DocumentName: 'AWS-RunShellScript', Parameters: { commands: [...commands], executionTimeout: [String(timeoutSeconds)] }, TimeoutSeconds: 30 }), { abortSignal: signal });
      return out.Command?.CommandId ?? '';
    });
    const deadline = Date.now() + (timeoutSeconds + 60) * 1000;
    for (let wait = Math.min(100, this.pollMs); ; wait = Math.min(wait * 2, this.pollMs)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      if (signal?.aborted) throw new AwsFailure('The command on the client instance was cancelled.', 'Cancelled', undefined, 'GetCommandInvocation');
      const invocation = await callAws(this.clients, 'GetCommandInvocation', async () => {
        try {
          return await client.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }), { abortSignal: signal });
        } catch (error) {
          // Right after SendCommand the invocation may not exist yet.
          if ((error as { name?: string }).name === 'InvocationDoesNotExist') return undefined;
          throw error;
        }
      });
      if (invocation?.Status && FINAL_STATUSES.has(invocation.Status)) {
        return { status: invocation.Status, exitCode: invocation.ResponseCode ?? -1, stdout: invocation.StandardOutputContent ?? '', stderr: invocation.StandardErrorContent ?? '' };
      }
      if (Date.now() > deadline) throw new AwsFailure(`The command on ${instanceId} did not finish in time; check that the instance is online in Systems Manager, then retry.`, 'Timeout', undefined, 'GetCommandInvocation');
    }
  }
}
