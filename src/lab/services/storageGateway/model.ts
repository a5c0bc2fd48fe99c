// The stored records of the Storage Gateway service for one account and region (what state.json holds).
import type { GatewaySettings } from './gatewaySettings';

export const STATE_FORMAT_VERSION = 1;

export interface StoredTag {
  Key: string;
  Value: string;
}

export type GatewayState = 'STATE_RUNNING' | 'STATE_SHUTDOWN';
export type OperationalState = 'ACTIVE' | 'DISABLED';
export type DiskAllocation = 'AVAILABLE' | 'CACHE_STORAGE' | 'UPLOAD_BUFFER';

export interface GatewayRecord {
  gatewayId: string;
  gatewayArn: string;
  name: string;
  timezone: string;
  /** "VTL" for a Tape Gateway; other types exist but get no library. */
  type: string;
  state: GatewayState;
  operationalState: OperationalState;
  instanceId: string;
  ipv4Address: string;
  tapeDriveType: string;
  mediumChangerType: string;
  cloudWatchLogGroupArn?: string;
  gatewayCapacity?: string;
  /** DiskId -> allocation; disks not listed here are AVAILABLE. */
  allocations: Record<string, DiskAllocation>;
  tags: StoredTag[];
  /** Its EC2 instance is stopped: the gateway is down (STATE_SHUTDOWN) and only starting the instance brings it back. */
  instanceStopped?: boolean;
  /** Epoch ms (lab clock) when DisableGateway ran; recovery points are taken then. */
  disabledAt?: number;
  activatedAt: number;
  /** Bandwidth limits, maintenance window, software updates; created on first use. */
  settings?: GatewaySettings;
}

/** Where a tape sits in its library: drive 0-9 or slot 1-3200 (mtx numbering). */
export interface TapeLocation {
  kind: 'drive' | 'slot';
  index: number;
}

/** A pending timed step of the state machine, due at `dueAt` (epoch ms, lab clock). */
export interface PendingStep {
  /** Status the tape had when the step was scheduled (a guard against stale steps). */
  from: string;
  dueAt: number;
  startedAt: number;
}

export interface VtlPresence {
  gatewayArn: string;
  /** CREATING, AVAILABLE, IN TRANSIT TO VTS, ARCHIVING, DELETING, RETRIEVING, RETRIEVED, RECOVERED, IRRECOVERABLE. */
  status: string;
  location: TapeLocation;
  readOnly: boolean;
  pending?: PendingStep;
}

export interface ArchivePresence {
  /** ARCHIVED, RETRIEVING or RETRIEVED. */
  status: string;
  /** Epoch ms when the tape was archived. */
  completionTime: number;
  retrievedTo?: string;
}

export interface TapeRecord {
  barcode: string;
  tapeArn: string;
  sizeInBytes: number;
  usedInBytes: number;
  /** Epoch ms. */
  createdAt: number;
  worm: boolean;
  kmsKey?: string;
  poolId?: string;
  /** Epoch ms. */
  poolEntryDate?: number;
  /** Epoch ms. */
  retentionStartDate?: number;
  tags: StoredTag[];
  vtl?: VtlPresence;
  archive?: ArchivePresence;
  /** Recovery point of a tape whose gateway was disabled: epoch ms. */
  recoveryPointTime?: number;
}

export interface PoolRecord {
  poolId: string;
  poolArn: string;
  name: string;
  storageClass: 'GLACIER' | 'DEEP_ARCHIVE';
  retentionLockType: 'COMPLIANCE' | 'GOVERNANCE' | 'NONE';
  retentionLockTimeInDays: number;
  tags: StoredTag[];
  createdAt: number;
}

export interface ClientTokenRecord {
  /** A canonical form of the request, so a different request reusing a token is caught. */
  requestKey: string;
  tapeArns: string[];
}

export interface RegionState {
  version: typeof STATE_FORMAT_VERSION;
  gateways: Record<string, GatewayRecord>;
  /** By barcode; a deleted tape is removed here but its barcode stays in usedBarcodes. */
  tapes: Record<string, TapeRecord>;
  /** Every barcode ever issued in this account and region: never reusable. */
  usedBarcodes: Record<string, true>;
  pools: Record<string, PoolRecord>;
  clientTokens: Record<string, ClientTokenRecord>;
}

export function emptyRegionState(): RegionState {
  return { version: STATE_FORMAT_VERSION, gateways: {}, tapes: {}, usedBarcodes: {}, pools: {}, clientTokens: {} };
}

export function isRegionState(raw: unknown): raw is RegionState {
  if (raw === null || typeof raw !== 'object') return false;
  const candidate = raw as Partial<RegionState>;
  return candidate.version === STATE_FORMAT_VERSION && typeof candidate.gateways === 'object' && typeof candidate.tapes === 'object' && typeof candidate.usedBarcodes === 'object' && typeof candidate.pools === 'object' && typeof candidate.clientTokens === 'object';
}
