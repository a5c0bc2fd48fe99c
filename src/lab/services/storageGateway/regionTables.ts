// The Storage Gateway tables of one account and region in the lab's storage layer: their indexes, views and the import of older state files.
import { readFile } from 'node:fs/promises';
import { plainRecordView, trackedRecordView } from '../../state/recordViews';
import { StateStore } from '../../state/StateStore';
import type { JournalOp } from '../../state/journalFormat';
import { StateLoadError } from '../../state/journalFormat';
import type { Table } from '../../state/Table';
import type { ClientTokenRecord, GatewayRecord, PoolRecord, RegionLookups, RegionState, TapeLocation, TapeRecord } from './model';

const COLLECTIONS = ['gateways', 'tapes', 'usedBarcodes', 'pools', 'clientTokens'] as const;

function placeKey(gatewayArn: string, location: TapeLocation): string {
  return `${gatewayArn} ${location.kind}:${location.index}`;
}

export interface RegionTables {
  readonly store: StateStore;
  /** For changes: every write through it is re-indexed and journaled. */
  readonly tracked: RegionState;
  /** For reads: the records as they are, without the cost of tracking. */
  readonly plain: RegionState;
}

function declareTables(store: StateStore): RegionTables {
  const gateways = store.table<GatewayRecord>('gateways');
  const tapes = store.table<TapeRecord>('tapes', {
    indexes: {
      gateway: (tape) => tape.vtl?.gatewayArn,
      pool: (tape) => tape.poolId,
      status: (tape) => tape.vtl?.status ?? tape.archive?.status,
      pending: (tape) => (tape.vtl?.pending ? 'pending' : undefined),
      archived: (tape) => (tape.archive ? 'archived' : undefined),
      place: (tape) => (tape.vtl ? placeKey(tape.vtl.gatewayArn, tape.vtl.location) : undefined),
    },
  });
  const usedBarcodes = store.table<true>('usedBarcodes');
  const pools = store.table<PoolRecord>('pools');
  const clientTokens = store.table<ClientTokenRecord>('clientTokens');
  const lookups = regionLookups(tapes, gateways);
  return {
    store,
    tracked: { gateways: trackedRecordView(gateways), tapes: trackedRecordView(tapes), usedBarcodes: plainRecordView(usedBarcodes), pools: trackedRecordView(pools), clientTokens: trackedRecordView(clientTokens), lookups },
    plain: { gateways: plainRecordView(gateways), tapes: plainRecordView(tapes), usedBarcodes: plainRecordView(usedBarcodes), pools: plainRecordView(pools), clientTokens: plainRecordView(clientTokens), lookups },
  };
}

function regionLookups(tapes: Table<TapeRecord>, gateways: Table<GatewayRecord>): RegionLookups {
  return {
    tapesOfGateway: (gatewayArn) => tapes.lookupSorted('gateway', gatewayArn),
    tapesInPool: (poolId) => tapes.lookup('pool', poolId),
    tapesWithStatus: (status) => tapes.lookup('status', status),
    pendingTapes: () => tapes.lookup('pending', 'pending'),
    archivedTapes: () => tapes.lookupSorted('archived', 'archived'),
    tapeAt: (gatewayArn, location) => {
      for (const barcode of tapes.lookup('place', placeKey(gatewayArn, location))) return barcode;
      return undefined;
    },
    allTapes: () => tapes.allKeysSorted(),
    allGateways: () => gateways.allKeysSorted(),
    libraryUsage: (gatewayArn) => {
      const keys = tapes.lookup('gateway', gatewayArn);
      let bytes = 0;
      for (const key of keys) bytes += tapes.get(key)?.sizeInBytes ?? 0;
      return { tapes: keys.size, bytes };
    },
    takenSlots: (gatewayArn) => {
      const taken = new Set<number>();
      for (const key of tapes.lookup('gateway', gatewayArn)) {
        const location = tapes.get(key)?.vtl?.location;
        if (location?.kind === 'slot') taken.add(location.index);
      }
      return taken;
    },
  };
}

/** A region kept in memory only (unit tests). */
export function emptyRegionState(): RegionState {
  return declareTables(new StateStore(undefined)).tracked;
}

/** Opens (or creates) a region's journal; the first time, it imports the whole-document state file an older lab wrote. */
export async function openRegionTables(path: string, legacyPath: string, log: (line: string) => void): Promise<RegionTables> {
  const store = new StateStore(path, { log, importWhenMissing: () => legacyOps(legacyPath) });
  const tables = declareTables(store);
  await store.open();
  return tables;
}

async function legacyOps(legacyPath: string): Promise<JournalOp[] | undefined> {
  let text: string;
  try {
    text = await readFile(legacyPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const raw = JSON.parse(text) as Record<string, unknown> | null;
  if (raw?.version !== 1) throw new StateLoadError(`The lab state file ${legacyPath} is not in a format this lab understands. Move it aside or choose another --state-dir.`);
  const ops: JournalOp[] = [];
  for (const name of COLLECTIONS) {
    const collection = raw[name];
    if (collection && typeof collection === 'object') for (const [key, value] of Object.entries(collection)) ops.push([name, key, value]);
  }
  return ops;
}
