// Simulated AWS::EC2::Volume and AWS::EC2::VolumeAttachment: EBS volumes that become a gateway appliance's local disks.
import { AwsError } from '../../../http/AwsError';
import type { VolumeAttachmentRecord, VolumeRecord } from '../../ec2/EbsVolumes';
import { volumeSizeProblem } from '../../ec2/EbsVolumes';
import { generatedName, resourceId } from '../../ec2/ec2Ids';
import type { InstanceRegistry } from '../../ec2/InstanceRegistry';
import { availabilityZones } from '../template/evaluateIntrinsics';
import { ec2Failure, optionalString, requiredString, ResourceFailure, type CreateRequest, type ResourceProvider } from './ResourceProvider';
import { resourceTags } from './resourceTags';

interface AttachmentState extends VolumeAttachmentRecord {
  readonly volumeId: string;
}

/** An EC2 failure raised by the registry, in the form CloudFormation shows as the resource's status reason. */
function asResourceFailure(error: unknown): unknown {
  return error instanceof AwsError ? ec2Failure(error.message, error.code) : error;
}

function optionalInteger(request: CreateRequest, key: string): number | undefined {
  const value = request.properties[key];
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number)) throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message:\n#/${key}: expected type: Integer, found: ${typeof value}`);
  return number;
}

function createVolume(request: CreateRequest, now: Date): VolumeRecord {
  const availabilityZone = requiredString(request, 'AvailabilityZone');
  if (!availabilityZones(request.region).includes(availabilityZone)) {
    throw ec2Failure(`Value (${availabilityZone}) for parameter availabilityZone is invalid. ${availabilityZone} is not a valid availability zone.`, 'InvalidParameterValue');
  }
  const volumeType = optionalString(request, 'VolumeType') ?? 'gp2';
  const size = optionalInteger(request, 'Size');
  if (optionalString(request, 'SnapshotId') !== undefined) throw ec2Failure(`The snapshot '${String(request.properties.SnapshotId)}' does not exist.`, 'InvalidSnapshot.NotFound');
  if (size === undefined) throw ec2Failure('The request must contain the parameter size or snapshotId', 'MissingParameter');
  const problem = volumeSizeProblem(size, volumeType);
  if (problem) throw ec2Failure(problem.message, problem.code);
  const iops = optionalInteger(request, 'Iops');
  const throughput = optionalInteger(request, 'Throughput');
  // gp3 volumes carry a 3,000 IOPS / 125 MiB/s baseline; gp2 gets 3 IOPS per GiB (at least 100).
  const defaultIops = volumeType === 'gp3' ? 3000 : volumeType === 'gp2' ? Math.min(16_000, Math.max(100, size * 3)) : undefined;
  const effectiveIops = iops ?? defaultIops;
  return {
    volumeId: resourceId('vol'),
    region: request.region,
    availabilityZone,
    sizeGiB: size,
    volumeType,
    ...(effectiveIops === undefined ? {} : { iops: effectiveIops }),
    ...(volumeType === 'gp3' ? { throughput: throughput ?? 125 } : {}),
    encrypted: request.properties.Encrypted === true || request.properties.Encrypted === 'true',
    createTime: now.toISOString(),
    tags: resourceTags(request),
  };
}

export function volumeResourceProviders(registry: InstanceRegistry, now: () => Date): Record<string, ResourceProvider> {
  return {
    'AWS::EC2::Volume': {
      createMs: 10_000,
      deleteMs: 10_000,
      attributes: ['VolumeId'],
      create(request) {
        const volume = createVolume(request, now());
        registry.volumes.add(volume);
        return { physicalId: volume.volumeId, state: volume, attributes: { VolumeId: volume.volumeId } };
      },
      delete(resource) {
        try {
          registry.volumes.remove(resource.physicalId);
        } catch (error) {
          throw asResourceFailure(error);
        }
      },
      restore(resource) {
        const { attachment: _attachment, ...volume } = resource.state as VolumeRecord & { attachment?: VolumeAttachmentRecord };
        if (!registry.volumes.get(resource.physicalId)) registry.volumes.add(volume);
      },
    },
    'AWS::EC2::VolumeAttachment': {
      createMs: 10_000,
      deleteMs: 10_000,
      attributes: [],
      async create(request) {
        const volumeId = requiredString(request, 'VolumeId');
        const instanceId = requiredString(request, 'InstanceId');
        const device = requiredString(request, 'Device');
        let volume: VolumeRecord;
        try {
          volume = await registry.attachVolume(volumeId, instanceId, device);
        } catch (error) {
          throw asResourceFailure(error);
        }
        const state: AttachmentState = { volumeId, instanceId, device, nvmeIndex: volume.attachment?.nvmeIndex ?? 1, attachTime: volume.attachment?.attachTime ?? now().toISOString() };
        return { physicalId: generatedName(request.stackName, request.logicalId), state, attributes: {} };
      },
      async delete(resource) {
        const state = resource.state as AttachmentState | undefined;
        if (state) await registry.detachVolume(state.volumeId);
      },
      restore(resource) {
        // The appliance's disks were saved with it; only the EC2 view of the attachment is rebuilt.
        const { volumeId, instanceId, device, nvmeIndex, attachTime } = resource.state as AttachmentState;
        registry.volumes.restoreAttachment(volumeId, { instanceId, device, nvmeIndex, attachTime });
      },
    },
  };
}
