// Private IP allocation: reserved addresses, preferred addresses, and no address live twice in the lab (its network resolves IPs lab-wide).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VpcInventory } from '../../../src/lab/services/ec2/VpcInventory';

function inventoryWithTwoVpcs(): VpcInventory {
  const inventory = new VpcInventory();
  for (const [vpcId, subnetId] of [['vpc-a', 'subnet-a'], ['vpc-b', 'subnet-b']] as const) {
    inventory.vpcs.set(vpcId, { cidr: '10.0.0.0/16' });
    inventory.subnets.set(subnetId, { vpcId, cidr: '10.0.1.0/24', availabilityZone: 'us-east-1a', usedAddresses: new Set() });
  }
  return inventory;
}

test('the first four addresses are reserved; two VPCs with the same CIDR never get the same live address', () => {
  const inventory = inventoryWithTwoVpcs();
  assert.equal(inventory.allocateAddress('subnet-a'), '10.0.1.4');
  assert.equal(inventory.allocateAddress('subnet-a'), '10.0.1.5');
  assert.equal(inventory.allocateAddress('subnet-b'), '10.0.1.6');
  inventory.releaseAddress('subnet-a', '10.0.1.4');
  assert.equal(inventory.allocateAddress('subnet-b'), '10.0.1.4');
});

test('a preferred address is honoured inside its subnet and refused when taken or outside it', () => {
  const inventory = inventoryWithTwoVpcs();
  assert.equal(inventory.allocateAddress('subnet-a', '10.0.1.77'), '10.0.1.77');
  assert.equal(inventory.allocateAddress('subnet-a', '10.0.1.77'), undefined);
  assert.equal(inventory.allocateAddress('subnet-a', '10.0.2.9'), undefined);
  assert.equal(inventory.allocateAddress('subnet-x'), undefined);
});
