// Simulated AWS::EC2::VPCEndpoint: Gateway (S3/DynamoDB) and Interface endpoints with AWS-format DnsEntries.
import { randomBytes } from 'node:crypto';
import { resourceId } from '../../ec2/ec2Ids';
import type { VpcInventory } from '../../ec2/VpcInventory';
import type { VpcEndpointRecord } from '../../ec2/VpcInventory';
import { ec2Failure, requiredString, stringList, type ResourceProvider } from './ResourceProvider';

const GATEWAY_SERVICES = ['s3', 'dynamodb'];
const INTERFACE_SERVICES = ['s3', 'ssm', 'ssmmessages', 'ec2messages', 'ec2', 'storagegateway', 'kms', 'logs', 'sts', 'monitoring', 'secretsmanager', 'ecr.api', 'ecr.dkr'];
/** Route 53 hosted zone of *.vpce.amazonaws.com names in us-east-1 (the lab uses it for every region). */
const VPCE_HOSTED_ZONE = 'Z7HUB22UULQXV';

export function vpcEndpointProvider(inventory: VpcInventory): ResourceProvider {
  return {
    createMs: 90_000,
    deleteMs: 60_000,
    attributes: ['CreationTimestamp', 'DnsEntries', 'Id', 'NetworkInterfaceIds'],
    create(request) {
      const serviceName = requiredString(request, 'ServiceName');
      const vpcId = requiredString(request, 'VpcId');
      if (!inventory.vpcs.has(vpcId)) throw ec2Failure(`The vpc ID '${vpcId}' does not exist`, 'InvalidVpcId.NotFound');
      const type = typeof request.properties.VpcEndpointType === 'string' ? request.properties.VpcEndpointType : 'Gateway';
      const prefix = `com.amazonaws.${request.region}.`;
      const service = serviceName.startsWith(prefix) ? serviceName.slice(prefix.length) : '';
      const offered = type === 'Gateway' ? GATEWAY_SERVICES : type === 'Interface' ? INTERFACE_SERVICES : [];
      if (!offered.includes(service)) throw ec2Failure(`The Vpc Endpoint Service '${serviceName}' does not exist`, 'InvalidServiceName');
      const endpointId = resourceId('vpce');
      const created = new Date().toISOString();
      const policy = request.properties.PolicyDocument;
      const base = { vpcId, region: request.region, serviceName, type, creationTimestamp: created, ...(policy === undefined ? {} : { policyDocument: typeof policy === 'string' ? policy : JSON.stringify(policy) }) };
      if (type === 'Gateway') {
        const routeTableIds = stringList(request, 'RouteTableIds');
        for (const routeTableId of routeTableIds) {
          if (!inventory.routeTables.has(routeTableId)) throw ec2Failure(`The routeTable ID '${routeTableId}' does not exist`, 'InvalidRouteTableId.NotFound');
        }
        const record: VpcEndpointRecord = { ...base, subnetIds: [], routeTableIds, securityGroupIds: [], networkInterfaceIds: [], dnsEntries: [], privateDnsEnabled: false };
        inventory.endpoints.set(endpointId, record);
        return { physicalId: endpointId, state: record, attributes: { CreationTimestamp: created, DnsEntries: [], Id: endpointId, NetworkInterfaceIds: [] } };
      }
      const subnetIds = stringList(request, 'SubnetIds');
      for (const subnetId of subnetIds) {
        if (!inventory.subnets.has(subnetId)) throw ec2Failure(`The subnet ID '${subnetId}' does not exist`, 'InvalidSubnetID.NotFound');
      }
      const securityGroupIds = stringList(request, 'SecurityGroupIds');
      for (const groupId of securityGroupIds) {
        if (!inventory.securityGroups.has(groupId)) throw ec2Failure(`The security group '${groupId}' does not exist`, 'InvalidGroup.NotFound');
      }
      const suffix = randomBytes(4).toString('hex');
      const dnsBase = `${endpointId}-${suffix}`;
      const domain = `${service}.${request.region}.vpce.amazonaws.com`;
      const zones = subnetIds.map((subnetId) => inventory.subnets.get(subnetId)?.availabilityZone ?? '');
      const privateDns = request.properties.PrivateDnsEnabled === true || request.properties.PrivateDnsEnabled === 'true';
      const dnsEntries = [
        `${VPCE_HOSTED_ZONE}:${dnsBase}.${domain}`,
        ...zones.map((zone) => `${VPCE_HOSTED_ZONE}:${dnsBase}-${zone}.${domain}`),
        ...(privateDns ? [`${randomZoneId()}:${service}.${request.region}.amazonaws.com`] : []),
      ];
      const networkInterfaceIds = subnetIds.map(() => resourceId('eni'));
      const record: VpcEndpointRecord = { ...base, subnetIds, routeTableIds: [], securityGroupIds, networkInterfaceIds, dnsEntries, privateDnsEnabled: privateDns };
      inventory.endpoints.set(endpointId, record);
      return { physicalId: endpointId, state: record, attributes: { CreationTimestamp: created, DnsEntries: dnsEntries, Id: endpointId, NetworkInterfaceIds: networkInterfaceIds } };
    },
    delete(resource) {
      inventory.endpoints.delete(resource.physicalId);
    },
    restore(resource) {
      // Endpoints saved before the lab recorded them have no state; they stay out of DescribeVpcEndpoints.
      if (resource.state !== undefined) inventory.endpoints.set(resource.physicalId, resource.state as VpcEndpointRecord);
    },
  };
}

function randomZoneId(): string {
  return `Z${randomBytes(10).toString('hex').toUpperCase().slice(0, 13)}`;
}
