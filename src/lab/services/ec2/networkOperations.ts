// EC2 network inventory operations: DescribeVpcs, DescribeSubnets, DescribeSecurityGroups, DescribeVpcEndpoints.
import type { RequestContext } from '../../http/types';
import { applyFilters, tagSet } from './ec2Filters';
import { ec2Request, paginate, requireAll, requireWellFormed, type Ec2Request } from './ec2Input';
import { checkDryRun } from './instanceOperations';
import { DEFAULT_EGRESS, ipPermissions } from './securityGroupRules';
import { parseCidr, type SecurityGroupRecord, type SubnetRecord, type VpcEndpointRecord, type VpcInventory, type VpcRecord } from './VpcInventory';

type Entry<T> = [string, T];

const NO_TAGS: Readonly<Record<string, string>> = {};

export function networkOperations(inventory: VpcInventory, homeRegion: string) {
  const vpcRegion = (vpcId: string) => inventory.vpcs.get(vpcId)?.region ?? homeRegion;
  const subnetRegion = (subnet: SubnetRecord) => subnet.availabilityZone.slice(0, -1);

  /** Named ids (Param.N) must all exist in the region; none named means all of them. */
  function pick<T>(request: Ec2Request, param: string, entries: Entry<T>[], idPrefix: string, malformed: string, notFound: string, noun: string): Entry<T>[] {
    const ids = request.list(param);
    requireWellFormed(ids, idPrefix, malformed);
    requireAll(ids, (id) => entries.some(([key]) => key === id), notFound, noun);
    return ids.length === 0 ? entries : entries.filter(([key]) => ids.includes(key));
  }

  function page<T>(request: Ec2Request, entries: Entry<T>[], max = 1000, clampToMax = false) {
    checkDryRun(request);
    return paginate(entries, ([id]) => id, request, { min: 5, max, clampToMax });
  }

  return {
    DescribeVpcs(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const all = [...inventory.vpcs.entries()].filter(([id]) => vpcRegion(id) === ctx.region);
      const chosen = pick(request, 'VpcId', all, 'vpc', 'InvalidVpcID.Malformed', 'InvalidVpcID.NotFound', 'vpc ID');
      const filtered = applyFilters(chosen, request.filters(), {
        'vpc-id': ([id]) => [id],
        'cidr-block': ([, v]) => [v.cidr],
        'cidr': ([, v]) => [v.cidr],
        'cidr-block-association.cidr-block': ([, v]) => [v.cidr],
        state: () => ['available'],
        'is-default': () => ['false'],
        'owner-id': () => [ctx.accountId],
      }, ([, v]: Entry<VpcRecord>) => v.tags ?? NO_TAGS);
      const result = page(request, filtered);
      return {
        vpcSet: result.items.map(([vpcId, vpc]) => ({
          cidrBlock: vpc.cidr,
          dhcpOptionsId: `dopt-0${vpcId.slice(5, 21)}`,
          state: 'available',
          vpcId,
          ownerId: ctx.accountId,
          instanceTenancy: 'default',
          cidrBlockAssociationSet: [{ associationId: `vpc-cidr-assoc-0${vpcId.slice(5, 21)}`, cidrBlock: vpc.cidr, cidrBlockState: { state: 'associated' } }],
          isDefault: false,
          tagSet: tagSet(vpc.tags ?? NO_TAGS),
        })),
        nextToken: result.nextToken,
      };
    },

    DescribeSubnets(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const all = [...inventory.subnets.entries()].filter(([, s]) => subnetRegion(s) === ctx.region);
      const chosen = pick(request, 'SubnetId', all, 'subnet', 'InvalidSubnetID.Malformed', 'InvalidSubnetID.NotFound', 'subnet ID');
      const filtered = applyFilters(chosen, request.filters(), {
        'subnet-id': ([id]) => [id],
        'vpc-id': ([, s]) => [s.vpcId],
        'cidr-block': ([, s]) => [s.cidr],
        'availability-zone': ([, s]) => [s.availabilityZone],
        state: () => ['available'],
        'default-for-az': () => ['false'],
        'owner-id': () => [ctx.accountId],
      }, ([, s]: Entry<SubnetRecord>) => s.tags ?? NO_TAGS);
      const result = page(request, filtered);
      return {
        subnetSet: result.items.map(([subnetId, subnet]) => {
          const size = 2 ** (32 - (parseCidr(subnet.cidr)?.prefix ?? 32));
          return {
            availabilityZone: subnet.availabilityZone,
            availableIpAddressCount: Math.max(0, size - 5 - subnet.usedAddresses.size),
            cidrBlock: subnet.cidr,
            defaultForAz: false,
            mapPublicIpOnLaunch: false,
            state: 'available',
            subnetId,
            vpcId: subnet.vpcId,
            ownerId: ctx.accountId,
            assignIpv6AddressOnCreation: false,
            ipv6CidrBlockAssociationSet: [],
            tagSet: tagSet(subnet.tags ?? NO_TAGS),
            subnetArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${subnetId}`,
            enableDns64: false,
            ipv6Native: false,
            privateDnsNameOptionsOnLaunch: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
          };
        }),
        nextToken: result.nextToken,
      };
    },

    DescribeSecurityGroups(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const all = [...inventory.securityGroups.entries()].filter(([, g]) => vpcRegion(g.vpcId) === ctx.region);
      let chosen = pick(request, 'GroupId', all, 'sg', 'InvalidGroupId.Malformed', 'InvalidGroup.NotFound', 'security group');
      const names = request.list('GroupName');
      requireAll(names, (name) => chosen.some(([, g]) => g.groupName === name), 'InvalidGroup.NotFound', 'security group');
      if (names.length > 0) chosen = chosen.filter(([, g]) => names.includes(g.groupName));
      const filtered = applyFilters(chosen, request.filters(), {
        'group-id': ([id]) => [id],
        'group-name': ([, g]) => [g.groupName],
        'vpc-id': ([, g]) => [g.vpcId],
        description: ([, g]) => [g.description],
        'ip-permission.protocol': ([, g]) => (g.ingress ?? []).map((r) => r.ipProtocol),
        'ip-permission.from-port': ([, g]) => (g.ingress ?? []).map((r) => (r.fromPort === undefined ? undefined : String(r.fromPort))),
        'ip-permission.to-port': ([, g]) => (g.ingress ?? []).map((r) => (r.toPort === undefined ? undefined : String(r.toPort))),
        'ip-permission.group-id': ([, g]) => (g.ingress ?? []).map((r) => r.sourceGroupId),
        'ip-permission.cidr': ([, g]) => (g.ingress ?? []).map((r) => r.cidrIp),
        'owner-id': () => [ctx.accountId],
      }, ([, g]: Entry<SecurityGroupRecord>) => g.tags ?? NO_TAGS);
      const result = page(request, filtered);
      return {
        securityGroupInfo: result.items.map(([groupId, group]) => ({
          groupDescription: group.description ?? '',
          groupName: group.groupName,
          ipPermissions: ipPermissions(group.ingress ?? [], ctx.accountId),
          ownerId: ctx.accountId,
          groupId,
          ipPermissionsEgress: ipPermissions(group.egress ?? DEFAULT_EGRESS, ctx.accountId),
          tagSet: tagSet(group.tags ?? NO_TAGS),
          vpcId: group.vpcId,
        })),
        nextToken: result.nextToken,
      };
    },

    DescribeVpcEndpoints(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const all = [...inventory.endpoints.entries()].filter(([, e]) => e.region === ctx.region);
      const chosen = pick(request, 'VpcEndpointId', all, 'vpce', 'InvalidVpcEndpointId.Malformed', 'InvalidVpcEndpointId.NotFound', 'VpcEndpoint Id');
      const filtered = applyFilters(chosen, request.filters(), {
        'vpc-endpoint-id': ([id]) => [id],
        'service-name': ([, e]) => [e.serviceName],
        'vpc-id': ([, e]) => [e.vpcId],
        'vpc-endpoint-state': () => ['available'],
        'vpc-endpoint-type': ([, e]) => [e.type],
      }, () => NO_TAGS);
      checkDryRun(request);
      const result = paginate(filtered, ([id]) => id, request, { min: 1, max: 1000, clampToMax: true });
      return { vpcEndpointSet: result.items.map(([id, endpoint]) => endpointItem(id, endpoint, inventory, ctx.accountId)), nextToken: result.nextToken };
    },
  };
}

/** DnsEntries in AWS's form: the regional name first, then one per zone, then the private DNS name, each with its hosted zone. */
function endpointItem(endpointId: string, endpoint: VpcEndpointRecord, inventory: VpcInventory, accountId: string) {
  return {
    vpcEndpointId: endpointId,
    vpcEndpointType: endpoint.type,
    vpcId: endpoint.vpcId,
    serviceName: endpoint.serviceName,
    state: 'available',
    policyDocument: endpoint.policyDocument ?? (endpoint.type === 'Gateway' ? '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}' : undefined),
    routeTableIdSet: endpoint.routeTableIds,
    subnetIdSet: endpoint.subnetIds,
    groupSet: endpoint.securityGroupIds.map((groupId) => ({ groupId, groupName: inventory.securityGroups.get(groupId)?.groupName ?? groupId })),
    ipAddressType: 'ipv4',
    dnsOptions: endpoint.type === 'Interface' ? { dnsRecordIpType: 'ipv4' } : undefined,
    privateDnsEnabled: endpoint.privateDnsEnabled,
    requesterManaged: false,
    networkInterfaceIdSet: endpoint.networkInterfaceIds,
    dnsEntrySet: endpoint.dnsEntries.map((entry) => {
      const colon = entry.indexOf(':');
      return { dnsName: entry.slice(colon + 1), hostedZoneId: entry.slice(0, colon) };
    }),
    creationTimestamp: endpoint.creationTimestamp,
    tagSet: [],
    ownerId: accountId,
  };
}
