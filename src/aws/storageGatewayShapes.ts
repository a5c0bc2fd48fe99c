// Maps Storage Gateway SDK shapes to tape/ domain types (toX functions, no I/O).
import type { BandwidthRateLimitInterval, DescribeGatewayInformationCommandOutput, Disk, GatewayInfo, PoolInfo, Tape, TapeArchive, VTLDevice } from '@aws-sdk/client-storage-gateway';
import type { ArchivedTape, BandwidthInterval, GatewayDetails, GatewaySummary, LocalDisk, TapePool, TapeSummary, VtlDevice } from '../tape/model';

/** ARN, id, name and type, which ListGateways and DescribeGatewayInformation both carry. */
function gatewayIdentity(info: { GatewayARN?: string; GatewayId?: string; GatewayName?: string; GatewayType?: string }) {
  const arn = info.GatewayARN ?? '';
  return {
    gatewayArn: arn,
    gatewayId: info.GatewayId ?? arn.split('/').pop() ?? '',
    name: info.GatewayName ?? info.GatewayId ?? arn,
    type: info.GatewayType ?? 'UNKNOWN',
  };
}

export function toGatewaySummary(info: GatewayInfo): GatewaySummary {
  return {
    ...gatewayIdentity(info),
    operationalState: info.GatewayOperationalState ?? 'UNKNOWN',
    ec2InstanceId: info.Ec2InstanceId,
    region: info.Ec2InstanceRegion,
  };
}

export function toGatewayDetails(info: DescribeGatewayInformationCommandOutput): GatewayDetails {
  return {
    ...gatewayIdentity(info),
    state: info.GatewayState ?? 'UNKNOWN',
    timezone: info.GatewayTimezone,
    ipv4Address: info.GatewayNetworkInterfaces?.find((nic) => nic.Ipv4Address)?.Ipv4Address,
    ec2InstanceId: info.Ec2InstanceId,
    endpointType: info.EndpointType,
    vpcEndpoint: info.VPCEndpoint,
  };
}

/** Some gateways report "CACHE STORAGE" with a space (the API reference spells it CACHE_STORAGE; responses have been seen with a space). */
function normaliseAllocationType(value: string | undefined): string {
  return (value ?? 'AVAILABLE').trim().toUpperCase().replace(/[\s-]+/g, '_');
}

export function toLocalDisk(disk: Disk): LocalDisk {
  return {
    diskId: disk.DiskId ?? '',
    path: disk.DiskPath,
    node: disk.DiskNode,
    status: disk.DiskStatus,
    sizeInBytes: disk.DiskSizeInBytes ?? 0,
    allocationType: normaliseAllocationType(disk.DiskAllocationType),
  };
}

export function toTapeSummary(tape: Tape): TapeSummary {
  return {
    tapeArn: tape.TapeARN ?? '',
    barcode: tape.TapeBarcode ?? '',
    status: tape.TapeStatus ?? 'UNKNOWN',
    sizeInBytes: tape.TapeSizeInBytes ?? 0,
    usedInBytes: tape.TapeUsedInBytes,
    poolId: tape.PoolId,
    worm: tape.Worm ?? false,
    vtlDevice: tape.VTLDevice,
    progress: tape.Progress,
  };
}

export function toArchivedTape(tape: TapeArchive): ArchivedTape {
  return {
    tapeArn: tape.TapeARN ?? '',
    barcode: tape.TapeBarcode ?? '',
    status: tape.TapeStatus ?? 'UNKNOWN',
    sizeInBytes: tape.TapeSizeInBytes ?? 0,
    usedInBytes: tape.TapeUsedInBytes,
    poolId: tape.PoolId,
    worm: tape.Worm ?? false,
    retrievedTo: tape.RetrievedTo,
    completionTime: tape.CompletionTime,
    retentionStartDate: tape.RetentionStartDate,
  };
}

export function toTapePool(pool: PoolInfo): TapePool {
  const arn = pool.PoolARN ?? '';
  return {
    poolArn: arn,
    poolId: arn.slice(arn.lastIndexOf('/') + 1),
    name: pool.PoolName ?? arn,
    storageClass: pool.StorageClass ?? 'UNKNOWN',
    retentionLockType: pool.RetentionLockType ?? 'NONE',
    retentionLockTimeInDays: pool.RetentionLockTimeInDays ?? 0,
    status: pool.PoolStatus ?? 'ACTIVE',
  };
}

/** Drive numbers come from the ARN: …_TAPEDRIVE_00001 is drive 1 (mtx calls it Data Transfer Element 0). */
export function toVtlDevice(device: VTLDevice): VtlDevice {
  const arn = device.VTLDeviceARN ?? '';
  const drive = /_TAPEDRIVE_(\d+)$/.exec(arn);
  return {
    arn,
    type: device.VTLDeviceType ?? '',
    vendor: device.VTLDeviceVendor ?? '',
    product: device.VTLDeviceProductIdentifier ?? '',
    targetArn: device.DeviceiSCSIAttributes?.TargetARN,
    driveNumber: drive?.[1] ? Number(drive[1]) : undefined,
  };
}

export function toBandwidthInterval(i: BandwidthRateLimitInterval): BandwidthInterval {
  return {
    startHour: i.StartHourOfDay ?? 0,
    startMinute: i.StartMinuteOfHour ?? 0,
    endHour: i.EndHourOfDay ?? 0,
    endMinute: i.EndMinuteOfHour ?? 0,
    days: i.DaysOfWeek ?? [],
    uploadBitsPerSecond: i.AverageUploadRateLimitInBitsPerSec,
    downloadBitsPerSecond: i.AverageDownloadRateLimitInBitsPerSec,
  };
}

export function fromBandwidthInterval(i: BandwidthInterval): BandwidthRateLimitInterval {
  return {
    StartHourOfDay: i.startHour,
    StartMinuteOfHour: i.startMinute,
    EndHourOfDay: i.endHour,
    EndMinuteOfHour: i.endMinute,
    DaysOfWeek: [...i.days],
    AverageUploadRateLimitInBitsPerSec: i.uploadBitsPerSecond,
    AverageDownloadRateLimitInBitsPerSec: i.downloadBitsPerSecond,
  };
}
