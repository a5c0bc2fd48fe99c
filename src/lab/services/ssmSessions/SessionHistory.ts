// Session Manager's session history in <stateDir>/ssm/sessions.journal: DescribeSessions' History state survives a lab
// restart as on AWS; a session that was live when the lab stopped reads as Terminated, ended at the restart.
import { join } from 'node:path';
import { StateStore } from '../../state/StateStore';
import type { Table } from '../../state/Table';

/** What DescribeSessions shows of a session, live or past. */
export interface SessionSummary {
  readonly sessionId: string;
  readonly target: string;
  readonly documentName: string;
  readonly reason: string | undefined;
  readonly owner: string;
  readonly startDate: Date;
  readonly endDate: Date | undefined;
}

interface SavedSession {
  sessionId: string;
  target: string;
  documentName: string;
  reason?: string;
  owner: string;
  /** ISO 8601. */
  startDate: string;
  endDate?: string;
}

/** AWS keeps session history for 30 days. */
export const SESSION_HISTORY_MS = 30 * 24 * 3600 * 1000;
/** The lab keeps at most this many sessions (the oldest go first). */
export const MAX_SAVED_SESSIONS = 1000;

const TABLE = 'sessions';

function toSummary(saved: SavedSession): SessionSummary {
  return {
    sessionId: saved.sessionId,
    target: saved.target,
    documentName: saved.documentName,
    reason: saved.reason,
    owner: saved.owner,
    startDate: new Date(saved.startDate),
    endDate: saved.endDate === undefined ? undefined : new Date(saved.endDate),
  };
}

export class SessionHistory {
  private constructor(
    private readonly store: StateStore,
    private readonly sessions: Table<SavedSession>,
  ) {}

  /**
   * Opens the history (`stateDir` undefined: in memory only), ends what the last stop cut short and drops sessions older
   * than AWS keeps. Returns the sessions of earlier runs, all ended.
   */
  static async open(stateDir: string | undefined, now: Date, log?: (line: string) => void): Promise<{ history: SessionHistory; past: SessionSummary[] }> {
    const store = new StateStore(stateDir === undefined ? undefined : join(stateDir, 'ssm', 'sessions.journal'), { log });
    const sessions = store.table<SavedSession>(TABLE);
    await store.open();
    const at = now.toISOString();
    for (const [sessionId, saved] of [...sessions.entries()]) {
      if (saved.endDate === undefined) sessions.put(sessionId, { ...saved, endDate: at });
      else if (now.getTime() - Date.parse(saved.endDate) > SESSION_HISTORY_MS) sessions.delete(sessionId);
    }
    await store.durable();
    return { history: new SessionHistory(store, sessions), past: [...sessions.values()].map(toSummary) };
  }

  /** Records a new session; resolves once it is on disk. */
  started(session: SessionSummary): Promise<void> {
    this.sessions.put(session.sessionId, {
      sessionId: session.sessionId,
      target: session.target,
      documentName: session.documentName,
      ...(session.reason === undefined ? {} : { reason: session.reason }),
      owner: session.owner,
      startDate: session.startDate.toISOString(),
    });
    // Oldest first: the table keeps insertion order, so the first keys are the oldest sessions.
    for (const sessionId of this.sessions.keys()) {
      if (this.sessions.size <= MAX_SAVED_SESSIONS) break;
      this.sessions.delete(sessionId);
    }
    return this.store.durable();
  }

  /** Records that a session ended; resolves once it is on disk. */
  ended(sessionId: string, at: Date): Promise<void> {
    const saved = this.sessions.get(sessionId);
    if (!saved) return Promise.resolve();
    saved.endDate = at.toISOString();
    this.sessions.touch(sessionId);
    return this.store.durable();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
