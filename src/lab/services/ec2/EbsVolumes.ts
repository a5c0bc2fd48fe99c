// Stand-alone EBS volumes (AWS::EC2::Volume) and their attachments (AWS::EC2::VolumeAttachment), checked as EC2 checks them.
import { AwsError } from '../../http/AwsError';

export interface VolumeAttachmentRecord {
  readonly instanceId: string;
  /** The device name the attachment asked for, e.g. "/dev/sdf". */
  readonly device: string;
  /** Position on the instance's NVMe bus: a Nitro guest sees the volume as /dev/nvme<index>n1 whatever the device name. */
  readonly nvmeIndex: number;
  readonly attachTime: string;
}

export interface VolumeRecord {
  readonly volumeId: string;
  readonly region: string;
  readonly availabilityZone: string;
  readonly sizeGiB: number;
  readonly volumeType: string;
  readonly iops?: number;
  readonly throughput?: number;
  readonly encrypted: boolean;
  readonly createTime: string;
  readonly tags: Readonly<Record<string, string>>;
  attachment?: VolumeAttachmentRecord;
}

/** Size limits per volume type in GiB (EBS volume types documentation). */
const SIZE_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  gp2: [1, 16_384],
  gp3: [1, 16_384],
  io1: [4, 16_384],
  io2: [4, 65_536],
  st1: [125, 16_384],
  sc1: [125, 16_384],
  standard: [1, 1_024],
};

export const VOLUME_TYPES = Object.keys(SIZE_LIMITS);

/** The EC2 error for a size outside the type's range, or undefined when it fits. */
export function volumeSizeProblem(sizeGiB: number, volumeType: string): AwsError | undefined {
  const limits = SIZE_LIMITS[volumeType];
  if (!limits) return new AwsError('InvalidParameterValue', `Value (${volumeType}) for parameter volumeType is invalid. Valid volume types are ${VOLUME_TYPES.join(', ')}.`);
  if (!Number.isInteger(sizeGiB) || sizeGiB < limits[0] || sizeGiB > limits[1]) {
    return new AwsError('InvalidParameterValue', `Volume of ${sizeGiB}GiB is outside the allowed range ${limits[0]}-${limits[1]} GiB for ${volumeType}. Choose a size in that range.`);
  }
  return undefined;
}

/** Device names EC2 accepts for an attached EBS volume on Linux (xvd[b-z], sd[b-z], with an optional [1-15] partition suffix). */
export const ATTACH_DEVICE_PATTERN = /^\/dev\/(sd[b-z]|xvd[b-z]|xvd[a-d][a-z])([1-9]|1[0-5])?$/;

export class EbsVolumes {
  private readonly volumes = new Map<string, VolumeRecord>();
  /** Saved attachments restored before their volume (stack resources are restored in template order). */
  private readonly pending = new Map<string, VolumeAttachmentRecord>();

  add(volume: VolumeRecord): void {
    const attachment = this.pending.get(volume.volumeId);
    this.pending.delete(volume.volumeId);
    this.volumes.set(volume.volumeId, attachment ? { ...volume, attachment } : volume);
  }

  /** A lab restart: the attachment was checked when it was made, so it is put back as saved. */
  restoreAttachment(volumeId: string, attachment: VolumeAttachmentRecord): void {
    const volume = this.volumes.get(volumeId);
    if (volume) volume.attachment = attachment;
    else this.pending.set(volumeId, attachment);
  }

  get(volumeId: string): VolumeRecord | undefined {
    return this.volumes.get(volumeId);
  }

  all(): VolumeRecord[] {
    return [...this.volumes.values()];
  }

  /** DeleteVolume: an attached volume is refused as EC2 refuses it. */
  remove(volumeId: string): void {
    const volume = this.volumes.get(volumeId);
    if (volume?.attachment) throw new AwsError('VolumeInUse', `Volume ${volumeId} is currently attached to ${volume.attachment.instanceId}. Detach it first.`);
    this.volumes.delete(volumeId);
  }

  attachmentsOf(instanceId: string): VolumeRecord[] {
    return this.all().filter((volume) => volume.attachment?.instanceId === instanceId);
  }

  detach(volumeId: string): VolumeRecord | undefined {
    const volume = this.volumes.get(volumeId);
    if (!volume?.attachment) return undefined;
    delete volume.attachment;
    return volume;
  }
}
