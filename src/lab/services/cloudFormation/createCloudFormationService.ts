// Builds the lab's CloudFormation service (query protocol, 2010-05-15) over a durable stack store.
import type { QueryServiceDefinition } from '../../http/types';
import type { LabRuntime } from '../../LabRuntime';
import type { InstanceRegistry } from '../ec2/InstanceRegistry';
import { VpcInventory } from '../ec2/VpcInventory';
import { cloudFormationOperations } from './cloudFormationOperations';
import { withInputConstraints } from './inputConstraints';
import { createResourceProviders } from './resources/resourceProviders';
import { StackEngine } from './StackEngine';
import { StackStore } from './StackStore';
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
  inventory: VpcInventory = new VpcInventory(),
): Promise<CloudFormationService> {
  // Nested stacks need the engine, which is built from the providers: bind it once it exists.
  const bound: { engine?: StackEngine } = {};
  const boundEngine = (): StackEngine => {
    if (!bound.engine) throw new Error('The stack engine is not ready yet.');
    return bound.engine;
  };
  const providers = createResourceProviders(inventory, registry, runtime.now, { engine: boundEngine, readS3Object, readSsmParameter, now: runtime.now });
  const store = await StackStore.open(runtime);
  const engine = new StackEngine(runtime, store, providers);
  bound.engine = engine;
  await engine.restore();
  return {
    definition: {
      protocol: 'query',
      signingName: 'cloudformation',
      version: '2010-05-15',
      xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
      operations: withInputConstraints(cloudFormationOperations({ engine, providers, readSsmParameter, readS3Object })),
    },
    engine,
    close: async () => {
      await engine.close();
      await store.close();
    },
  };
}
