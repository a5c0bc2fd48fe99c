// The lab's service table: every AWS API the lab serves, built from the shared runtime.
import type { ServiceDefinition } from '../http/types';
import type { LabRuntime } from '../LabRuntime';
import { createCloudFormationService } from './cloudFormation/createCloudFormationService';
import { InstanceRegistry } from './ec2/InstanceRegistry';
import type { InstanceHooks } from './ec2/SimulatedInstance';
import { readParameterValue } from './ssm/publicParameters';
import { RunCommandService } from './ssm/RunCommandService';
import { ssmRunCommandOperations } from './ssm/ssmRunCommandOperations';

export interface LabServices {
  readonly definitions: readonly ServiceDefinition[];
  /** Flushes and closes whatever the services hold open. */
  close(): Promise<void>;
}

/**
 * `instanceHooks` turn simulated instances into gateway appliances and client hosts; the lead wires
 * them to the Storage Gateway service and the emulated client shell (see SimulatedInstance.ts).
 */
export async function createServices(runtime: LabRuntime, instanceHooks: InstanceHooks = {}): Promise<LabServices> {
  const registry = new InstanceRegistry(runtime, instanceHooks);
  const cloudFormation = await createCloudFormationService(runtime, registry, readParameterValue);
  const runCommand = new RunCommandService(runtime, registry);
  const definitions: ServiceDefinition[] = [
    cloudFormation.definition,
    { protocol: 'json', signingName: 'ssm', targetPrefixes: ['AmazonSSM'], operations: ssmRunCommandOperations({ registry, runCommand }) },
  ];
  return {
    definitions,
    close: async () => {
      await cloudFormation.close();
    },
  };
}
