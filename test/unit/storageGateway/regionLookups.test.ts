// The Storage Gateway indexes answer what a scan of every record answers: tapes by gateway, pool, status, place and
// barcode, archived tapes, and the gateways of the account and region, through random creates, changes and deletes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatewayRecord, RegionState, TapeRecord } from '../../../src/lab/services/storageGateway/model';
import { emptyRegionState } from '../../../src/lab/services/storageGateway/regionTables';
import { seededRandom, type SeededRandom } from '../../lab/faults/support/seededRandom';

const GATEWAYS = ['arn:gw-a', 'arn:gw-b', 'arn:gw-c'];
const POOLS = ['GLACIER', 'DEEP_ARCHIVE', 'pool-1'];
const STATUSES = ['CREATING', 'AVAILABLE', 'IN TRANSIT TO VTS', 'ARCHIVING', 'RETRIEVED'];

function pick<T>(random: SeededRandom, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)] as T;
}

/** Slots are never shared (as in a library), so every tape gets a slot number of its own. */
let lastSlot = 0;

function newTape(random: SeededRandom, barcode: string): TapeRecord {
  return {
    barcode,
    tapeArn: `arn:tape/${barcode}`,
    sizeInBytes: random.int(1, 5) * 1024,
    usedInBytes: 0,
    createdAt: 0,
    worm: false,
    tags: [],
    ...(random.int(0, 1) === 0 ? { poolId: pick(random, POOLS) } : {}),
    vtl: { gatewayArn: pick(random, GATEWAYS), status: pick(random, STATUSES), location: { kind: 'slot', index: (lastSlot += 1) }, readOnly: false },
  };
}

function sorted(keys: Iterable<string>): string[] {
  return [...keys].sort();
}

function checkAgainstScan(state: RegionState, what: string): void {
  const tapes = Object.values(state.tapes);
  assert.deepEqual(state.lookups.allTapes(), sorted(tapes.map((t) => t.barcode)), `${what}: every barcode`);
  assert.deepEqual(state.lookups.allGateways(), sorted(Object.keys(state.gateways)), `${what}: gateways of the account and region`);
  for (const gatewayArn of GATEWAYS) {
    const mine = tapes.filter((t) => t.vtl?.gatewayArn === gatewayArn);
    assert.deepEqual(state.lookups.tapesOfGateway(gatewayArn), sorted(mine.map((t) => t.barcode)), `${what}: tapes of ${gatewayArn}`);
    assert.deepEqual(state.lookups.libraryUsage(gatewayArn), { tapes: mine.length, bytes: mine.reduce((sum, t) => sum + t.sizeInBytes, 0) }, `${what}: usage of ${gatewayArn}`);
    for (let index = 1; index <= lastSlot + 1; index += 1) {
      const at = mine.find((t) => t.vtl?.location.kind === 'slot' && t.vtl.location.index === index);
      assert.equal(state.lookups.tapeAt(gatewayArn, { kind: 'slot', index }), at?.barcode, `${what}: slot ${index} of ${gatewayArn}`);
    }
  }
  for (const poolId of POOLS) assert.deepEqual(sorted(state.lookups.tapesInPool(poolId)), sorted(tapes.filter((t) => t.poolId === poolId).map((t) => t.barcode)), `${what}: pool ${poolId}`);
  for (const status of [...STATUSES, 'ARCHIVED']) {
    assert.deepEqual(sorted(state.lookups.tapesWithStatus(status)), sorted(tapes.filter((t) => (t.vtl?.status ?? t.archive?.status) === status).map((t) => t.barcode)), `${what}: status ${status}`);
  }
  assert.deepEqual(state.lookups.archivedTapes(), sorted(tapes.filter((t) => t.archive).map((t) => t.barcode)), `${what}: archived`);
}

test('tape and gateway lookups match a full scan through random changes', () => {
  const random = seededRandom(1616);
  const state = emptyRegionState();
  let next = 0;
  for (let round = 0; round < 40; round += 1) {
    for (let step = 0; step < 25; step += 1) {
      const barcodes = Object.keys(state.tapes);
      const barcode = barcodes.length > 0 ? pick(random, barcodes) : undefined;
      const tape = barcode === undefined ? undefined : state.tapes[barcode];
      switch (random.int(0, 7)) {
        case 0:
        case 1: {
          const fresh = `TST${String((next += 1)).padStart(5, '0')}`;
          state.tapes[fresh] = newTape(random, fresh);
          break;
        }
        case 2:
          if (tape?.vtl) tape.vtl.status = pick(random, STATUSES);
          break;
        case 3:
          if (tape?.vtl) tape.vtl.gatewayArn = pick(random, GATEWAYS);
          break;
        case 4:
          if (tape?.vtl) tape.vtl.location = { kind: 'slot', index: (lastSlot += 1) };
          break;
        case 5:
          if (tape?.vtl) {
            delete tape.vtl;
            tape.archive = { status: 'ARCHIVED', completionTime: 0 };
          }
          break;
        case 6:
          if (barcode !== undefined) delete state.tapes[barcode];
          break;
        default: {
          const gatewayArn = pick(random, GATEWAYS);
          if (state.gateways[gatewayArn]) delete state.gateways[gatewayArn];
          else state.gateways[gatewayArn] = { gatewayArn, gatewayId: gatewayArn.slice(4), name: gatewayArn } as GatewayRecord;
          if (tape) tape.poolId = pick(random, POOLS);
        }
      }
    }
    checkAgainstScan(state, `round ${round}`);
  }
  assert.ok(next > 100, 'the rounds created tapes');
});
