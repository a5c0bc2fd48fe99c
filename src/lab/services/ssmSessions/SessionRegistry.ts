// Session Manager sessions of one lab: ids, tokens, status history and each session's agent-side data channel.
import { randomBytes } from 'node:crypto';
import type { ClientHost } from '../../hosts/ClientHost';
import { AgentDataChannel } from './AgentDataChannel';
import type { SessionHistory, SessionSummary } from './SessionHistory';

export type SessionStatus = 'Connected' | 'Connecting' | 'Disconnected' | 'Terminated' | 'Terminating' | 'Failed';

export interface LabSession extends SessionSummary {
  endDate: Date | undefined;
  /** The only token the data channel accepts; replaced by ResumeSession. Never logged. */
  token: string | undefined;
  readonly channel: AgentDataChannel;
}

export interface StartSessionRequest {
  readonly host: ClientHost;
  readonly documentName: string;
  readonly sessionType: string;
  readonly handshake: boolean;
  readonly reason: string | undefined;
  readonly owner: string;
  readonly now: Date;
}

/** A new session token: 128 URL-safe characters (the API allows up to 300). */
function newToken(): string {
  return randomBytes(96).toString('base64url');
}

export class SessionRegistry {
  private readonly sessions = new Map<string, LabSession>();
  /** Sessions of earlier lab runs (all ended), from the saved history. */
  private readonly past: Map<string, SessionSummary>;

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => Date,
    private readonly history?: SessionHistory,
    past: readonly SessionSummary[] = [],
  ) {
    this.past = new Map(past.map((session) => [session.sessionId, session]));
  }

  /** Starts a session; resolves once it is in the saved history. */
  async start(request: StartSessionRequest): Promise<LabSession> {
    const sessionId = `${request.owner.split('/').pop() ?? 'lab'}-${randomBytes(9).toString('hex').slice(0, 17)}`;
    const channel = new AgentDataChannel({
      sessionId,
      sessionType: request.sessionType,
      handshake: request.handshake,
      openShell: () => request.host.openSession({ columns: 80, rows: 24 }),
      log: this.log,
      onEnded: () => this.markEnded(sessionId),
    });
    const session: LabSession = {
      sessionId,
      target: request.host.instanceId,
      documentName: request.documentName,
      reason: request.reason,
      owner: request.owner,
      startDate: request.now,
      endDate: undefined,
      token: newToken(),
      channel,
    };
    this.sessions.set(sessionId, session);
    this.log(`ssm: session ${sessionId} started on ${session.target}`);
    await this.history?.started(session);
    return session;
  }

  get(sessionId: string): LabSession | undefined {
    return this.sessions.get(sessionId);
  }

  /** A fresh token for a live session; undefined (no token) once it has ended, so the plugin exits cleanly. */
  resume(session: LabSession): string | undefined {
    if (session.channel.isEnded) return undefined;
    session.token = newToken();
    return session.token;
  }

  terminate(session: LabSession): void {
    session.channel.terminate();
  }

  status(session: LabSession): SessionStatus {
    if (session.channel.isEnded) return 'Terminated';
    if (session.channel.isConnected) return 'Connected';
    return session.channel.wasConnected ? 'Disconnected' : 'Connecting';
  }

  all(): LabSession[] {
    return [...this.sessions.values()];
  }

  /** A session of an earlier lab run (ended when that run stopped, or before). */
  pastSession(sessionId: string): SessionSummary | undefined {
    return this.past.get(sessionId);
  }

  /** Every session DescribeSessions can show, with its status: earlier runs' sessions are Terminated. */
  listed(): { session: SessionSummary; status: SessionStatus }[] {
    const listed = [...this.past.values()].map((session) => ({ session, status: 'Terminated' as SessionStatus }));
    for (const session of this.sessions.values()) listed.push({ session, status: this.status(session) });
    return listed;
  }

  closeAll(): void {
    for (const session of this.sessions.values()) session.channel.terminate('The lab is shutting down.');
  }

  private markEnded(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    session.endDate = this.now();
    session.token = undefined;
    this.log(`ssm: session ${sessionId} ended`);
    this.history?.ended(sessionId, session.endDate).catch((error: unknown) => this.log(`ssm: saving the end of session ${sessionId} failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
