// The one failure type of the native Session Manager client, with sentences a user can act on.

export type SessionChannelErrorCode =
  | 'Unreachable'
  | 'OpenTimeout'
  | 'TokenRefused'
  | 'ClosedBeforeReady'
  | 'HandshakeFailed'
  | 'ConnectionLost'
  | 'SessionTimedOut'
  | 'NotAcknowledged';

export class SessionChannelError extends Error {
  constructor(readonly code: SessionChannelErrorCode, message: string) {
    super(message);
    this.name = 'SessionChannelError';
  }
}

/** A sentence for StartSession's errors, for callers that start sessions through the SSM API. */
export function describeStartSessionFailure(errorName: string, target: string): string | undefined {
  switch (errorName) {
    case 'TargetNotConnected':
      return `${target} is not connected to Session Manager. Check that the instance is running, its SSM Agent is online (Fleet Manager or DescribeInstanceInformation shows PingStatus Online), and try again.`;
    case 'InvalidDocument':
      return 'The session document was not accepted. Start a plain shell session without a document name, or check the document exists in this Region.';
    default:
      return undefined;
  }
}

/** A duration for messages: "10", "0.3". */
export function seconds(milliseconds: number): string {
  return String(Math.round(milliseconds / 100) / 10);
}
