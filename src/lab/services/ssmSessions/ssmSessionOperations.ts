// SSM Session Manager operations (JSON 1.1, X-Amz-Target AmazonSSM.<Op>): StartSession, ResumeSession, TerminateSession, DescribeSessions.
import { AwsError } from '../../http/AwsError';
import type { OperationTable, RequestContext } from '../../http/types';
import type { ClientHost } from '../../hosts/ClientHost';
import type { LabSession, SessionRegistry } from './SessionRegistry';
import { describeSessions } from './describeSessions';

export type ResolveTarget = (instanceId: string) => ClientHost | undefined;

export interface SsmSessionDependencies {
  readonly registry: SessionRegistry;
  readonly resolveTarget: ResolveTarget;
  /** 'auto' starts shell sessions without a handshake like the real agent; 'always' sends HandshakeRequest first. */
  readonly handshake: 'auto' | 'always';
  /** StreamUrl for a session id, e.g. ws://127.0.0.1:PORT/v1/data-channel/<id>?role=publish_subscribe. */
  readonly streamUrl: (sessionId: string) => string;
}

/** Session documents the lab runs; each maps to the agent's session type. */
const SESSION_DOCUMENTS: Readonly<Record<string, { sessionType: string; handshake: boolean }>> = {
  'SSM-SessionManagerRunShell': { sessionType: 'Standard_Stream', handshake: false },
};
const DEFAULT_DOCUMENT = 'SSM-SessionManagerRunShell';
const DOCUMENT_NAME_PATTERN = /^[a-zA-Z0-9_\-.:/]{3,128}$/;

function validation(message: string): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: ${message}`);
}

function requireString(input: Record<string, unknown>, member: string, field: string, max: number): string {
  const value = input[member];
  if (value === undefined || value === null) throw validation(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  if (typeof value !== 'string') throw new AwsError('SerializationException', `Member ${member} must be a string.`);
  if (value.length < 1 || value.length > max) throw validation(`Value at '${field}' failed to satisfy constraint: Member must have length between 1 and ${max}`);
  return value;
}

function findSession(registry: SessionRegistry, sessionId: string): LabSession {
  const session = registry.get(sessionId);
  if (!session) throw new AwsError('DoesNotExistException', `Session ${sessionId} does not exist.`, { body: { Message: `Session ${sessionId} does not exist.` } });
  return session;
}

function ownerArn(ctx: RequestContext): string {
  return `arn:aws:iam::${ctx.accountId}:user/lab-user`;
}

export function ssmSessionOperations(deps: SsmSessionDependencies): OperationTable {
  return {
    StartSession: async (input: Record<string, unknown>, ctx: RequestContext) => {
      const target = requireString(input, 'Target', 'target', 400);
      const documentName = input.DocumentName === undefined ? DEFAULT_DOCUMENT : requireString(input, 'DocumentName', 'documentName', 128);
      const reason = input.Reason === undefined ? undefined : requireString(input, 'Reason', 'reason', 256);
      if (!DOCUMENT_NAME_PATTERN.test(documentName)) throw validation(`Value '${documentName}' at 'documentName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-.:/]{3,128}$`);
      const document = SESSION_DOCUMENTS[documentName];
      if (!document) {
        const message = `Document ${documentName} is not a session document this lab can run; omit DocumentName for a shell (${DEFAULT_DOCUMENT}).`;
        throw new AwsError('InvalidDocument', message, { body: { Message: message } });
      }
      const host = deps.resolveTarget(target);
      if (!host) throw new AwsError('TargetNotConnected', `${target} is not connected.`, { body: { Message: `${target} is not connected.` } });
      const session = await deps.registry.start({
        host,
        documentName,
        sessionType: document.sessionType,
        handshake: document.handshake || deps.handshake === 'always',
        reason,
        owner: ownerArn(ctx),
        now: ctx.now(),
      });
      return { SessionId: session.sessionId, TokenValue: session.token, StreamUrl: deps.streamUrl(session.sessionId) };
    },

    ResumeSession: (input: Record<string, unknown>) => {
      const sessionId = requireString(input, 'SessionId', 'sessionId', 96);
      // A session of an earlier lab run has ended: answered as an ended live session is, without a token.
      if (deps.registry.pastSession(sessionId)) return { SessionId: sessionId };
      const session = findSession(deps.registry, sessionId);
      const token = deps.registry.resume(session);
      if (token === undefined) return { SessionId: session.sessionId };
      return { SessionId: session.sessionId, TokenValue: token, StreamUrl: deps.streamUrl(session.sessionId) };
    },

    TerminateSession: (input: Record<string, unknown>) => {
      const sessionId = requireString(input, 'SessionId', 'sessionId', 96);
      const session = deps.registry.get(sessionId);
      // AWS answers TerminateSession for an already-ended or unknown session with the id alone.
      if (session) deps.registry.terminate(session);
      return { SessionId: sessionId };
    },

    DescribeSessions: (input: Record<string, unknown>) => describeSessions(deps.registry, input),
  };
}
