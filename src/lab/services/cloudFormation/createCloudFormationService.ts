// Builds the lab's CloudFormation service (query protocol, 2010-05-15) over a durable stack store.
import type { QueryServiceDefinition } from '../../http/types';
import type { LabRuntime } from '../../LabRuntime';
import type { InstanceRegistry } from '../ec2/InstanceRegistry';
import { VpcInventory } from '../ec2/VpcInventory';
import { cloudFormationOperations } from './cloudFormationOperations';
import { createResourceProviders } from './resources/resourceProviders';
import { StackEngine } from './StackEngine';
import { StackStore } from './StackStore';

export interface CloudFormationService {
  readonly definition: QueryServiceDefinition;
  readonly engine: StackEngine;
  close(): Promise<void>;
}

export async function createCloudFormationService(
  runtime: LabRuntime,
  registry: InstanceRegistry,
  readSsmParameter: (name: string, region: string) => string | undefined,
  inventory: VpcInventory = new VpcInventory(),
): Promise<CloudFormationService> {
  const providers = createResourceProviders(inventory, registry, runtime.now);
  const store = await StackStore.open(runtime);
  const engine = new StackEngine(runtime, store, providers);
  await engine.restore();
  return {
    definition: {
      protocol: 'query',
      signingName: 'cloudformation',
      version: '2010-05-15',
      xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
      operations: cloudFormationOperations({ engine, stacks: store, providers, readSsmParameter }),
    },
    engine,
    close: async () => {
      await engine.close();
      await store.close();
    },
  };
}
