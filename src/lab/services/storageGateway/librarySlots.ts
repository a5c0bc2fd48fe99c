// Where tapes sit in a gateway's library: drives 0-9, storage slots 1-1600, import/export slots 1601-3200.
import { TAPE_GATEWAY_LIMITS } from '../../../tape/limits';
import type { RegionState, TapeLocation, TapeRecord } from './model';

export const FIRST_IMPORT_EXPORT_SLOT = TAPE_GATEWAY_LIMITS.storageSlots + 1;
export const LAST_SLOT = TAPE_GATEWAY_LIMITS.storageSlots + TAPE_GATEWAY_LIMITS.importExportSlots;

export function isImportExportSlot(slot: number): boolean {
  return slot >= FIRST_IMPORT_EXPORT_SLOT && slot <= LAST_SLOT;
}

export function locationKey(location: TapeLocation): string {
  return `${location.kind}:${location.index}`;
}

/** Tapes of one library by location (the whole library: for listing every element). */
export function occupancy(state: RegionState, gatewayArn: string): Map<string, TapeRecord> {
  const taken = new Map<string, TapeRecord>();
  for (const barcode of state.lookups.tapesOfGateway(gatewayArn)) {
    const tape = state.tapes[barcode];
    if (tape?.vtl) taken.set(locationKey(tape.vtl.location), tape);
  }
  return taken;
}

/** The tape at one place of a library, from the place index. */
export function tapeAt(state: RegionState, gatewayArn: string, location: TapeLocation): TapeRecord | undefined {
  const barcode = state.lookups.tapeAt(gatewayArn, location);
  return barcode === undefined ? undefined : state.tapes[barcode];
}

/** The first `count` free import/export slots, in order; fewer if the library has fewer free. */
export function freeImportExportSlots(state: RegionState, gatewayArn: string, count: number): number[] {
  const taken = state.lookups.takenSlots(gatewayArn);
  const free: number[] = [];
  for (let slot = FIRST_IMPORT_EXPORT_SLOT; slot <= LAST_SLOT && free.length < count; slot += 1) if (!taken.has(slot)) free.push(slot);
  return free;
}
