// What every Storage Gateway operation file works with: the store, the appliances, and lookups that fail as AWS does.
import type { RequestContext } from '../../http/types';
import type { ApplianceRegistry } from '../../hosts/ApplianceRegistry';
import type { LabRuntime } from '../../LabRuntime';
import { barcodeOfTapeArn } from '../../../tape/arns';
import { lowerBound } from '../../state/Table';
import { gatewayNotConnected, gatewayNotFound, notValidForGateway, tapeNotFound } from './errors';
import type { GatewayRecord, RegionState, TapeRecord } from './model';
import type { RegionKey, StorageGatewayStore } from './StorageGatewayStore';

export interface SgContext {
  readonly runtime: LabRuntime;
  readonly store: StorageGatewayStore;
  readonly appliances: ApplianceRegistry;
  /** A tape is gone for good (DeleteTape, DeleteTapeArchive, DeleteGateway): its recorded media must go too. */
  /** Removes a deleted tape's media; the answer waits for it (the removal itself does not block the event loop). */
  readonly onTapeDeleted: (barcode: string) => Promise<void>;
}

export function regionKey(ctx: RequestContext): RegionKey {
  return { accountId: ctx.accountId, region: ctx.region };
}

/**
 * Runs a change against the request's region state and waits until it is on disk. `change` must check everything
 * before it writes anything, so a refused request leaves no partial state.
 */
export async function mutate<T>(sg: SgContext, ctx: RequestContext, change: (state: RegionState, now: number) => T | Promise<T>): Promise<T> {
  const key = regionKey(ctx);
  const { tracked } = await sg.store.state(key);
  const result = await change(tracked, sg.store.nowMs());
  await sg.store.commit(key);
  return result;
}

export async function read<T>(sg: SgContext, ctx: RequestContext, look: (state: RegionState, now: number) => T): Promise<T> {
  const { plain } = await sg.store.state(regionKey(ctx));
  return look(plain, sg.store.nowMs());
}

export function findGateway(state: RegionState, gatewayArn: string): GatewayRecord {
  const gateway = Object.hasOwn(state.gateways, gatewayArn) ? state.gateways[gatewayArn] : undefined;
  if (!gateway) throw gatewayNotFound();
  return gateway;
}

/** A gateway that answers: running and not disabled. */
export function connectedGateway(state: RegionState, gatewayArn: string): GatewayRecord {
  const gateway = findGateway(state, gatewayArn);
  if (gateway.state !== 'STATE_RUNNING' || gateway.operationalState !== 'ACTIVE') throw gatewayNotConnected();
  return gateway;
}

/** A connected Tape Gateway (GatewayType VTL). */
export function connectedTapeGateway(state: RegionState, gatewayArn: string): GatewayRecord {
  const gateway = connectedGateway(state, gatewayArn);
  if (gateway.type !== 'VTL') throw notValidForGateway();
  return gateway;
}

export function findTape(state: RegionState, tapeArn: string): TapeRecord {
  const barcode = barcodeOfTapeArn(tapeArn);
  const tape = barcode !== undefined && Object.hasOwn(state.tapes, barcode) ? state.tapes[barcode] : undefined;
  if (!tape || tape.tapeArn !== tapeArn) throw tapeNotFound(tapeArn);
  return tape;
}

/** The tapes in a gateway's library, in tapeArn order (from the gateway index, not a scan). */
export function tapesOfGateway(state: RegionState, gatewayArn: string): TapeRecord[] {
  return recordsOf(state.tapes, state.lookups.tapesOfGateway(gatewayArn));
}

/** Records for keys an index returned, read through the state's own view (so changes to them are tracked in a mutation). */
export function recordsOf<T>(collection: Record<string, T>, keys: Iterable<string>): T[] {
  const records: T[] = [];
  for (const key of keys) {
    const record = collection[key];
    if (record !== undefined) records.push(record);
  }
  return records;
}

/**
 * The keys to page when a request may name tapes (TapeARNs): with none named, every key of the index; otherwise the
 * named tapes that exist with exactly that ARN and are in the index, ascending.
 */
export function wantedTapeKeys(state: RegionState, sortedKeys: readonly string[], tapeArns: readonly string[] | undefined): readonly string[] {
  if (!tapeArns || tapeArns.length === 0) return sortedKeys;
  const keys = new Set<string>();
  for (const arn of tapeArns) {
    const barcode = barcodeOfTapeArn(arn);
    if (barcode === undefined || state.tapes[barcode]?.tapeArn !== arn) continue;
    const at = lowerBound(sortedKeys, barcode);
    if (sortedKeys[at] === barcode) keys.add(barcode);
  }
  return [...keys].sort();
}

export function epochSeconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}
