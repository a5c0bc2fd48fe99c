// Builds the lab's CloudFormation service (query protocol, 2010-05-15) over a durable stack store.
import { join } from 'node:path';
import type { QueryServiceDefinition } from '../../http/types';
import type { LabRuntime } from '../../LabRuntime';
import type { InstanceRegistry } from '../ec2/InstanceRegistry';
import { VpcInventory } from '../ec2/VpcInventory';
import { cloudFormationOperations } from './cloudFormationOperations';
import { withInputConstraints } from './inputConstraints';
import { JsonFileStore } from './JsonFileStore';
import { createResourceProviders } from './resources/resourceProviders';
import { StackEngine, type SavedStacks } from './StackEngine';

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
  const store = new JsonFileStore<SavedStacks>(join(runtime.config.stateDir, 'cloudformation', 'stacks.json'));
  const engine = new StackEngine(runtime, store, providers);
  await engine.restore();
  return {
    definition: {
      protocol: 'query',
      signingName: 'cloudformation',
      version: '2010-05-15',
      xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
      operations: withInputConstraints(cloudFormationOperations({ engine, providers, readSsmParameter })),
    },
    engine,
    close: () => engine.close(),
  };
}
