// What CloudWatch's gateway metrics need from Storage Gateway's state: identity, cache and upload buffer sizes, upload rate.
import type { GatewayFacts } from '../cloudWatch/gatewaySimulation';
import type { GatewayFactsSource } from '../cloudWatch/metricQueries';
import { uploadRateAt } from './gatewaySettings';
import type { DiskAllocation, GatewayRecord } from './model';
import type { SgContext } from './SgContext';

/** The lab's simulated uplink when no bandwidth limit applies: 8 MiB/s at time scale 1 (faster as the scale shrinks). */
export const LAB_UPLINK_BYTES_PER_SECOND = 8 * 1024 * 1024;

export function metricGatewaysSource(sg: SgContext): GatewayFactsSource {
  return async (accountId, region) => {
    const { plain: state } = await sg.store.state({ accountId, region });
    return Object.values(state.gateways)
      .filter((gateway) => gateway.type === 'VTL')
      .map((gateway): GatewayFacts => {
        const allocated = (allocation: DiskAllocation) => bytesAllocatedAs(sg, gateway, allocation);
        const uplink = sg.runtime.config.timeScale === 0 ? Infinity : LAB_UPLINK_BYTES_PER_SECOND / sg.runtime.config.timeScale;
        return {
          gatewayArn: gateway.gatewayArn,
          gatewayId: gateway.gatewayId,
          gatewayName: gateway.name,
          activatedAt: gateway.activatedAt,
          cacheBytes: allocated('CACHE_STORAGE'),
          uploadBufferBytes: allocated('UPLOAD_BUFFER'),
          uploadRateAt: (at) => {
            const limit = uploadRateAt(gateway.settings, gateway.timezone, at);
            return limit === undefined ? uplink : Math.min(uplink, limit / 8);
          },
        };
      });
  };
}

function bytesAllocatedAs(sg: SgContext, gateway: GatewayRecord, allocation: DiskAllocation): number {
  const disks = sg.appliances.byInstanceId(gateway.instanceId)?.disks ?? [];
  return disks.filter((d) => gateway.allocations[d.diskId] === allocation).reduce((sum, d) => sum + d.sizeInBytes, 0);
}
