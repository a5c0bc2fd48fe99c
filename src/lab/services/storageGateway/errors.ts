// Storage Gateway's errors as AWS sends them: InvalidGatewayRequestException with error.errorCode and the spec's messages.
import { AwsError } from '../../http/AwsError';

/** Storage Gateway's own error messages, word for word (clients match some of them as substrings). */
export const SG_MESSAGES = {
  ActivationKeyExpired: 'The specified activation key has expired.',
  ActivationKeyInvalid: 'The specified activation key is invalid.',
  ActivationKeyNotFound: 'The specified activation key was not found.',
  GatewayNotFound: 'The specified gateway was not found.',
  GatewayNotConnected: 'The specified gateway is not connected.',
  InternalError: 'An internal error occurred.',
  InvalidParameters: 'The specified request contains invalid parameters.',
  DiskAlreadyAllocated: 'The specified disk is already allocated.',
  DiskDoesNotExist: 'The specified disk does not exist.',
  LocalStorageLimitExceeded: 'The local storage limit was exceeded.',
  NotSupported: 'The specified operation is not supported.',
  NotValidForGateway: 'This operation is not valid for the specified gateway.',
} as const;

export function invalidGatewayRequest(errorCode: string, message: string): AwsError {
  return new AwsError('InvalidGatewayRequestException', message, { status: 400, body: { error: { errorCode } } });
}

export const gatewayNotFound = (): AwsError => invalidGatewayRequest('GatewayNotFound', SG_MESSAGES.GatewayNotFound);
export const gatewayNotConnected = (): AwsError => invalidGatewayRequest('GatewayNotConnected', SG_MESSAGES.GatewayNotConnected);
/** InvalidParameters keeps AWS's sentence first (clients match it as a substring) and adds what to change. */
export const invalidParameters = (detail?: string): AwsError =>
  invalidGatewayRequest('InvalidParameters', detail ? `${SG_MESSAGES.InvalidParameters} ${detail}` : SG_MESSAGES.InvalidParameters);
export const tapeNotFound = (tapeArn: string): AwsError =>
  invalidGatewayRequest('TapeCartridgeNotFound', `The specified tape ${tapeArn} was not found. Check the ARN with ListTapes.`);
export const notValidForGateway = (): AwsError => invalidGatewayRequest('NotSupported', SG_MESSAGES.NotValidForGateway);
