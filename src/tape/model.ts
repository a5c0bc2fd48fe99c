// The extension's domain model of gateways and tapes, independent of SDK shapes.

export interface GatewaySummary {
  readonly gatewayArn: string;
  readonly gatewayId: string;
  readonly name: string;
  readonly type: string;
  /** "RUNNING" or "SHUTDOWN" as the API's GatewayOperationalState reports it, or "UNKNOWN". */
  readonly operationalState: string;
  readonly ec2InstanceId: string | undefined;
  readonly region: string | undefined;
}

/** DescribeGatewayInformation, reduced to what the explorer and commands show. */
export interface GatewayDetails {
  readonly gatewayArn: string;
  readonly gatewayId: string;
  readonly name: string;
  readonly type: string;
  /** "STATE_RUNNING" | "STATE_SHUTDOWN" (or another GatewayState string). */
  readonly state: string;
  readonly timezone: string | undefined;
  /** First network interface's IPv4 address: the iSCSI portal and (before activation) the activation page. */
  readonly ipv4Address: string | undefined;
  readonly ec2InstanceId: string | undefined;
  readonly endpointType: string | undefined;
  readonly vpcEndpoint: string | undefined;
}

export interface LocalDisk {
  readonly diskId: string;
  readonly path: string | undefined;
  readonly node: string | undefined;
  readonly status: string | undefined;
  readonly sizeInBytes: number;
  /** "AVAILABLE" | "CACHE_STORAGE" | "UPLOAD_BUFFER" (spaces normalised to underscores). */
  readonly allocationType: string;
}

export interface TapeSummary {
  readonly tapeArn: string;
  readonly barcode: string;
  /** Storage Gateway status string with spaces, e.g. "IN TRANSIT TO VTS". */
  readonly status: string;
  readonly sizeInBytes: number;
  readonly usedInBytes: number | undefined;
  readonly poolId: string | undefined;
  readonly worm: boolean;
  /** ARN of the drive the tape is loaded in (DescribeTapes' VTLDevice). */
  readonly vtlDevice: string | undefined;
  /** 0-100 while archiving or retrieving. */
  readonly progress: number | undefined;
}

export interface ArchivedTape {
  readonly tapeArn: string;
  readonly barcode: string;
  /** "ARCHIVED" | "RETRIEVING" | "RETRIEVED". */
  readonly status: string;
  readonly sizeInBytes: number;
  readonly usedInBytes: number | undefined;
  readonly poolId: string | undefined;
  readonly worm: boolean;
  readonly retrievedTo: string | undefined;
  readonly completionTime: Date | undefined;
  readonly retentionStartDate: Date | undefined;
}

export interface TapePool {
  readonly poolArn: string;
  /** The PoolId CreateTapes takes: "pool-XXXXXXXX". */
  readonly poolId: string;
  readonly name: string;
  readonly storageClass: string;
  readonly retentionLockType: string;
  readonly retentionLockTimeInDays: number;
  readonly status: string;
}

export interface VtlDevice {
  readonly arn: string;
  readonly type: string;
  readonly vendor: string;
  readonly product: string;
  readonly targetArn: string | undefined;
  /** 1-10 for tape drives (from the ARN's TAPEDRIVE_000NN), undefined for the medium changer. */
  readonly driveNumber: number | undefined;
}

export interface StackSummary {
  readonly stackId: string;
  readonly stackName: string;
  readonly status: string;
  readonly statusReason: string | undefined;
  readonly creationTime: Date | undefined;
  readonly lastUpdatedTime: Date | undefined;
  readonly description: string | undefined;
  /** A nested stack's parent stack id (its AWS::CloudFormation::Stack resource's stack). */
  readonly parentId?: string;
}

export interface StackResource {
  readonly logicalId: string;
  readonly physicalId: string | undefined;
  readonly type: string;
  readonly status: string;
  readonly statusReason: string | undefined;
}

export interface StackOutput {
  readonly key: string;
  readonly value: string;
  readonly description: string | undefined;
}

export interface StackEvent {
  readonly eventId: string;
  readonly timestamp: Date;
  readonly logicalId: string;
  readonly type: string;
  readonly status: string;
  readonly statusReason: string | undefined;
}

/** Tape statuses that change by themselves, so the tree polls while one is shown (CREATING, IN TRANSIT TO VTS, ARCHIVING, RETRIEVING, DELETING). */
const TRANSITIONAL_TAPE_STATUSES = new Set(['CREATING', 'IN TRANSIT TO VTS', 'ARCHIVING', 'RETRIEVING', 'DELETING']);

export function isTransitionalTapeStatus(status: string): boolean {
  return TRANSITIONAL_TAPE_STATUSES.has(status);
}

/** CREATE_IN_PROGRESS, UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, … */
export function isTransitionalStackStatus(status: string): boolean {
  return status.endsWith('_IN_PROGRESS');
}

type StackHealth = 'complete' | 'inProgress' | 'failed' | 'rolledBack' | 'deleted';

/** How a stack status reads at a glance; every CloudFormation status maps to one of these. */
export function stackHealth(status: string): StackHealth {
  if (status.endsWith('_IN_PROGRESS')) return 'inProgress';
  if (status === 'DELETE_COMPLETE') return 'deleted';
  if (status.endsWith('_FAILED')) return 'failed';
  if (status.includes('ROLLBACK')) return 'rolledBack';
  return 'complete';
}

/** A gateway's average bandwidth limits in bits per second; undefined = no limit. */
export interface BandwidthLimits {
  readonly uploadBitsPerSecond?: number;
  readonly downloadBitsPerSecond?: number;
}

/** One interval of a gateway's bandwidth schedule. */
export interface BandwidthInterval {
  readonly startHour: number;
  readonly startMinute: number;
  readonly endHour: number;
  readonly endMinute: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly days: readonly number[];
  readonly uploadBitsPerSecond?: number;
  readonly downloadBitsPerSecond?: number;
}

/** When the gateway applies updates: weekly (dayOfWeek) or monthly (dayOfMonth), in its time zone. */
export interface MaintenanceWindow {
  readonly hour: number;
  readonly minute: number;
  readonly dayOfWeek?: number;
  readonly dayOfMonth?: number;
  readonly timezone?: string;
}

export interface SoftwareStatus {
  readonly lastSoftwareUpdate?: string;
  readonly nextUpdateAvailabilityDate?: string;
  readonly softwareUpdatesEndDate?: string;
}
