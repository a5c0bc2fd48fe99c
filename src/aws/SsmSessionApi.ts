// Session Manager and SSM calls the terminal and CodeLens make: StartSession/ResumeSession/TerminateSession, managed instances, public parameters.
import type { AwsClients } from './AwsClients';
import { toAwsFailure } from './AwsFailure';

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

export class SsmSessionApi {
  constructor(private readonly clients: AwsClients) {}

  get region(): string {
    return this.clients.target.region;
  }

  async startSession(target: string): Promise<StartedSession> {
    const { StartSessionCommand } = await import('@aws-sdk/client-ssm');
    const answer = await this.call('StartSession', async (client) => client.send(new StartSessionCommand({ Target: target })));
    if (!answer.SessionId || !answer.TokenValue || !answer.StreamUrl) {
      throw toAwsFailure(new Error('StartSession returned no SessionId, TokenValue or StreamUrl'), 'StartSession', this.profile, this.clients.endpointLabel);
    }
    return { sessionId: answer.SessionId, tokenValue: answer.TokenValue, streamUrl: answer.StreamUrl };
  }

  /** ResumeSession's new token, or undefined when the session has ended (AWS then returns no TokenValue). */
  async resumeSession(sessionId: string): Promise<string | undefined> {
    const { ResumeSessionCommand } = await import('@aws-sdk/client-ssm');
    const answer = await this.call('ResumeSession', async (client) => client.send(new ResumeSessionCommand({ SessionId: sessionId })));
    return answer.TokenValue || undefined;
  }

  async terminateSession(sessionId: string): Promise<void> {
    const { TerminateSessionCommand } = await import('@aws-sdk/client-ssm');
    await this.call('TerminateSession', async (client) => client.send(new TerminateSessionCommand({ SessionId: sessionId })));
  }

  /** The session's Status (Connecting, Connected, Disconnected, Terminated, …) from DescribeSessions, or undefined if not listed. */
  async sessionStatus(sessionId: string): Promise<string | undefined> {
    const { DescribeSessionsCommand } = await import('@aws-sdk/client-ssm');
    for (const state of ['Active', 'History'] as const) {
      const answer = await this.call('DescribeSessions', async (client) => client.send(new DescribeSessionsCommand({ State: state, Filters: [{ key: 'SessionId', value: sessionId }] })));
      const status = answer.Sessions?.find((s) => s.SessionId === sessionId)?.Status;
      if (status) return status;
    }
    return undefined;
  }

  /** Every instance registered with SSM in the region (DescribeInstanceInformation, all pages). */
  async listManagedInstances(): Promise<ManagedInstance[]> {
    const { DescribeInstanceInformationCommand } = await import('@aws-sdk/client-ssm');
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
    const { GetParameterCommand } = await import('@aws-sdk/client-ssm');
    const client = await this.clients.ssm();
    try {
      const answer = await client.send(new GetParameterCommand({ Name: name }));
      return answer.Parameter?.Value;
    } catch (error) {
      if ((error as { name?: unknown }).name === 'ParameterNotFound') return undefined;
      throw toAwsFailure(error, 'GetParameter', this.profile, this.clients.endpointLabel);
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
