// What a SessionChannel is given (StartSession's answer and the ResumeSession/TerminateSession callbacks) and what it reports.
import type { SessionChannelError } from './SessionChannelError';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

export interface SessionChannelOptions {
  readonly sessionId: string;
  /** StartSession's StreamUrl, dialled as is (also on reconnect). */
  readonly streamUrl: string;
  /** StartSession's TokenValue; never logged. */
  readonly tokenValue: string;
  /** Calls ResumeSession and returns its TokenValue, or undefined when the session has ended. */
  readonly resume?: () => Promise<string | undefined>;
  /** Calls TerminateSession; run when the user closes the session or it gives up. */
  readonly terminate?: () => Promise<void>;
  readonly initialSize?: TerminalSize;
  /** How long the socket may take to open (default 10 s). */
  readonly openTimeoutMs?: number;
  /** How long after opening the session may take to show its first output or finish the handshake (default 20 s). */
  readonly readyTimeoutMs?: number;
  /** Consecutive failed reconnects before giving up (default 5). */
  readonly maxReconnectAttempts?: number;
  readonly reconnectBackoffMs?: number;
  readonly log?: (line: string) => void;
}

export type SessionChannelState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SessionEnd {
  /** channelClosed: the service ended it; closedByClient: close() was called; error: see `error`. */
  readonly reason: 'channelClosed' | 'closedByClient' | 'error';
  /** A line for the terminal, e.g. "Exiting session with sessionId: <id>." */
  readonly message: string;
  readonly error?: SessionChannelError;
}
