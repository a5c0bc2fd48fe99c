// The timed tape steps: scaled durations, chaining from due times (so a restart catches up), archive and retention.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RegionState, TapeRecord } from '../../../src/lab/services/storageGateway/model';
import { emptyRegionState } from '../../../src/lab/services/storageGateway/regionTables';
import { advanceTapes, beginStep, nextDueAt, progressOf, retentionVerdict, TAPE_STEP_DURATIONS_MS } from '../../../src/lab/services/storageGateway/tapeStateMachine';

function stateWithTape(): { state: RegionState; tape: TapeRecord } {
  const state = emptyRegionState();
  const tape: TapeRecord = {
    barcode: 'TEST000001',
    tapeArn: 'arn:aws:storagegateway:us-east-1:123456789012:tape/TEST000001',
    sizeInBytes: 100 * 1024 ** 3,
    usedInBytes: 0,
    createdAt: 0,
    worm: false,
    tags: [],
    vtl: { gatewayArn: 'gw', status: 'AVAILABLE', location: { kind: 'slot', index: 1601 }, readOnly: false },
  };
  state.tapes[tape.barcode] = tape;
  // Changes must go through the state's view, which re-indexes the tape (a pending step, say).
  const stored = state.tapes[tape.barcode];
  assert.ok(stored);
  return { state, tape: stored };
}

test('CREATING becomes AVAILABLE exactly when its scaled duration has passed', () => {
  const { state, tape } = stateWithTape();
  beginStep(tape, 'CREATING', 1000, 0.5);
  assert.equal(nextDueAt(state), 1000 + TAPE_STEP_DURATIONS_MS.CREATING * 0.5);
  assert.equal(advanceTapes(state, 1000 + TAPE_STEP_DURATIONS_MS.CREATING * 0.5 - 1, 0.5), false);
  assert.equal(tape.vtl?.status, 'CREATING');
  assert.equal(advanceTapes(state, 1000 + TAPE_STEP_DURATIONS_MS.CREATING * 0.5, 0.5), true);
  assert.equal(tape.vtl?.status, 'AVAILABLE');
  assert.equal(nextDueAt(state), undefined);
});

test('an eject chains IN TRANSIT TO VTS -> ARCHIVING -> ARCHIVED from due times, even when checked late (after a restart)', () => {
  const { state, tape } = stateWithTape();
  state.pools['pool-1'] = { poolId: 'pool-1', poolArn: 'p', name: 'locked', storageClass: 'GLACIER', retentionLockType: 'COMPLIANCE', retentionLockTimeInDays: 1, tags: [], createdAt: 0 };
  tape.poolId = 'pool-1';
  beginStep(tape, 'IN TRANSIT TO VTS', 0, 1);
  assert.equal(progressOf(tape, 0), 0);
  const transit = TAPE_STEP_DURATIONS_MS['IN TRANSIT TO VTS'];
  advanceTapes(state, transit + 1, 1);
  assert.equal(tape.vtl?.status, 'ARCHIVING');
  assert.equal(progressOf(tape, transit + TAPE_STEP_DURATIONS_MS.ARCHIVING / 2), 50);
  advanceTapes(state, 10 ** 9, 1);
  assert.equal(tape.vtl, undefined);
  assert.deepEqual(tape.archive, { status: 'ARCHIVED', completionTime: transit + TAPE_STEP_DURATIONS_MS.ARCHIVING });
  assert.equal(tape.retentionStartDate, transit + TAPE_STEP_DURATIONS_MS.ARCHIVING);
  assert.equal(retentionVerdict(tape, state.pools['pool-1'], tape.retentionStartDate + 1), 'compliance');
  assert.equal(retentionVerdict(tape, state.pools['pool-1'], tape.retentionStartDate + 86_400_000), 'free');
});

test('DELETING removes the tape; a step whose status changed meanwhile is ignored', () => {
  const { state, tape } = stateWithTape();
  beginStep(tape, 'DELETING', 0, 1);
  advanceTapes(state, 10 ** 6, 1);
  assert.equal(state.tapes[tape.barcode], undefined);

  const other = stateWithTape();
  beginStep(other.tape, 'IN TRANSIT TO VTS', 0, 1);
  if (other.tape.vtl) other.tape.vtl.status = 'AVAILABLE';
  advanceTapes(other.state, 10 ** 6, 1);
  assert.equal(other.tape.vtl?.status, 'AVAILABLE');
});
