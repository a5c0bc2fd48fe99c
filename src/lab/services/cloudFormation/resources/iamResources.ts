// Simulated AWS::IAM::Role and AWS::IAM::InstanceProfile (names, ARNs, ids) and the capabilities they require.
import { randomBytes } from 'node:crypto';
import { generatedName } from '../../ec2/ec2Ids';
import type { VpcInventory } from '../../ec2/VpcInventory';
import { optionalString, ResourceFailure, stringList, type ResourceProvider } from './ResourceProvider';

interface RoleState {
  readonly managedPolicyArns: readonly string[];
}
interface ProfileState {
  readonly roles: readonly string[];
}

function uniqueId(prefix: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + [...randomBytes(17)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export function iamResourceProviders(inventory: VpcInventory): Record<string, ResourceProvider> {
  return {
    'AWS::IAM::Role': {
      createMs: 10_000,
      deleteMs: 5_000,
      attributes: ['Arn', 'RoleId'],
      requiredCapability: (properties) => (properties.RoleName !== undefined ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'),
      create(request) {
        if (request.properties.AssumeRolePolicyDocument === undefined) {
          throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message:\n#: required key [AssumeRolePolicyDocument] not found`);
        }
        const name = optionalString(request, 'RoleName') ?? generatedName(request.stackName, request.logicalId, 64);
        const path = optionalString(request, 'Path') ?? '/';
        const managedPolicyArns = stringList(request, 'ManagedPolicyArns');
        inventory.roles.set(name, managedPolicyArns);
        const state: RoleState = { managedPolicyArns };
        return { physicalId: name, state, attributes: { Arn: `arn:aws:iam::${request.accountId}:role${path}${name}`, RoleId: uniqueId('AROA') } };
      },
      delete(resource) {
        inventory.roles.delete(resource.physicalId);
      },
      restore(resource) {
        inventory.roles.set(resource.physicalId, (resource.state as RoleState).managedPolicyArns);
      },
    },
    'AWS::IAM::InstanceProfile': {
      createMs: 120_000,
      deleteMs: 5_000,
      attributes: ['Arn'],
      requiredCapability: (properties) => (properties.InstanceProfileName !== undefined ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'),
      create(request) {
        const roles = stringList(request, 'Roles');
        if (roles.length !== 1) throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message:\n#/Roles: expected exactly 1 item`);
        for (const role of roles) {
          if (!inventory.roles.has(role)) throw new ResourceFailure(`The role with name ${role} cannot be found. (Service: AmazonIdentityManagement; Status Code: 404; Error Code: NoSuchEntity)`);
        }
        const name = optionalString(request, 'InstanceProfileName') ?? generatedName(request.stackName, request.logicalId, 128);
        const path = optionalString(request, 'Path') ?? '/';
        inventory.instanceProfiles.set(name, roles);
        const state: ProfileState = { roles };
        return { physicalId: name, state, attributes: { Arn: `arn:aws:iam::${request.accountId}:instance-profile${path}${name}` } };
      },
      delete(resource) {
        inventory.instanceProfiles.delete(resource.physicalId);
      },
      restore(resource) {
        inventory.instanceProfiles.set(resource.physicalId, (resource.state as ProfileState).roles);
      },
    },
  };
}
