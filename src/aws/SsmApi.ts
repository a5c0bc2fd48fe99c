// The SSM wrapper: Session Manager (StartSession, ResumeSession, TerminateSession, DescribeSessions), managed instances,
// Run Command (AWS-RunShellScript, waiting for its result) and public parameters.
import type { AwsClients } from './AwsClients';
import { AwsFailure, toAwsFailure } from './AwsFailure';
import { callAws } from './callAws';

/** StartSession's answer. TokenValue is a secret: never log it or put it in a process's argv. */
export interface StartedSession {
  readonly sessionId: string;
  readonly tokenValue: string;
  readonly streamUrl: string;
}

export interface ManagedInstance {
  readonly instanceId: string;
  readonly pingStatus: string;
  readonly computerName: string | undefined;
  readonly ipAddress: string | undefined;
  readonly platformName: string | undefined;
}

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

  get region(): string {
    return this.clients.target.region;
  }

  async startSession(target: string): Promise<StartedSession> {
    const { StartSessionCommand } = await sdk();
    const answer = await this.call('StartSession', async (client) => client.send(new StartSessionCommand({ Target: target })));
    if (!answer.SessionId || !answer.TokenValue || !answer.StreamUrl) {
      throw toAwsFailure(new Error('StartSession returned no SessionId, TokenValue or StreamUrl'), 'StartSession', this.profile, this.clients.endpointLabel);
    }
    return { sessionId: answer.SessionId, tokenValue: answer.TokenValue, streamUrl: answer.StreamUrl };
  }

  /** ResumeSession's new token, or undefined when the session has ended (AWS then returns no TokenValue). */
  async resumeSession(sessionId: string): Promise<string | undefined> {
    const { ResumeSessionCommand } = await sdk();
    const answer = await this.call('ResumeSession', async (client) => client.send(new ResumeSessionCommand({ SessionId: sessionId })));
    return answer.TokenValue || undefined;
  }

  async terminateSession(sessionId: string): Promise<void> {
    const { TerminateSessionCommand } = await sdk();
    await this.call('TerminateSession', async (client) => client.send(new TerminateSessionCommand({ SessionId: sessionId })));
  }

  /** The session's Status (Connecting, Connected, Disconnected, Terminated, …) from DescribeSessions, or undefined if not listed. */
  async sessionStatus(sessionId: string): Promise<string | undefined> {
    const { DescribeSessionsCommand } = await sdk();
    for (const state of ['Active', 'History'] as const) {
      const answer = await this.call('DescribeSessions', async (client) => client.send(new DescribeSessionsCommand({ State: state, Filters: [{ key: 'SessionId', value: sessionId }] })));
      const status = answer.Sessions?.find((s) => s.SessionId === sessionId)?.Status;
      if (status) return status;
    }
    return undefined;
  }

  /** Every instance registered with SSM in the region (DescribeInstanceInformation, all pages). */
  async listManagedInstances(): Promise<ManagedInstance[]> {
    const { DescribeInstanceInformationCommand } = await sdk();
    const instances: ManagedInstance[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call('DescribeInstanceInformation', async (client) => client.send(new DescribeInstanceInformationCommand({ MaxResults: 50, NextToken: nextToken })));
      for (const info of page.InstanceInformationList ?? []) {
        if (!info.InstanceId) continue;
        instances.push({ instanceId: info.InstanceId, pingStatus: info.PingStatus ?? 'Unknown', computerName: info.ComputerName, ipAddress: info.IPAddress, platformName: info.PlatformName });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return instances;
  }

  /** A parameter's value (e.g. /aws/service/storagegateway/ami/VTL/latest); undefined when ParameterNotFound. */
  async getParameter(name: string): Promise<string | undefined> {
    const { GetParameterCommand } = await sdk();
    const client = await this.clients.ssm();
    try {
      const answer = await client.send(new GetParameterCommand({ Name: name }));
      return answer.Parameter?.Value;
    } catch (error) {
      if ((error as { name?: unknown }).name === 'ParameterNotFound') return undefined;
      throw toAwsFailure(error, 'GetParameter', this.profile, this.clients.endpointLabel);
    }
  }

  /**
   * Runs the commands (one per line) as root and resolves when the invocation has finished, or fails after `waitSeconds`.
   * The document's own executionTimeout stays at its default (3600 s): the wait here is what bounds the call.
   */
  async runShellScript(instanceId: string, commands: readonly string[], signal?: AbortSignal, waitSeconds = 120): Promise<ShellResult> {
    const { SendCommandCommand, GetCommandInvocationCommand } = await sdk();
    const client = await this.clients.ssm();
    const commandId = await callAws(this.clients, 'SendCommand', async () => {
      const out = await client.send(new SendCommandCommand({ InstanceIds: [instanceId], DocumentName: 'AWS-RunShellScript', Parameters: { commands: [...commands] } }), { abortSignal: signal });
      return out.Command?.CommandId ?? '';
    });
    const deadline = Date.now() + waitSeconds * 1000;
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

  private get profile(): string | undefined {
    return this.clients.target.kind === 'aws' ? this.clients.target.profile : undefined;
  }

  private async call<T>(operation: string, send: (client: Awaited<ReturnType<AwsClients['ssm']>>) => Promise<T>): Promise<T> {
    const client = await this.clients.ssm();
    try {
      return await send(client);
    } catch (error) {
      throw toAwsFailure(error, operation, this.profile, this.clients.endpointLabel);
    }
  }
}
