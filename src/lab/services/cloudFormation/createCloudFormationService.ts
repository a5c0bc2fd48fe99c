// Builds the lab's CloudFormation service (query protocol, 2010-05-15) over a durable stack store.
import { join } from 'node:path';
import type { QueryServiceDefinition } from '../../http/types';
import type { LabRuntime } from '../../LabRuntime';
import type { InstanceRegistry } from '../ec2/InstanceRegistry';
import { VpcInventory } from '../ec2/VpcInventory';
import { cloudFormationOperations } from './cloudFormationOperations';
import { JsonFileStore } from './JsonFileStore';
import { createResourceProviders } from './resources/resourceProviders';
import { StackEngine, type SavedStacks } from './StackEngine';
import type { ReadS3Object } from './templateUrl';

export interface CloudFormationService {
  readonly definition: QueryServiceDefinition;
  readonly engine: StackEngine;
  close(): Promise<void>;
}

export async function createCloudFormationService(
  runtime: LabRuntime,
  registry: InstanceRegistry,
  readSsmParameter: (name: string, region: string) => string | undefined,
  readS3Object: ReadS3Object,
): Promise<CloudFormationService> {
  // Nested stacks need the engine, which is built from the providers: bind it once it exists.
  const bound: { engine?: StackEngine } = {};
  const boundEngine = (): StackEngine => {
    if (!bound.engine) throw new Error('The stack engine is not ready yet.');
    return bound.engine;
  };
  const providers = createResourceProviders(new VpcInventory(), registry, runtime.now, { engine: boundEngine, readS3Object, readSsmParameter, now: runtime.now });
  const store = new JsonFileStore<SavedStacks>(join(runtime.config.stateDir, 'cloudformation', 'stacks.json'));
  const created = new StackEngine(runtime, store, providers);
  bound.engine = created;
  await created.restore();
  return {
    definition: {
      protocol: 'query',
      signingName: 'cloudformation',
      version: '2010-05-15',
      xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
      operations: cloudFormationOperations({ engine: created, providers, readSsmParameter, readS3Object }),
    },
    engine: created,
    close: () => created.close(),
  };
}
