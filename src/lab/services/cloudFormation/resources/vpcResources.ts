// Simulated VPC building blocks: VPC, Subnet, RouteTable, SubnetRouteTableAssociation, SecurityGroup(+Ingress/Egress).
import { generatedName, resourceId } from '../../ec2/ec2Ids';
import { cidrContains, parseCidr, type VpcInventory } from '../../ec2/VpcInventory';
import { availabilityZones } from '../template/evaluateIntrinsics';
import { ec2Failure, optionalString, requiredString, type ProvisionedResource, type ResourceProvider } from './ResourceProvider';
import { DEFAULT_EGRESS, ruleFromProperties, type SecurityGroupRule } from '../../ec2/securityGroupRules';
import { resourceTags } from './resourceTags';

interface VpcState {
  readonly cidr: string;
  readonly region?: string;
  readonly tags?: Record<string, string>;
}
interface SubnetState {
  readonly vpcId: string;
  readonly cidr: string;
  readonly availabilityZone: string;
  readonly tags?: Record<string, string>;
}
interface GroupState {
  readonly vpcId: string;
  readonly groupName: string;
  readonly description?: string;
  readonly tags?: Record<string, string>;
  readonly ingress?: SecurityGroupRule[];
  readonly egress?: SecurityGroupRule[];
}
interface RuleState {
  readonly groupId: string;
  readonly direction: 'ingress' | 'egress';
  readonly rule: SecurityGroupRule;
}

export function vpcResourceProviders(inventory: VpcInventory): Record<string, ResourceProvider> {
  const requireVpc = (vpcId: string) => {
    const vpc = inventory.vpcs.get(vpcId);
    if (!vpc) throw ec2Failure(`The vpc ID '${vpcId}' does not exist`, 'InvalidVpcID.NotFound');
    return vpc;
  };
  return {
    'AWS::EC2::VPC': {
      createMs: 15_000,
      deleteMs: 5_000,
      attributes: ['CidrBlock', 'CidrBlockAssociations', 'DefaultNetworkAcl', 'DefaultSecurityGroup', 'Ipv6CidrBlocks', 'VpcId'],
      create(request) {
        const cidr = requiredString(request, 'CidrBlock');
        const parsed = parseCidr(cidr);
        if (!parsed || parsed.prefix < 16 || parsed.prefix > 28) throw ec2Failure(`The CIDR '${cidr}' is invalid.`, 'InvalidVpc.Range');
        const vpcId = resourceId('vpc');
        const state: VpcState = { cidr, region: request.region, tags: resourceTags(request) };
        inventory.vpcs.set(vpcId, state);
        return {
          physicalId: vpcId,
          state,
          attributes: { CidrBlock: cidr, CidrBlockAssociations: [resourceId('vpc-cidr-assoc')], DefaultNetworkAcl: resourceId('acl'), DefaultSecurityGroup: resourceId('sg'), Ipv6CidrBlocks: [], VpcId: vpcId },
        };
      },
      delete(resource) {
        inventory.vpcs.delete(resource.physicalId);
      },
      restore(resource) {
        inventory.vpcs.set(resource.physicalId, resource.state as VpcState);
      },
    },
    'AWS::EC2::Subnet': {
      createMs: 5_000,
      deleteMs: 5_000,
      attributes: ['AvailabilityZone', 'AvailabilityZoneId', 'CidrBlock', 'Ipv6CidrBlocks', 'NetworkAclAssociationId', 'OutpostArn', 'SubnetId', 'VpcId'],
      create(request) {
        const vpcId = requiredString(request, 'VpcId');
        const cidr = requiredString(request, 'CidrBlock');
        const vpc = requireVpc(vpcId);
        if (!parseCidr(cidr) || !cidrContains(vpc.cidr, cidr)) throw ec2Failure(`The CIDR '${cidr}' is invalid.`, 'InvalidSubnet.Range');
        const zones = availabilityZones(request.region);
        const availabilityZone = optionalString(request, 'AvailabilityZone') ?? zones[0] ?? `${request.region}a`;
        if (!zones.includes(availabilityZone)) throw ec2Failure(`Value (${availabilityZone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(', ')}.`, 'InvalidParameterValue');
        const subnetId = resourceId('subnet');
        const state: SubnetState = { vpcId, cidr, availabilityZone, tags: resourceTags(request) };
        inventory.subnets.set(subnetId, { ...state, usedAddresses: new Set() });
        const zoneNumber = zones.indexOf(availabilityZone) + 1;
        return {
          physicalId: subnetId,
          state,
          attributes: { AvailabilityZone: availabilityZone, AvailabilityZoneId: `${request.region.replace(/^(\w)\w*-(\w)\w*-(\d)$/, '$1$2$3')}-az${zoneNumber}`, CidrBlock: cidr, Ipv6CidrBlocks: [], NetworkAclAssociationId: resourceId('aclassoc'), SubnetId: subnetId, VpcId: vpcId },
        };
      },
      delete(resource) {
        inventory.subnets.delete(resource.physicalId);
      },
      restore(resource) {
        const state = resource.state as SubnetState;
        inventory.subnets.set(resource.physicalId, { ...state, usedAddresses: new Set() });
      },
    },
    'AWS::EC2::RouteTable': {
      createMs: 3_000,
      deleteMs: 3_000,
      attributes: ['RouteTableId'],
      create(request) {
        const vpcId = requiredString(request, 'VpcId');
        requireVpc(vpcId);
        const routeTableId = resourceId('rtb');
        inventory.routeTables.set(routeTableId, { vpcId });
        return { physicalId: routeTableId, state: { vpcId }, attributes: { RouteTableId: routeTableId } };
      },
      delete(resource) {
        inventory.routeTables.delete(resource.physicalId);
      },
      restore(resource) {
        inventory.routeTables.set(resource.physicalId, resource.state as { vpcId: string });
      },
    },
    'AWS::EC2::SubnetRouteTableAssociation': {
      createMs: 3_000,
      deleteMs: 3_000,
      attributes: ['Id'],
      create(request) {
        const subnetId = requiredString(request, 'SubnetId');
        const routeTableId = requiredString(request, 'RouteTableId');
        if (!inventory.subnets.has(subnetId)) throw ec2Failure(`The subnet ID '${subnetId}' does not exist`, 'InvalidSubnetID.NotFound');
        if (!inventory.routeTables.has(routeTableId)) throw ec2Failure(`The routeTable ID '${routeTableId}' does not exist`, 'InvalidRouteTableID.NotFound');
        const id = resourceId('rtbassoc');
        return { physicalId: id, attributes: { Id: id } };
      },
      delete: () => undefined,
    },
    'AWS::EC2::SecurityGroup': {
      createMs: 5_000,
      deleteMs: 5_000,
      attributes: ['GroupId', 'VpcId'],
      create(request) {
        const description = requiredString(request, 'GroupDescription');
        const vpcId = requiredString(request, 'VpcId');
        requireVpc(vpcId);
        const groupName = optionalString(request, 'GroupName') ?? generatedName(request.stackName, request.logicalId, 255);
        const inline = (key: string): SecurityGroupRule[] | undefined => {
          const value = request.properties[key];
          if (!Array.isArray(value)) return undefined;
          return (value as Record<string, unknown>[]).map((properties) => {
            const other = properties.SourceSecurityGroupId ?? properties.DestinationSecurityGroupId;
            if (typeof other === 'string' && !inventory.securityGroups.has(other)) throw ec2Failure(`The security group '${other}' does not exist`, 'InvalidGroup.NotFound');
            return ruleFromProperties(properties);
          });
        };
        const ingress = inline('SecurityGroupIngress') ?? [];
        // Egress rules in the template replace the default allow-all rule; without them it stays.
        const egress = inline('SecurityGroupEgress') ?? [...DEFAULT_EGRESS];
        const groupId = resourceId('sg');
        const state: GroupState = { vpcId, groupName, description, tags: resourceTags(request), ingress, egress };
        inventory.securityGroups.set(groupId, state);
        return { physicalId: groupId, state, attributes: { GroupId: groupId, VpcId: vpcId } };
      },
      delete(resource) {
        inventory.securityGroups.delete(resource.physicalId);
      },
      restore(resource) {
        const state = resource.state as GroupState;
        inventory.securityGroups.set(resource.physicalId, { ...state, ingress: [...(state.ingress ?? [])], egress: [...(state.egress ?? DEFAULT_EGRESS)] });
      },
    },
    'AWS::EC2::SecurityGroupIngress': securityGroupRule(inventory, 'ingress'),
    'AWS::EC2::SecurityGroupEgress': securityGroupRule(inventory, 'egress'),
  };
}

