// How a simulated instance reads in DescribeInstances and DescribeInstanceStatus (element names are the EC2 model's locationNames).
import { createHash } from 'node:crypto';
import type { Ec2XmlValue } from '../../http/ec2Query';
import type { FilterFields } from './ec2Filters';
import { tagSet } from './ec2Filters';
import type { InstanceRegistry, InstanceStateView } from './InstanceRegistry';
import type { SimulatedInstance } from './SimulatedInstance';
import type { VpcInventory } from './VpcInventory';

export interface InstanceContext {
  readonly registry: InstanceRegistry;
  readonly inventory: VpcInventory;
  readonly accountId: string;
}

/** One reservation per CloudFormation instance; its id is derived from the instance id so it never changes. */
export function reservationId(instanceId: string): string {
  return `r-0${createHash('sha256').update(instanceId).digest('hex').slice(0, 16)}`;
}

/** Block devices as the guest has them: the launch mappings, then volumes attached afterwards. */
function blockDevices(instance: SimulatedInstance, registry: InstanceRegistry): { deviceName: string; volumeId: string; attachTime: string; deleteOnTermination: boolean }[] {
  return [
    ...instance.volumes.map((v) => ({ deviceName: v.deviceName, volumeId: v.volumeId, attachTime: instance.launchTime, deleteOnTermination: true })),
    ...registry.volumes.attachmentsOf(instance.instanceId).map((v) => ({ deviceName: v.attachment?.device ?? '', volumeId: v.volumeId, attachTime: v.attachment?.attachTime ?? instance.launchTime, deleteOnTermination: false })),
  ];
}

