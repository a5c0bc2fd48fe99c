// The extension's one failure type for AWS calls: a sentence for the user, plus code and request id for the log.

export class AwsFailure extends Error {
  constructor(
    /** A sentence that says what went wrong and what to do next. */
    readonly userMessage: string,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
    readonly operation: string,
  ) {
    super(userMessage);
    this.name = 'AwsFailure';
  }

  /** One line for the log channel: never carries credentials. */
  logLine(): string {
    return `${this.operation} failed: ${this.code ?? 'no error code'}${this.requestId ? ` (request id ${this.requestId})` : ''}: ${this.userMessage}`;
  }
}

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { requestId?: unknown; httpStatusCode?: unknown };
}

const CREDENTIAL_PROBLEMS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'TokenRefreshRequired',
]);

/** Turns whatever an SDK call threw into a sentence that says what to do next. */
export function toAwsFailure(error: unknown, operation: string, profile: string | undefined, endpointLabel: string): AwsFailure {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const code = typeof shape.name === 'string' ? shape.name : typeof shape.code === 'string' ? shape.code : undefined;
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  const requestId = typeof shape.$metadata?.requestId === 'string' ? shape.$metadata.requestId : undefined;
  const profileFlag = profile ? ` --profile ${profile}` : '';

  if (code && CREDENTIAL_PROBLEMS.has(code)) {
    if (/sso|token.*expired|expired/i.test(message)) {
      return new AwsFailure(`Your AWS credentials have expired. Run "aws sso login${profileFlag}" (or refresh your keys), then refresh the Tape Gateway view.`, code, requestId, operation);
    }
    return new AwsFailure(`AWS did not accept the credentials${profile ? ` of profile "${profile}"` : ''}. Check them with "aws sts get-caller-identity${profileFlag}", then reconnect.`, code, requestId, operation);
  }
  const network = typeof shape.code === 'string' ? shape.code : code;
  if (network === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return new AwsFailure(`Nothing answers at ${endpointLabel}. If it is the lab, start it again with "Tape Gateway: Start Local Lab".`, 'ECONNREFUSED', requestId, operation);
  }
  if (network === 'ENOTFOUND' || network === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(message)) {
    return new AwsFailure(`${endpointLabel} could not be reached; check your network connection and the region, then retry.`, network, requestId, operation);
  }
  const detail = message.endsWith('.') ? message : `${message}.`;
  return new AwsFailure(`${operationLabel(operation)} failed: ${detail} See the Tape Gateway log for the request id.`, code, requestId, operation);
}

function operationLabel(operation: string): string {
  return operation.replace(/([a-z])([A-Z])/g, '$1 $2');
}