function securityGroupRule(inventory: VpcInventory, direction: 'ingress' | 'egress'): ResourceProvider {
  const rulesOf = (groupId: string) => inventory.securityGroups.get(groupId)?.[direction];
  return {
    createMs: 2_000,
    deleteMs: 2_000,
    attributes: ['Id'],
    create(request): ProvisionedResource {
      const groupId = requiredString(request, 'GroupId');
      requiredString(request, 'IpProtocol');
      if (!inventory.securityGroups.has(groupId)) throw ec2Failure(`The security group '${groupId}' does not exist`, 'InvalidGroup.NotFound');
      for (const key of ['SourceSecurityGroupId', 'DestinationSecurityGroupId']) {
        const other = optionalString(request, key);
        if (other !== undefined && !inventory.securityGroups.has(other)) throw ec2Failure(`The security group '${other}' does not exist`, 'InvalidGroup.NotFound');
      }
      const ruleId = resourceId('sgr');
      const rule = ruleFromProperties(request.properties, ruleId);
      rulesOf(groupId)?.push(rule);
      const state: RuleState = { groupId, direction, rule };
      return { physicalId: ruleId, state, attributes: { Id: ruleId } };
    },
    delete(resource) {
      const state = resource.state as RuleState | undefined;
      const rules = state && rulesOf(state.groupId);
      const at = rules?.findIndex((rule) => rule.ruleId === resource.physicalId) ?? -1;
      if (rules && at >= 0) rules.splice(at, 1);
    },
    restore(resource) {
      const state = resource.state as RuleState | undefined;
      const rules = state && rulesOf(state.groupId);
      if (state && rules && !rules.some((rule) => rule.ruleId === resource.physicalId)) rules.push(state.rule);
    },
  };
}
