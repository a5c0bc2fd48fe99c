// Run Command (AWS-RunShellScript) on one instance, waiting for its result: for reads the user need not watch (the library view's mtx status).
import type { SSMClient } from '@aws-sdk/client-ssm';

export interface ShellScriptResult {
  /** Success, Failed, TimedOut, Cancelled… as GetCommandInvocation reports it. */
  readonly status: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const PENDING = new Set(['Pending', 'InProgress', 'Delayed']);

export async function runShellScript(ssm: SSMClient, instanceId: string, command: string, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<ShellScriptResult> {
  const { SendCommandCommand, GetCommandInvocationCommand } = await import('@aws-sdk/client-ssm');
  const sent = await ssm.send(new SendCommandCommand({ InstanceIds: [instanceId], DocumentName: 'AWS-RunShellScript', Parameters: { commands: [command] } }));
  const commandId = sent.Command?.CommandId ?? '';
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
    try {
      const result = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
      if (!PENDING.has(result.Status ?? 'Pending')) {
        return { status: result.Status ?? '', exitCode: result.ResponseCode ?? -1, stdout: result.StandardOutputContent ?? '', stderr: result.StandardErrorContent ?? '' };
      }
    } catch (error) {
      // Right after SendCommand the invocation may not exist yet (InvocationDoesNotExist); keep polling.
      if ((error as Error).name !== 'InvocationDoesNotExist') throw error;
    }
    if (Date.now() > deadline) throw new Error(`\`${command}\` on ${instanceId} did not finish in time. Check the instance in Run Command and try again.`);
  }
}
