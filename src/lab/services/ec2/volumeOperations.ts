// EC2 storage and image operations: DescribeVolumes (launch volumes and AWS::EC2::Volume ones) and DescribeImages (the public AMIs the lab knows).
import type { RequestContext } from '../../http/types';
import { AMAZON_IMAGES, amiIdFor, type AmazonImage } from './amazonImages';
import { applyFilters, tagSet } from './ec2Filters';
import { ec2Request, paginate, requireAll, requireWellFormed } from './ec2Input';
import type { VolumeRecord } from './EbsVolumes';
import { checkDryRun } from './instanceOperations';
import type { InstanceRegistry } from './InstanceRegistry';

/** A volume as DescribeVolumes shows it: the stored record's fields, and the attachment as EC2 reports it. */
type VolumeView = Omit<VolumeRecord, 'region' | 'attachment'> & {
  readonly attachment?: { readonly instanceId: string; readonly device: string; readonly attachTime: string; readonly deleteOnTermination: boolean };
};

/** Every volume in the region: those an instance was launched with (deleted with it) and stand-alone ones. */
function volumesIn(registry: InstanceRegistry, region: string): VolumeView[] {
  const launched = registry.all().filter((i) => i.region === region).flatMap((instance) =>
    instance.volumes.map((v) => ({
      volumeId: v.volumeId,
      availabilityZone: instance.availabilityZone,
      sizeGiB: v.sizeGiB,
      volumeType: v.volumeType,
      ...(v.volumeType === 'gp3' ? { iops: 3000, throughput: 125 } : v.volumeType === 'gp2' ? { iops: Math.min(16_000, Math.max(100, v.sizeGiB * 3)) } : {}),
      encrypted: v.encrypted === true,
      createTime: instance.launchTime,
      tags: {},
      attachment: { instanceId: instance.instanceId, device: v.deviceName, attachTime: instance.launchTime, deleteOnTermination: true },
    })),
  );
  const standalone = registry.volumes.all().filter((v) => v.region === region).map((v) => ({
    ...v,
    attachment: v.attachment ? { instanceId: v.attachment.instanceId, device: v.attachment.device, attachTime: v.attachment.attachTime, deleteOnTermination: false } : undefined,
  }));
  return [...launched, ...standalone];
}

/** Image names in the public catalogue's style, e.g. amzn2-ami-hvm-2.0.20261120.0-arm64-gp2, al2023-ami-2023.9.20261120.0-kernel-6.1-x86_64. */
function imageName(image: AmazonImage): string {
  const last = image.parameterName.split('/').filter((part) => part !== '' && part !== 'latest').pop() ?? '';
  if (image.family === 'al2') return last.replace(/^(amzn2-ami-(?:kernel-5\.10-)?hvm-)/, '$12.0.20261120.0-');
  if (image.family === 'al2023') return last.replace(/^(al2023-ami-(?:minimal-)?)/, '$12023.9.20261120.0-');
  return `aws-storage-gateway-${image.gatewayKind === 'VTL' ? 'CLASSIC' : last}-2.9.0`;
}

