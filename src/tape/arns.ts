// ARN and identifier formats of Storage Gateway resources , built and parsed.

export const TAPE_ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov):storagegateway:[a-z\-0-9]+:[0-9]+:tape\/[0-9A-Z]{5,16}$/;

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function gatewayArn(region: string, accountId: string, gatewayId: string): string {
  return `arn:${partitionOf(region)}:storagegateway:${region}:${accountId}:gateway/${gatewayId}`;
}

export function tapeArn(region: string, accountId: string, barcode: string): string {
  return `arn:${partitionOf(region)}:storagegateway:${region}:${accountId}:tape/${barcode}`;
}

export function tapePoolArn(region: string, accountId: string, poolId: string): string {
  return `arn:${partitionOf(region)}:storagegateway:${region}:${accountId}:tapepool/${poolId}`;
}

/** The 8 hex digits of "sgw-12A3456B", upper-case. */
function gatewayHex(gatewayId: string): string {
  return gatewayId.replace(/^sgw-/i, '').toUpperCase();
}

export function mediumChangerDeviceArn(gatewayArnValue: string, gatewayId: string): string {
  return `${gatewayArnValue}/device/AMZN_SGW-${gatewayHex(gatewayId)}_MEDIACHANGER_00001`;
}

/** Drive numbers are 1-10, as in TAPEDRIVE_00001 and tapedrive-01. */
export function tapeDriveDeviceArn(gatewayArnValue: string, gatewayId: string, driveNumber: number): string {
  return `${gatewayArnValue}/device/AMZN_SGW-${gatewayHex(gatewayId)}_TAPEDRIVE_${String(driveNumber).padStart(5, '0')}`;
}

export function mediumChangerTargetName(gatewayId: string): string {
  return `iqn.1997-05.com.amazon:${gatewayId.toLowerCase()}-mediachanger`;
}

export function tapeDriveTargetName(gatewayId: string, driveNumber: number): string {
  return `iqn.1997-05.com.amazon:${gatewayId.toLowerCase()}-tapedrive-${String(driveNumber).padStart(2, '0')}`;
}

export function targetArn(gatewayArnValue: string, targetName: string): string {
  return `${gatewayArnValue}/target/${targetName}`;
}

interface ParsedArn {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** e.g. "gateway", "tape", "tapepool". */
  readonly resourceType: string;
  /** Everything after the first "/", e.g. "sgw-12A3456B/device/AMZN_SGW-..._TAPEDRIVE_00001". */
  readonly resourcePath: string;
}

export function parseStorageGatewayArn(arn: string): ParsedArn | undefined {
  const match = /^arn:(aws|aws-cn|aws-us-gov):storagegateway:([a-z0-9-]+):(\d+):([a-z]+)\/(.+)$/.exec(arn);
  if (!match) return undefined;
  const [, partition, region, accountId, resourceType, resourcePath] = match;
  if (!partition || !region || !accountId || !resourceType || !resourcePath) return undefined;
  return { partition, region, accountId, resourceType, resourcePath };
}

/** The barcode at the end of a tape ARN, or undefined if the ARN is not a tape ARN. */
export function barcodeOfTapeArn(arn: string): string | undefined {
  return TAPE_ARN_PATTERN.test(arn) ? arn.slice(arn.lastIndexOf('/') + 1) : undefined;
}
