// The lab's EC2 service (EC2 protocol, API 2016-11-15) over the simulated instances, volumes and VPC inventory.
import type { Ec2ServiceDefinition } from '../../http/types';
import { instanceOperations } from './instanceOperations';
import type { InstanceRegistry } from './InstanceRegistry';
import { networkOperations } from './networkOperations';
import { volumeOperations } from './volumeOperations';
import type { VpcInventory } from './VpcInventory';

export function createEc2Service(registry: InstanceRegistry, inventory: VpcInventory, homeRegion: string): Ec2ServiceDefinition {
  return {
    protocol: 'ec2',
    signingName: 'ec2',
    version: '2016-11-15',
    xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
    operations: {
      ...instanceOperations(registry, inventory),
      ...networkOperations(inventory, homeRegion),
      ...volumeOperations(registry),
    },
  };
}