export function volumeOperations(registry: InstanceRegistry) {
  return {
    DescribeVolumes(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const ids = request.list('VolumeId');
      requireWellFormed(ids, 'vol', 'InvalidVolumeID.Malformed');
      const all = volumesIn(registry, ctx.region);
      requireAll(ids, (id) => all.some((v) => v.volumeId === id), 'InvalidVolume.NotFound', 'volume');
      const chosen = ids.length === 0 ? all : all.filter((v) => ids.includes(v.volumeId));
      const filtered = applyFilters(chosen, request.filters(), {
        'volume-id': (v) => [v.volumeId],
        'attachment.instance-id': (v) => [v.attachment?.instanceId],
        'attachment.device': (v) => [v.attachment?.device],
        'attachment.status': (v) => [v.attachment ? 'attached' : undefined],
        'attachment.delete-on-termination': (v) => [v.attachment ? String(v.attachment.deleteOnTermination) : undefined],
        'availability-zone': (v) => [v.availabilityZone],
        size: (v) => [String(v.sizeGiB)],
        status: (v) => [v.attachment ? 'in-use' : 'available'],
        'volume-type': (v) => [v.volumeType],
        encrypted: (v) => [String(v.encrypted)],
      }, (v) => v.tags);
      checkDryRun(request);
      const page = paginate(filtered, (v) => v.volumeId, request, { min: 5, max: 500, clampToMax: true, ...(ids.length > 0 ? { idsParameter: 'volumeSet' } : {}) });
      return {
        volumeSet: page.items.map((v) => ({
          attachmentSet: v.attachment ? [{ attachTime: v.attachment.attachTime, device: v.attachment.device, instanceId: v.attachment.instanceId, status: 'attached', volumeId: v.volumeId, deleteOnTermination: v.attachment.deleteOnTermination }] : [],
          availabilityZone: v.availabilityZone,
          createTime: v.createTime,
          encrypted: v.encrypted,
          size: v.sizeGiB,
          snapshotId: '',
          status: v.attachment ? 'in-use' : 'available',
          volumeId: v.volumeId,
          iops: v.iops,
          tagSet: tagSet(v.tags),
          volumeType: v.volumeType,
          multiAttachEnabled: false,
          throughput: v.throughput,
        })),
        nextToken: page.nextToken,
      };
    },

    DescribeImages(form: Record<string, string>, ctx: RequestContext) {
      const request = ec2Request(form);
      const ids = request.list('ImageId');
      requireWellFormed(ids, 'ami', 'InvalidAMIID.Malformed');
      const all = AMAZON_IMAGES.map((image) => ({ image, imageId: amiIdFor(image, ctx.region) }));
      requireAll(ids, (id) => all.some((entry) => entry.imageId === id), 'InvalidAMIID.NotFound', 'image id');
      const owners = request.list('Owner');
      const chosen = all.filter((entry) => (ids.length === 0 || ids.includes(entry.imageId)) && (owners.length === 0 || owners.some((owner) => ['amazon', 'self'].includes(owner) ? owner === 'amazon' : owner === '137112412989')));
      const filtered = applyFilters(chosen, request.filters(), {
        'image-id': (e) => [e.imageId],
        name: (e) => [imageName(e.image)],
        architecture: (e) => [e.image.architecture],
        'owner-alias': () => ['amazon'],
        'owner-id': () => ['137112412989'],
        state: () => ['available'],
        'is-public': () => ['true'],
        'root-device-type': () => ['ebs'],
        'virtualization-type': () => ['hvm'],
        'image-type': () => ['machine'],
      }, () => ({}));
      checkDryRun(request);
      const page = paginate(filtered, (e) => e.imageId, request, { min: 6, max: 1000, clampToMax: true });
      return {
        imagesSet: page.items.map(({ image, imageId }) => ({
          architecture: image.architecture,
          creationDate: '2026-01-01T00:00:00.000Z',
          imageId,
          imageLocation: `amazon/${imageName(image)}`,
          imageType: 'machine',
          isPublic: true,
          imageOwnerId: '137112412989',
          platformDetails: 'Linux/UNIX',
          usageOperation: 'RunInstances',
          imageState: 'available',
          blockDeviceMapping: [{ deviceName: '/dev/xvda', ebs: { deleteOnTermination: true, snapshotId: `snap-0${imageId.slice(5, 21)}`, volumeSize: image.rootVolumeGiB, volumeType: 'gp3', encrypted: false } }],
          description: `${image.platformName} ${image.platformVersion} (${image.architecture}) from ${image.parameterName}`,
          enaSupport: true,
          hypervisor: 'xen',
          imageOwnerAlias: 'amazon',
          name: imageName(image),
          rootDeviceName: '/dev/xvda',
          rootDeviceType: 'ebs',
          sriovNetSupport: 'simple',
          virtualizationType: 'hvm',
          bootMode: image.architecture === 'arm64' ? 'uefi' : undefined,
        })),
        nextToken: page.nextToken,
      };
    },
  };
}