function stateReason(state: InstanceStateView): Ec2XmlValue {
  if (state.name !== 'stopping' && state.name !== 'stopped' && state.name !== 'terminated') return undefined;
  return { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
}

export function instanceItem(instance: SimulatedInstance, ctx: InstanceContext): Ec2XmlValue {
  const state = ctx.registry.stateOf(instance.instanceId);
  const running = state.name === 'running' || state.name === 'pending';
  // A terminated instance has given up its network interface and volumes.
  const gone = state.name === 'terminated';
  const groups = gone ? [] : instance.securityGroupIds.map((groupId) => ({ groupName: ctx.inventory.securityGroups.get(groupId)?.groupName ?? groupId, groupId }));
  return {
    amiLaunchIndex: 0,
    imageId: instance.imageId,
    instanceId: instance.instanceId,
    instanceType: instance.instanceType,
    launchTime: instance.launchTime,
    monitoring: { state: 'disabled' },
    placement: { availabilityZone: instance.availabilityZone, groupName: '', tenancy: 'default' },
    privateDnsName: gone ? '' : instance.privateDnsName,
    privateIpAddress: gone ? undefined : instance.privateIp,
    productCodes: [],
    // A private-subnet instance has no public name; EC2 sends the element empty.
    dnsName: '',
    instanceState: { code: state.code, name: state.name },
    reason: state.reason,
    subnetId: gone ? undefined : instance.subnetId,
    vpcId: gone ? undefined : instance.vpcId,
    architecture: instance.image.architecture,
    blockDeviceMapping: (gone ? [] : blockDevices(instance, ctx.registry)).map((d) => ({
      deviceName: d.deviceName,
      ebs: { volumeId: d.volumeId, status: 'attached', attachTime: d.attachTime, deleteOnTermination: d.deleteOnTermination },
    })),
    clientToken: '',
    ebsOptimized: false,
    enaSupport: true,
    hypervisor: 'xen',
    iamInstanceProfile: profileOf(instance) === undefined ? undefined : { arn: `arn:aws:iam::${ctx.accountId}:instance-profile/${profileOf(instance)}`, id: profileId(profileOf(instance) ?? '') },
    rootDeviceName: '/dev/xvda',
    rootDeviceType: 'ebs',
    groupSet: groups,
    networkInterfaceSet: gone ? [] : [networkInterface(instance, groups, ctx.accountId)],
    sourceDestCheck: true,
    stateReason: stateReason(state),
    tagSet: tagSet(instance.tags),
    virtualizationType: 'hvm',
    hibernationOptions: { configured: false },
    // AL2023 AMIs require IMDSv2 tokens by default; older AMIs leave them optional.
    metadataOptions: running ? { state: 'applied', httpTokens: instance.image.family === 'al2' ? 'optional' : 'required', httpPutResponseHopLimit: 2, httpEndpoint: 'enabled', httpProtocolIpv6: 'disabled', instanceMetadataTags: 'disabled' } : undefined,
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
  };
}

/** The primary network interface (device 0); its id and MAC are derived from the instance id, so they never change. */
function networkInterface(instance: SimulatedInstance, groups: readonly { groupName: string; groupId: string }[], accountId: string): Ec2XmlValue {
  const digest = createHash('sha256').update(`eni\n${instance.instanceId}`).digest('hex');
  const mac = `0e:${(digest.slice(16, 26).match(/../g) ?? []).join(':')}`;
  return {
    attachment: { attachTime: instance.launchTime, attachmentId: `eni-attach-0${digest.slice(0, 16)}`, deleteOnTermination: true, deviceIndex: 0, status: 'attached', networkCardIndex: 0 },
    description: '',
    groupSet: [...groups],
    ipv6AddressesSet: [],
    macAddress: mac,
    networkInterfaceId: `eni-0${digest.slice(0, 16)}`,
    ownerId: accountId,
    privateDnsName: instance.privateDnsName,
    privateIpAddress: instance.privateIp,
    privateIpAddressesSet: [{ primary: true, privateDnsName: instance.privateDnsName, privateIpAddress: instance.privateIp }],
    sourceDestCheck: true,
    status: 'in-use',
    subnetId: instance.subnetId,
    vpcId: instance.vpcId,
    interfaceType: 'interface',
  };
}

function profileOf(instance: SimulatedInstance): string | undefined {
  return instance.instanceProfile ?? instance.ssmInstanceProfile;
}

/** Instance profile ids look like AIPA followed by 17 upper-case letters and digits. */
function profileId(name: string): string {
  return `AIPA${createHash('sha256').update(name).digest('hex').toUpperCase().slice(0, 17)}`;
}

export function instanceFilterFields(ctx: InstanceContext): FilterFields<SimulatedInstance> {
  const attached = (i: SimulatedInstance, value: string) => (ctx.registry.stateOf(i.instanceId).name === 'terminated' ? [] : [value]);
  return {
    'instance-id': (i) => [i.instanceId],
    'instance-state-name': (i) => [ctx.registry.stateOf(i.instanceId).name],
    'instance-state-code': (i) => [String(ctx.registry.stateOf(i.instanceId).code)],
    'instance-type': (i) => [i.instanceType],
    'image-id': (i) => [i.imageId],
    'vpc-id': (i) => attached(i, i.vpcId),
    'subnet-id': (i) => attached(i, i.subnetId),
    'availability-zone': (i) => [i.availabilityZone],
    'private-ip-address': (i) => attached(i, i.privateIp),
    'private-dns-name': (i) => attached(i, i.privateDnsName),
    architecture: (i) => [i.image.architecture],
    'reservation-id': (i) => [reservationId(i.instanceId)],
    'owner-id': () => [ctx.accountId],
    'instance.group-id': (i) => i.securityGroupIds,
    'instance.group-name': (i) => i.securityGroupIds.map((id) => ctx.inventory.securityGroups.get(id)?.groupName),
    'block-device-mapping.volume-id': (i) => blockDevices(i, ctx.registry).map((d) => d.volumeId),
    'block-device-mapping.device-name': (i) => blockDevices(i, ctx.registry).map((d) => d.deviceName),
    'iam-instance-profile.arn': (i) => (profileOf(i) === undefined ? [] : [`arn:aws:iam::${ctx.accountId}:instance-profile/${profileOf(i)}`]),
    'root-device-type': () => ['ebs'],
    'virtualization-type': () => ['hvm'],
  };
}

/** DescribeInstanceStatus: reachability checks pass once running, are "initializing" while the instance boots, and do not apply when stopped. */
export function instanceStatusItem(instance: SimulatedInstance, state: InstanceStateView): Ec2XmlValue {
  const summary = (name: string) =>
    state.name === 'running'
      ? { details: [{ name, status: 'passed' }], status: 'ok' }
      : state.name === 'pending'
        ? { details: [{ name, status: 'initializing' }], status: 'initializing' }
        : { status: 'not-applicable' };
  return {
    availabilityZone: instance.availabilityZone,
    instanceId: instance.instanceId,
    instanceState: { code: state.code, name: state.name },
    instanceStatus: summary('reachability'),
    systemStatus: summary('reachability'),
  };
}
