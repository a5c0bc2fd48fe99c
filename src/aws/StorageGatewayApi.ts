// Storage Gateway calls the extension makes, mapped from SDK shapes to tape/ domain types.
import type { GatewayInfo } from '@aws-sdk/client-storage-gateway';
import type { GatewaySummary } from '../tape/model';
import type { AwsClients } from './AwsClients';
import { toAwsFailure } from './AwsFailure';

export function toGatewaySummary(info: GatewayInfo): GatewaySummary {
  const arn = info.GatewayARN ?? '';
  return {
    gatewayArn: arn,
    gatewayId: info.GatewayId ?? arn.split('/').pop() ?? '',
    name: info.GatewayName ?? info.GatewayId ?? arn,
    type: info.GatewayType ?? 'UNKNOWN',
    operationalState: info.GatewayOperationalState ?? 'UNKNOWN',
    ec2InstanceId: info.Ec2InstanceId,
    region: info.Ec2InstanceRegion,
  };
}

export class StorageGatewayApi {
  constructor(private readonly clients: AwsClients) {}

  /** Every gateway of the account in the region, following Marker pages. */
  async listGateways(signal?: AbortSignal): Promise<GatewaySummary[]> {
    const { ListGatewaysCommand } = await import('@aws-sdk/client-storage-gateway');
    const client = await this.clients.storageGateway();
    const gateways: GatewaySummary[] = [];
    let marker: string | undefined;
    try {
      do {
        const page = await client.send(new ListGatewaysCommand({ Marker: marker }), { abortSignal: signal });
        gateways.push(...(page.Gateways ?? []).map(toGatewaySummary));
        marker = page.Marker;
      } while (marker);
    } catch (error) {
      throw toAwsFailure(error, 'ListGateways', this.clients.target.kind === 'aws' ? this.clients.target.profile : undefined, this.clients.endpointLabel);
    }
    return gateways;
  }
}
