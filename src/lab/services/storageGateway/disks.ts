// Local storage operations: ListLocalDisks, AddCache, AddUploadBuffer, DescribeCache, DescribeUploadBuffer, ResetCache.
import type { RequestContext } from '../../http/types';
import { TAPE_GATEWAY_LIMITS } from '../../../tape/limits';
import type { LocalDiskRecord } from '../../hosts/GatewayAppliance';
import { invalidGatewayRequest, SG_MESSAGES } from './errors';
import type { DiskAllocation, GatewayRecord } from './model';
import { connectedGateway, mutate, read, tapesOfGateway, type SgContext } from './SgContext';
import { GATEWAY_ARN } from './shapes';
import { list, required, str, validateInput } from './validation';

interface DiskIdsInput {
  GatewayARN: string;
  DiskIds: string[];
}

const DISK_IDS_SHAPE = { GatewayARN: GATEWAY_ARN, DiskIds: required(list(str({ min: 1, max: 300 }))) };

export function diskOperations(sg: SgContext) {
  function disksOf(gateway: GatewayRecord): LocalDiskRecord[] {
    return sg.appliances.byInstanceId(gateway.instanceId)?.disks ?? [];
  }

  function bytesAllocatedAs(gateway: GatewayRecord, allocation: DiskAllocation): number {
    return disksOf(gateway).filter((d) => gateway.allocations[d.diskId] === allocation).reduce((sum, d) => sum + d.sizeInBytes, 0);
  }

  function allocate(allocation: DiskAllocation, ceiling: number) {
    return async (raw: Record<string, unknown>, ctx: RequestContext) => {
      const input = validateInput<DiskIdsInput>(DISK_IDS_SHAPE, raw);
      return mutate(sg, ctx, (state) => {
        const gateway = connectedGateway(state, input.GatewayARN);
        const disks = disksOf(gateway);
        let added = 0;
        for (const diskId of input.DiskIds) {
          // Terraform re-matches disks on DiskId, DiskNode or DiskPath; accept all three.
          const disk = disks.find((d) => d.diskId === diskId || d.diskPath === diskId || d.diskNode === diskId);
          if (!disk) throw invalidGatewayRequest('DiskDoesNotExist', SG_MESSAGES.DiskDoesNotExist);
          if (gateway.allocations[disk.diskId]) throw invalidGatewayRequest('DiskAlreadyAllocated', SG_MESSAGES.DiskAlreadyAllocated);
          added += disk.sizeInBytes;
        }
        if (bytesAllocatedAs(gateway, allocation) + added > ceiling) throw invalidGatewayRequest('LocalStorageLimitExceeded', SG_MESSAGES.LocalStorageLimitExceeded);
        for (const diskId of input.DiskIds) {
          const disk = disks.find((d) => d.diskId === diskId || d.diskPath === diskId || d.diskNode === diskId);
          if (disk) gateway.allocations[disk.diskId] = allocation;
        }
        return { GatewayARN: gateway.gatewayArn };
      });
    };
  }

  async function ListLocalDisks(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return read(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      return {
        GatewayARN: gateway.gatewayArn,
        Disks: disksOf(gateway).map((d) => ({
          DiskId: d.diskId,
          DiskPath: d.diskPath,
          DiskNode: d.diskNode,
          DiskStatus: 'present',
          DiskSizeInBytes: d.sizeInBytes,
          DiskAllocationType: gateway.allocations[d.diskId] ?? 'AVAILABLE',
          DiskAttributeList: [],
        })),
      };
    });
  }

  async function DescribeCache(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return read(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      const allocated = bytesAllocatedAs(gateway, 'CACHE_STORAGE');
      const used = tapesOfGateway(state, gateway.gatewayArn).reduce((sum, t) => sum + t.usedInBytes, 0);
      return {
        GatewayARN: gateway.gatewayArn,
        DiskIds: disksOf(gateway).filter((d) => gateway.allocations[d.diskId] === 'CACHE_STORAGE').map((d) => d.diskId),
        CacheAllocatedInBytes: allocated,
        CacheUsedPercentage: allocated === 0 ? 0 : Math.min(100, (used / allocated) * 100),
        // The lab uploads at once, so nothing is ever dirty, and reads always hit the cache.
        CacheDirtyPercentage: 0,
        CacheHitPercentage: 100,
        CacheMissPercentage: 0,
      };
    });
  }

  async function DescribeUploadBuffer(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return read(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      return {
        GatewayARN: gateway.gatewayArn,
        DiskIds: disksOf(gateway).filter((d) => gateway.allocations[d.diskId] === 'UPLOAD_BUFFER').map((d) => d.diskId),
        UploadBufferUsedInBytes: 0,
        UploadBufferAllocatedInBytes: bytesAllocatedAs(gateway, 'UPLOAD_BUFFER'),
      };
    });
  }

  /** The lab has no unsynced cache data, so a reset changes no tape (AWS would mark tapes with unsynced data RECOVERED). */
  async function ResetCache(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return read(sg, ctx, (state) => ({ GatewayARN: connectedGateway(state, input.GatewayARN).gatewayArn }));
  }

  return {
    ListLocalDisks,
    AddCache: allocate('CACHE_STORAGE', TAPE_GATEWAY_LIMITS.maxCacheInBytes),
    AddUploadBuffer: allocate('UPLOAD_BUFFER', TAPE_GATEWAY_LIMITS.maxUploadBufferInBytes),
    DescribeCache,
    DescribeUploadBuffer,
    ResetCache,
  };
}

/** Whether a gateway has cache allocated (CreateTapes needs it). */
export function hasCache(gateway: GatewayRecord): boolean {
  return Object.values(gateway.allocations).includes('CACHE_STORAGE');
}
