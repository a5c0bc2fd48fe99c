// Builds the client's HandshakeResponse (PT6) to an agent's HandshakeRequest; KMS encryption is declined clearly.
import { ActionStatus, type HandshakeRequestPayload, type HandshakeResponsePayload, type ProcessedClientAction } from './protocol';

export const KMS_NOT_SUPPORTED = 'KMS encryption of Session Manager sessions is not supported by the built-in client; choose the session-manager-plugin in the settings, or turn off KMS encryption in the Session Manager preferences.';

interface HandshakeOutcome {
  readonly response: HandshakeResponsePayload;
  readonly sessionType: string | undefined;
  /** Why the session cannot go on, when an action failed. */
  readonly failure: string | undefined;
}

export function respondToHandshake(request: HandshakeRequestPayload, clientVersion: string): HandshakeOutcome {
  let sessionType: string | undefined;
  let failure: string | undefined;
  const processed: ProcessedClientAction[] = request.RequestedClientActions.map((action) => {
    if (action.ActionType === 'SessionType') {
      const parameters = (action.ActionParameters ?? {}) as { SessionType?: unknown };
      sessionType = typeof parameters.SessionType === 'string' ? parameters.SessionType : undefined;
      if (sessionType === 'Port') {
        failure = 'Port forwarding sessions are not supported by the built-in client; use the session-manager-plugin for them.';
        return { ActionType: action.ActionType, ActionStatus: ActionStatus.Unsupported, ActionResult: null, Error: failure };
      }
      return { ActionType: action.ActionType, ActionStatus: ActionStatus.Success, ActionResult: null, Error: '' };
    }
    if (action.ActionType === 'KMSEncryption') {
      failure = KMS_NOT_SUPPORTED;
      return { ActionType: action.ActionType, ActionStatus: ActionStatus.Failed, ActionResult: null, Error: KMS_NOT_SUPPORTED };
    }
    return { ActionType: action.ActionType, ActionStatus: ActionStatus.Unsupported, ActionResult: null, Error: `Action ${action.ActionType} is not supported by this client.` };
  });
  return { response: { ClientVersion: clientVersion, ProcessedClientActions: processed, Errors: null }, sessionType, failure };
}
