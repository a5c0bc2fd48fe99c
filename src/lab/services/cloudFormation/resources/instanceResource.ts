// Simulated AWS::EC2::Instance: validates like EC2, allocates a private IP in its subnet, registers the instance.
import { imageByAmiId } from '../../ec2/amazonImages';
import { privateDnsName, resourceId } from '../../ec2/ec2Ids';
import type { InstanceRegistry } from '../../ec2/InstanceRegistry';
import type { SimulatedInstance, SimulatedVolume } from '../../ec2/SimulatedInstance';
import type { VpcInventory } from '../../ec2/VpcInventory';
import { ec2Failure, optionalString, requiredString, ResourceFailure, stringList, type CreateRequest, type ResourceProvider } from './ResourceProvider';
import { resourceTags } from './resourceTags';

/** EC2 accepts at most 16 KB of user data (before base64). */
const MAX_USER_DATA_BYTES = 16 * 1024;

export function instanceProvider(inventory: VpcInventory, registry: InstanceRegistry, now: () => Date): ResourceProvider {
  return {
    createMs: 30_000,
    deleteMs: 45_000,
    attributes: ['AvailabilityZone', 'InstanceId', 'PrivateDnsName', 'PrivateIp', 'PublicDnsName', 'PublicIp', 'VpcId'],
    async create(request) {
      const instance = describeInstance(request, inventory, now());
      await registry.launch(instance);
      return {
        physicalId: instance.instanceId,
        state: instance,
        attributes: { AvailabilityZone: instance.availabilityZone, InstanceId: instance.instanceId, PrivateDnsName: instance.privateDnsName, PrivateIp: instance.privateIp, PublicDnsName: '', VpcId: instance.vpcId },
      };
    },
    async delete(resource) {
      const instance = resource.state as SimulatedInstance | undefined;
      if (instance) inventory.releaseAddress(instance.subnetId, instance.privateIp);
      await registry.terminate(resource.physicalId);
    },
    async restore(resource) {
      const instance = resource.state as SimulatedInstance;
      inventory.allocateAddress(instance.subnetId, instance.privateIp);
      await registry.launch(instance);
    },
  };
}

function describeInstance(request: CreateRequest, inventory: VpcInventory, launchTime: Date): SimulatedInstance {
  const imageId = requiredString(request, 'ImageId');
  const image = imageByAmiId(imageId, request.region);
  if (!image) throw ec2Failure(`The image id '[${imageId}]' does not exist`, 'InvalidAMIID.NotFound');
  const instanceType = optionalString(request, 'InstanceType') ?? 'm1.small';
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType)) throw ec2Failure(`Invalid value '${instanceType}' for InstanceType.`, 'InvalidParameterValue');
  // Graviton types: a "g" after the generation (t4g, m7gd, c6gn, r8g) and the first-generation a1.
  const typeArchitecture = /^([a-z]+\d+g[a-z]*|a1)\./.test(instanceType) ? 'arm64' : 'x86_64';
  if (typeArchitecture !== image.architecture) {
    throw ec2Failure(`The architecture '${typeArchitecture}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to discover the architecture of the instance type or AMI.`, 'InvalidParameterValue');
  }
  const subnetId = requiredString(request, 'SubnetId');
  const subnet = inventory.subnets.get(subnetId);
  if (!subnet) throw ec2Failure(`The subnet ID '${subnetId}' does not exist`, 'InvalidSubnetID.NotFound');
  const securityGroupIds = stringList(request, 'SecurityGroupIds');
  for (const groupId of securityGroupIds) {
    const group = inventory.securityGroups.get(groupId);
    if (!group) throw ec2Failure(`The security group '${groupId}' does not exist`, 'InvalidGroup.NotFound');
    if (group.vpcId !== subnet.vpcId) throw ec2Failure(`Security group ${groupId} and subnet ${subnetId} belong to different networks.`, 'InvalidParameter');
  }
  const keyName = optionalString(request, 'KeyName');
  if (keyName !== undefined) throw ec2Failure(`The key pair '${keyName}' does not exist`, 'InvalidKeyPair.NotFound');
  const profile = optionalString(request, 'IamInstanceProfile');
  const profileName = profile?.includes(':instance-profile/') ? profile.slice(profile.lastIndexOf('/') + 1) : profile;
  if (profileName !== undefined && !inventory.instanceProfiles.has(profileName)) {
    throw ec2Failure(`Value (${profileName}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`, 'InvalidParameterValue');
  }
  const userData = decodeUserData(request);
  const volumes = blockDevices(request, image.rootVolumeGiB);
  const privateIp = inventory.allocateAddress(subnetId, optionalString(request, 'PrivateIpAddress'));
  if (privateIp === undefined) throw ec2Failure(`There are not enough free addresses in subnet '${subnetId}' to satisfy the requested number of instances.`, 'InsufficientFreeAddressesInSubnet');
  return {
    instanceId: resourceId('i'),
    imageId,
    image,
    instanceType,
    region: request.region,
    availabilityZone: subnet.availabilityZone,
    vpcId: subnet.vpcId,
    subnetId,
    privateIp,
    privateDnsName: privateDnsName(privateIp, request.region),
    securityGroupIds,
    ...(profileName !== undefined && inventory.profileGrantsSsm(profileName) ? { ssmInstanceProfile: profileName } : {}),
    ...(profileName === undefined ? {} : { instanceProfile: profileName }),
    userData,
    volumes,
    launchTime: launchTime.toISOString(),
    tags: resourceTags(request),
    stackId: request.stackId,
  };
}

