// How each SigV4 failure reads on the wire, per protocol, as AWS services answer it.
import { AwsError } from './AwsError';
import type { AuthFailure, AuthFailureKind } from './verifySignature';

interface WireAuthError {
  code: string;
  status: number;
}

const JSON_AUTH_ERRORS: Record<AuthFailureKind, WireAuthError> = {
  missing: { code: 'MissingAuthenticationTokenException', status: 403 },
  incomplete: { code: 'IncompleteSignatureException', status: 400 },
  unknownKey: { code: 'UnrecognizedClientException', status: 400 },
  signature: { code: 'InvalidSignatureException', status: 400 },
  expired: { code: 'InvalidSignatureException', status: 400 },
};

const QUERY_AUTH_ERRORS: Record<AuthFailureKind, WireAuthError> = {
  missing: { code: 'MissingAuthenticationToken', status: 403 },
  incomplete: { code: 'IncompleteSignature', status: 400 },
  unknownKey: { code: 'InvalidClientTokenId', status: 403 },
  signature: { code: 'SignatureDoesNotMatch', status: 403 },
  expired: { code: 'SignatureDoesNotMatch', status: 403 },
};

/** EC2 answers a wrong secret or an unknown key with AuthFailure (401) and a stale date with RequestExpired. */
const EC2_AUTH_ERRORS: Record<AuthFailureKind, WireAuthError> = {
  ...QUERY_AUTH_ERRORS,
  unknownKey: { code: 'AuthFailure', status: 401 },
  signature: { code: 'AuthFailure', status: 401 },
  expired: { code: 'RequestExpired', status: 400 },
};

const EC2_AUTH_FAILURE_MESSAGE = 'AWS was not able to validate the provided access credentials';

export function authErrorFor(protocol: 'json' | 'query' | 'ec2', failure: AuthFailure): AwsError {
  if (protocol === 'ec2') {
    const wire = EC2_AUTH_ERRORS[failure.kind];
    const message = wire.code === 'AuthFailure' ? EC2_AUTH_FAILURE_MESSAGE : failure.kind === 'missing' ? 'Request is missing Authentication Token' : failure.message;
    return new AwsError(wire.code, message, { status: wire.status });
  }
  const wire = (protocol === 'json' ? JSON_AUTH_ERRORS : QUERY_AUTH_ERRORS)[failure.kind];
  const message = protocol === 'query' && failure.kind === 'missing' ? 'Request is missing Authentication Token' : failure.message;
  return new AwsError(wire.code, message, { status: wire.status });
}
