// The public AMIs the lab knows: SSM public parameter names, their per-region AMI ids, and what each image is.
import { createHash } from 'node:crypto';

export type ImageFamily = 'storagegateway' | 'al2023' | 'al2';

export interface AmazonImage {
  readonly parameterName: string;
  readonly family: ImageFamily;
  /** Storage Gateway AMI kind (VTL, FILE_S3, ...), for storagegateway images. */
  readonly gatewayKind?: string;
  readonly architecture: 'x86_64' | 'arm64';
  readonly platformName: string;
  readonly platformVersion: string;
  readonly rootVolumeGiB: number;
}

const AL_PREFIX = '/aws/service/ami-amazon-linux-latest/';
const SGW_PREFIX = '/aws/service/storagegateway/ami/';

function al2023(variant: string, architecture: 'x86_64' | 'arm64'): AmazonImage {
  return { parameterName: `${AL_PREFIX}al2023-ami-${variant}-${architecture}`, family: 'al2023', architecture, platformName: 'Amazon Linux', platformVersion: '2023', rootVolumeGiB: 8 };
}

function al2(name: string, architecture: 'x86_64' | 'arm64'): AmazonImage {
  return { parameterName: `${AL_PREFIX}${name}`, family: 'al2', architecture, platformName: 'Amazon Linux', platformVersion: '2', rootVolumeGiB: 8 };
}

function gateway(kind: string): AmazonImage {
  // The gateway AMI's root volume is 80 GiB (Storage Gateway requirements).
  return { parameterName: `${SGW_PREFIX}${kind}/latest`, family: 'storagegateway', gatewayKind: kind, architecture: 'x86_64', platformName: 'Amazon Linux', platformVersion: '2023', rootVolumeGiB: 80 };
}

export const AMAZON_IMAGES: readonly AmazonImage[] = [
  ...['VTL', 'FILE_S3', 'FILE_FSX_SMB', 'CACHED', 'STORED'].map(gateway),
  ...(['x86_64', 'arm64'] as const).flatMap((arch) => [al2023('kernel-default', arch), al2023('kernel-6.1', arch), al2023('minimal-kernel-default', arch), al2023('minimal-kernel-6.1', arch)]),
  ...(['x86_64', 'arm64'] as const).flatMap((arch) => [al2(`amzn2-ami-hvm-${arch}-gp2`, arch), al2(`amzn2-ami-kernel-5.10-hvm-${arch}-gp2`, arch)]),
];

/** The same AMI id for the same parameter and region every time, so a lab restart keeps stacks valid. */
export function amiIdFor(image: AmazonImage, region: string): string {
  return `ami-0${createHash('sha256').update(`${region}\n${image.parameterName}`).digest('hex').slice(0, 16)}`;
}

export function imageByAmiId(amiId: string, region: string): AmazonImage | undefined {
  return AMAZON_IMAGES.find((image) => amiIdFor(image, region) === amiId);
}

export function vtlAmiId(region: string): string {
  const vtl = AMAZON_IMAGES.find((image) => image.gatewayKind === 'VTL');
  if (!vtl) throw new Error('The VTL image is missing from AMAZON_IMAGES.');
  return amiIdFor(vtl, region);
}
