// The table of resource types the lab simulates, keyed by their CloudFormation type name.
import type { InstanceRegistry } from '../../ec2/InstanceRegistry';
import type { VpcInventory } from '../../ec2/VpcInventory';
import { iamResourceProviders } from './iamResources';
import { instanceProvider } from './instanceResource';
import type { ResourceProvider } from './ResourceProvider';
import { vpcEndpointProvider } from './vpcEndpointResource';
import { volumeResourceProviders } from './volumeResources';
import { vpcResourceProviders } from './vpcResources';
import { nestedStackProvider, type NestedStackDependencies } from './nestedStackResource';

export function createResourceProviders(inventory: VpcInventory, registry: InstanceRegistry, now: () => Date, nested: Omit<NestedStackDependencies, 'providers'>): ReadonlyMap<string, ResourceProvider> {
  const providers: ReadonlyMap<string, ResourceProvider> = new Map(
    Object.entries({
      ...vpcResourceProviders(inventory),
      ...iamResourceProviders(inventory),
      'AWS::EC2::VPCEndpoint': vpcEndpointProvider(inventory),
      'AWS::EC2::Instance': instanceProvider(inventory, registry, now),
      ...volumeResourceProviders(registry, now),
      'AWS::CloudFormation::Stack': nestedStackProvider({ ...nested, providers: () => providers }),
    }),
  );
  return providers;
}