function decodeUserData(request: CreateRequest): string {
  const encoded = optionalString(request, 'UserData');
  if (encoded === undefined) return '';
  const decoded = Buffer.from(encoded, 'base64');
  if (decoded.length > MAX_USER_DATA_BYTES) throw ec2Failure(`User data is limited to ${MAX_USER_DATA_BYTES} bytes`, 'InvalidParameterValue');
  return decoded.toString('utf8');
}

function blockDevices(request: CreateRequest, rootGiB: number): SimulatedVolume[] {
  const mappings = request.properties.BlockDeviceMappings ?? [];
  if (!Array.isArray(mappings)) throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message:\n#/BlockDeviceMappings: expected type: JSONArray`);
  const rootDevice = '/dev/xvda';
  let root: SimulatedVolume = { volumeId: resourceId('vol'), deviceName: rootDevice, sizeGiB: rootGiB, volumeType: 'gp3', root: true, nvmeIndex: 0 };
  const extra: SimulatedVolume[] = [];
  for (const mapping of mappings as Record<string, unknown>[]) {
    const deviceName = String(mapping.DeviceName ?? '');
    const ebs = (mapping.Ebs ?? {}) as Record<string, unknown>;
    if (mapping.NoDevice !== undefined || mapping.VirtualName !== undefined) continue;
    const sizeGiB = Number(ebs.VolumeSize ?? 8);
    const volumeType = String(ebs.VolumeType ?? 'gp2');
    const maximum = 16_384;
    if (!Number.isInteger(sizeGiB) || sizeGiB < 1 || sizeGiB > maximum) {
      throw ec2Failure(`Volume of ${sizeGiB}GiB is outside the allowed range 1-${maximum} GiB for ${volumeType}.`, 'InvalidParameterValue');
    }
    if (deviceName === rootDevice) {
      if (sizeGiB < rootGiB) throw ec2Failure(`Volume of size ${sizeGiB}GB is smaller than snapshot '${resourceId('snap')}', expect size >= ${rootGiB}GB`, 'InvalidBlockDeviceMapping');
      root = { ...root, sizeGiB, volumeType };
      continue;
    }
    if (!/^\/dev\/(sd[b-z]|xvd[b-z])$/.test(deviceName)) throw ec2Failure(`Invalid device name ${deviceName}`, 'InvalidParameterValue');
    const encrypted = ebs.Encrypted === true || ebs.Encrypted === 'true';
    extra.push({ volumeId: resourceId('vol'), deviceName, sizeGiB, volumeType, encrypted, root: false, nvmeIndex: extra.length + 1 });
  }
  return [root, ...extra];
}
