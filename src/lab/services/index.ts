// The lab's service table: every AWS API the lab serves, built from the shared runtime.
import type { ServiceDefinition } from '../http/types';
import type { LabRuntime } from '../LabRuntime';

export interface LabServices {
  readonly definitions: readonly ServiceDefinition[];
  /** Flushes and closes whatever the services hold open. */
  close(): Promise<void>;
}

export async function createServices(_runtime: LabRuntime): Promise<LabServices> {
  const definitions: ServiceDefinition[] = [];
  return { definitions, close: async () => undefined };
}
