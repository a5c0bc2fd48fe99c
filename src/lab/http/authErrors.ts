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

/** S3 answers every authentication failure in its own XML, with 403 for all but a malformed header. */
const S3_AUTH_ERRORS: Record<AuthFailureKind, WireAuthError & { message?: string }> = {
  missing: { code: 'AccessDenied', status: 403, message: 'Access Denied' },
  incomplete: { code: 'AuthorizationHeaderMalformed', status: 400 },
  unknownKey: { code: 'InvalidAccessKeyId', status: 403, message: 'The AWS Access Key Id you provided does not exist in our records.' },
  signature: { code: 'SignatureDoesNotMatch', status: 403, message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' },
  expired: { code: 'RequestTimeTooSkewed', status: 403, message: 'The difference between the request time and the current time is too large.' },
};

export function authErrorFor(protocol: 'json' | 'query' | 'ec2' | 'rest-xml', failure: AuthFailure): AwsError {
  if (protocol === 'rest-xml') {
    const s3 = S3_AUTH_ERRORS[failure.kind];
    // A missing x-amz-content-sha256 is S3's InvalidRequest rather than a malformed Authorization header.
    if (failure.message.startsWith('Missing required header')) return new AwsError('InvalidRequest', failure.message);
    if (failure.message === 'Request has expired') return new AwsError('AccessDenied', failure.message, { status: 403 });
    return new AwsError(s3.code, s3.message ?? failure.message, { status: s3.status });
  }
  if (protocol === 'ec2') {
    const wire = EC2_AUTH_ERRORS[failure.kind];
    const message = wire.code === 'AuthFailure' ? EC2_AUTH_FAILURE_MESSAGE : failure.kind === 'missing' ? 'Request is missing Authentication Token' : failure.message;
    return new AwsError(wire.code, message, { status: wire.status });
  }
  const wire = (protocol === 'json' ? JSON_AUTH_ERRORS : QUERY_AUTH_ERRORS)[failure.kind];
  const message = protocol === 'query' && failure.kind === 'missing' ? 'Request is missing Authentication Token' : failure.message;
  return new AwsError(wire.code, message, { status: wire.status });
}
