// Runs one SDK call and turns whatever it throws into an AwsFailure naming the AWS operation.
import type { AwsClients } from './AwsClients';
import { AwsFailure, toAwsFailure } from './AwsFailure';

export async function callAws<T>(clients: AwsClients, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AwsFailure) throw error;
    throw toAwsFailure(error, operation, clients.target.kind === 'aws' ? clients.target.profile : undefined, clients.endpointLabel);
  }
}

/** The errorCode inside an InvalidGatewayRequestException, if any: Storage Gateway puts the specific cause (GatewayNotConnected, …) in error.errorCode. */
export function storageGatewayErrorCode(error: unknown): string | undefined {
  const inner = typeof error === 'object' && error !== null ? (error as { error?: { errorCode?: unknown } }).error : undefined;
  return typeof inner?.errorCode === 'string' ? inner.errorCode : undefined;
}
