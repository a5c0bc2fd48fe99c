// Starts a Session Manager shell on an instance and wires the native client to ResumeSession/TerminateSession (no vscode import: unit-tested).
import { AwsFailure } from '../../aws/AwsFailure';
import type { SsmApi } from '../../aws/SsmApi';
import { describeStartSessionFailure, SessionChannel, type TerminalSize } from '../../session/index';

interface NativeSessionOptions {
  readonly target: string;
  readonly size: TerminalSize;
  /** Log lines for the Tape Gateway channel; the session token never reaches them. */
  readonly log: (line: string) => void;
  readonly openTimeoutMs?: number;
  readonly readyTimeoutMs?: number;
}

export interface NativeSession {
  readonly sessionId: string;
  readonly channel: SessionChannel;
}

/** StartSession, then a SessionChannel (not yet opened) that resumes and terminates through the same API. */
export async function startNativeSession(api: SsmApi, options: NativeSessionOptions): Promise<NativeSession> {
  const started = await startSessionOrExplain(api, options.target);
  options.log(`Session ${started.sessionId} started on ${options.target} (${api.region}).`);
  const channel = new SessionChannel({
    sessionId: started.sessionId,
    streamUrl: started.streamUrl,
    tokenValue: started.tokenValue,
    initialSize: options.size,
    openTimeoutMs: options.openTimeoutMs,
    readyTimeoutMs: options.readyTimeoutMs,
    log: options.log,
    resume: async () => {
      options.log(`Session ${started.sessionId}: connection lost, calling ResumeSession.`);
      return api.resumeSession(started.sessionId);
    },
    terminate: async () => {
      await api.terminateSession(started.sessionId);
      options.log(`Session ${started.sessionId} terminated.`);
    },
  });
  return { sessionId: started.sessionId, channel };
}

/** StartSession with Session Manager's own errors (TargetNotConnected, InvalidDocument) turned into sentences that say what to do. */
export async function startSessionOrExplain(api: SsmApi, target: string): ReturnType<SsmApi['startSession']> {
  try {
    return await api.startSession(target);
  } catch (error) {
    if (error instanceof AwsFailure && error.code) {
      const sentence = describeStartSessionFailure(error.code, target);
      if (sentence) throw new AwsFailure(sentence, error.code, error.requestId, error.operation);
    }
    throw error;
  }
}
