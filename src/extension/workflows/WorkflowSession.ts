// A Session Manager shell on the client instance, opened with StartSession and exposed as a ShellChannel for the workflows.
import { ResumeSessionCommand, StartSessionCommand, TerminateSessionCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { describeStartSessionFailure, SessionChannel, type Disposable, type SessionEnd, type TerminalSize } from '../../session';
import type { ShellChannel } from './ShellChannel';

export interface WorkflowSessionOptions {
  readonly ssm: SSMClient;
  readonly instanceId: string;
  /** Wide by default so long /dev/tape/by-path command lines do not wrap. */
  readonly initialSize?: TerminalSize;
  readonly log?: (line: string) => void;
}

export class WorkflowSession implements ShellChannel, Disposable {
  private constructor(
    readonly instanceId: string,
    readonly sessionId: string,
    readonly channel: SessionChannel,
  ) {}

  /** Starts the session and resolves once the shell accepts input. */
  static async open(options: WorkflowSessionOptions): Promise<WorkflowSession> {
    const { ssm, instanceId } = options;
    let started;
    try {
      started = await ssm.send(new StartSessionCommand({ Target: instanceId }));
    } catch (error) {
      const sentence = describeStartSessionFailure((error as Error).name, instanceId);
      throw sentence ? new Error(sentence, { cause: error }) : error;
    }
    const sessionId = started.SessionId ?? '';
    if (!started.StreamUrl || !started.TokenValue || !sessionId) throw new Error(`StartSession on ${instanceId} returned no stream URL or token. Try again.`);
    const channel = new SessionChannel({
      sessionId,
      streamUrl: started.StreamUrl,
      tokenValue: started.TokenValue,
      initialSize: options.initialSize ?? { columns: 400, rows: 40 },
      log: options.log,
      resume: async () => (await ssm.send(new ResumeSessionCommand({ SessionId: sessionId }))).TokenValue,
      terminate: async () => {
        await ssm.send(new TerminateSessionCommand({ SessionId: sessionId }));
      },
    });
    await channel.open();
    return new WorkflowSession(instanceId, sessionId, channel);
  }

  get isOpen(): boolean {
    return this.channel.state !== 'closed';
  }

  sendText(text: string): void {
    this.channel.sendInput(text);
  }

  onOutput(listener: (text: string) => void): Disposable {
    return this.channel.onOutput(listener);
  }

  onEnd(listener: (end: SessionEnd) => void): Disposable {
    return this.channel.onEnd(listener);
  }

  async close(): Promise<void> {
    await this.channel.close();
  }

  dispose(): void {
    void this.close();
  }
}
