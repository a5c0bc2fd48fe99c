// The stored records of the Storage Gateway service for one account and region, and the lookups its indexes answer.
import type { GatewaySettings } from './gatewaySettings';

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

/** Index lookups over a region's tapes; they return keys (barcodes), to be read through the state's own collections. */
export interface RegionLookups {
  /** Barcodes of the tapes in a gateway's library, ascending (= tapeArn order within one account and region). */
  tapesOfGateway(gatewayArn: string): readonly string[];
  /** Barcodes of the tapes assigned to a pool. */
  tapesInPool(poolId: string): ReadonlySet<string>;
  /** Barcodes of the tapes with this VTL status (or archive status for archived tapes). */
  tapesWithStatus(status: string): ReadonlySet<string>;
  /** Barcodes of the tapes with a pending timed step. */
  pendingTapes(): ReadonlySet<string>;
  /** Barcodes of archived tapes (ARCHIVED, RETRIEVING or RETRIEVED in the archive), ascending. */
  archivedTapes(): readonly string[];
  /** The barcode of the tape at a place in a gateway's library, if any. */
  tapeAt(gatewayArn: string, location: TapeLocation): string | undefined;
  /** Every barcode, ascending. */
  allTapes(): readonly string[];
  /** Every gateway ARN of this account and region, ascending. */
  allGateways(): readonly string[];
  /** How many tapes a gateway's library holds and their total size, from the gateway index (records read untracked). */
  libraryUsage(gatewayArn: string): { readonly tapes: number; readonly bytes: number };
  /** Slot numbers taken in a gateway's library (drives excluded), from the gateway index. */
  takenSlots(gatewayArn: string): Set<number>;
}

/**
 * One account and region of Storage Gateway state. The collections read like plain objects but are views over the
 * storage layer's tables: records changed through them are re-indexed and journaled (see src/lab/state/README.md).
 */
export interface RegionState {
  readonly gateways: Record<string, GatewayRecord>;
  /** By barcode; a deleted tape is removed here but its barcode stays in usedBarcodes. */
  readonly tapes: Record<string, TapeRecord>;
  /** Every barcode ever issued in this account and region: never reusable. */
  readonly usedBarcodes: Record<string, true>;
  readonly pools: Record<string, PoolRecord>;
  readonly clientTokens: Record<string, ClientTokenRecord>;
  readonly lookups: RegionLookups;
}
