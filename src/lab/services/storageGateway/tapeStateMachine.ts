// The timed half of the tape state machine: steps due at lab-clock times, replayable after a restart.
import type { PendingStep, PoolRecord, RegionState, TapeRecord } from './model';

/** Simulated durations at --time-scale 1 (AWS takes minutes to hours; the lab compresses them). */
export const TAPE_STEP_DURATIONS_MS = {
  CREATING: 2_000,
  'IN TRANSIT TO VTS': 2_000,
  ARCHIVING: 5_000,
  RETRIEVING: 10_000,
  DELETING: 1_000,
} as const;

export type TimedStatus = keyof typeof TAPE_STEP_DURATIONS_MS;

/** Puts a VTL tape into a timed status; the step is due after the scaled duration. */
export function beginStep(tape: TapeRecord, status: TimedStatus, startedAt: number, timeScale: number): void {
  if (!tape.vtl) return;
  tape.vtl.status = status;
  tape.vtl.pending = { from: status, startedAt, dueAt: startedAt + TAPE_STEP_DURATIONS_MS[status] * timeScale };
}

/** Applies every step that is due by `now`, chaining steps from their due times. Returns true if anything changed. */
export function advanceTapes(state: RegionState, now: number, timeScale: number): boolean {
  let changed = false;
  // A copy: completing a step takes the tape out of the pending index.
  for (const barcode of [...state.lookups.pendingTapes()]) {
    const tape = state.tapes[barcode];
    while (tape?.vtl?.pending && tape.vtl.pending.dueAt <= now && tape.vtl.pending.from === tape.vtl.status) {
      completeStep(state, tape, tape.vtl.pending, timeScale);
      changed = true;
    }
  }
  return changed;
}

function completeStep(state: RegionState, tape: TapeRecord, step: PendingStep, timeScale: number): void {
  const vtl = tape.vtl;
  if (!vtl) return;
  delete vtl.pending;
  switch (vtl.status) {
    case 'CREATING':
      vtl.status = 'AVAILABLE';
      return;
    case 'IN TRANSIT TO VTS':
      beginStep(tape, 'ARCHIVING', step.dueAt, timeScale);
      return;
    case 'ARCHIVING':
      archiveNow(state, tape, step.dueAt);
      return;
    case 'RETRIEVING':
      vtl.status = 'RETRIEVED';
      if (tape.archive) tape.archive.status = 'RETRIEVED';
      return;
    case 'DELETING':
      delete state.tapes[tape.barcode];
      return;
  }
}

/** The tape leaves its library and sits in the archive; a locked custom pool starts its retention clock. */
export function archiveNow(state: RegionState, tape: TapeRecord, at: number): void {
  delete tape.vtl;
  tape.archive = { status: 'ARCHIVED', completionTime: at };
  const pool = tape.poolId ? state.pools[tape.poolId] : undefined;
  if (pool && pool.retentionLockType !== 'NONE' && tape.retentionStartDate === undefined) tape.retentionStartDate = at;
}

/** Earliest due time of any pending step, for the timer that persists progress. */
export function nextDueAt(state: RegionState): number | undefined {
  let next: number | undefined;
  for (const barcode of state.lookups.pendingTapes()) {
    const due = state.tapes[barcode]?.vtl?.pending?.dueAt;
    if (due !== undefined && (next === undefined || due < next)) next = due;
  }
  return next;
}

/** Percent done of the archiving step, as DescribeTapes' Progress reports it. */
export function progressOf(tape: TapeRecord, now: number): number | undefined {
  const step = tape.vtl?.pending;
  if (!step || (tape.vtl?.status !== 'ARCHIVING' && tape.vtl?.status !== 'IN TRANSIT TO VTS')) return undefined;
  if (tape.vtl.status === 'IN TRANSIT TO VTS') return 0;
  const span = step.dueAt - step.startedAt;
  return span <= 0 ? 100 : Math.min(100, Math.max(0, Math.round(((now - step.startedAt) / span) * 1000) / 10));
}

export type RetentionVerdict = 'free' | 'governance' | 'compliance';

/** Whether a tape's retention lock still holds at `now`. */
export function retentionVerdict(tape: TapeRecord, pool: PoolRecord | undefined, now: number): RetentionVerdict {
  if (!pool || pool.retentionLockType === 'NONE' || tape.retentionStartDate === undefined) return 'free';
  const until = tape.retentionStartDate + pool.retentionLockTimeInDays * 86_400_000;
  if (now >= until) return 'free';
  return pool.retentionLockType === 'COMPLIANCE' ? 'compliance' : 'governance';
}
