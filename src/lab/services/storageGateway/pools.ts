// Tape pool operations: ListTapePools, CreateTapePool, DeleteTapePool, AssignTapePool, with retention-lock rules.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../http/types';
import { tapePoolArn } from '../../../tape/arns';
import { TAPE_GATEWAY_LIMITS } from '../../../tape/limits';
import { invalidParameters } from './errors';
import type { PoolRecord, RegionState, TapeRecord } from './model';
import { byKey, paginate } from './pagination';
import { findTape, mutate, read, type SgContext } from './SgContext';
import { arnRule, LIMIT, MARKER, NAME_PATTERN, POOL_ID_RULE, TAGS, TAPE_ARN, type PageInput, type TagInput } from './shapes';
import { checkTagKeys } from './tagRules';
import { retentionVerdict } from './tapeStateMachine';
import { bool, integer, list, optional, required, str, validateInput } from './validation';

export const BUILT_IN_POOLS = ['GLACIER', 'DEEP_ARCHIVE'] as const;

export function builtInOrCustomPool(state: RegionState, poolId: string): boolean {
  return (BUILT_IN_POOLS as readonly string[]).includes(poolId) || Object.hasOwn(state.pools, poolId);
}

/** Storage class a pool archives to. */
function storageClassOf(state: RegionState, poolId: string | undefined): string {
  if (poolId === undefined) return 'GLACIER';
  return Object.hasOwn(state.pools, poolId) ? (state.pools[poolId]?.storageClass ?? 'GLACIER') : poolId;
}

/** Refuses a change to a tape under an active retention lock (COMPLIANCE always; GOVERNANCE unless bypassed). */
export function checkRetention(state: RegionState, tape: TapeRecord, now: number, bypassGovernance: boolean | undefined): void {
  const verdict = retentionVerdict(tape, tape.poolId ? state.pools[tape.poolId] : undefined, now);
  if (verdict === 'compliance') throw invalidParameters(`Tape ${tape.barcode} is under COMPLIANCE retention lock in pool ${tape.poolId}; nobody can delete or move it until the retention period ends.`);
  if (verdict === 'governance' && bypassGovernance !== true) {
    throw invalidParameters(`Tape ${tape.barcode} is under GOVERNANCE retention lock in pool ${tape.poolId}; set BypassGovernanceRetention (with the storagegateway:BypassGovernanceRetention permission) to override it.`);
  }
}

interface CreatePoolInput {
  PoolName: string;
  StorageClass: 'GLACIER' | 'DEEP_ARCHIVE';
  RetentionLockType?: 'COMPLIANCE' | 'GOVERNANCE' | 'NONE';
  RetentionLockTimeInDays?: number;
  Tags?: TagInput[];
}

export function poolOperations(sg: SgContext) {
  async function ListTapePools(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<PageInput & { PoolARNs?: string[] }>({ PoolARNs: optional(list(arnRule)), Marker: MARKER, Limit: LIMIT }, raw);
    return read(sg, ctx, (state) => {
      const wanted = input.PoolARNs && input.PoolARNs.length > 0 ? new Set(input.PoolARNs) : undefined;
      const pools = Object.values(state.pools)
        .filter((p) => !wanted || wanted.has(p.poolArn))
        .sort(byKey((p: PoolRecord) => p.poolArn));
      const page = paginate(pools, (p) => p.poolArn, input.Marker, input.Limit);
      return {
        PoolInfos: page.items.map((p) => ({
          PoolARN: p.poolArn,
          PoolName: p.name,
          StorageClass: p.storageClass,
          RetentionLockType: p.retentionLockType,
          RetentionLockTimeInDays: p.retentionLockTimeInDays,
          PoolStatus: 'ACTIVE',
        })),
        Marker: page.marker,
      };
    });
  }

  async function CreateTapePool(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<CreatePoolInput>(
      {
        PoolName: required(str({ min: 1, max: 100, pattern: NAME_PATTERN })),
        StorageClass: required(str({ enum: BUILT_IN_POOLS })),
        RetentionLockType: optional(str({ enum: ['COMPLIANCE', 'GOVERNANCE', 'NONE'] })),
        RetentionLockTimeInDays: optional(integer({ min: TAPE_GATEWAY_LIMITS.minRetentionLockDays, max: TAPE_GATEWAY_LIMITS.maxRetentionLockDays })),
        Tags: TAGS,
      },
      raw,
    );
    checkTagKeys(input.Tags);
    const lockType = input.RetentionLockType ?? 'NONE';
    if (lockType !== 'NONE' && (input.RetentionLockTimeInDays ?? 0) < 1) throw invalidParameters('A retention lock needs RetentionLockTimeInDays of 1 or more.');
    if (lockType === 'NONE' && (input.RetentionLockTimeInDays ?? 0) > 0) throw invalidParameters('RetentionLockTimeInDays needs RetentionLockType COMPLIANCE or GOVERNANCE.');
    return mutate(sg, ctx, (state, now) => {
      if (Object.values(state.pools).some((p) => p.name === input.PoolName)) throw invalidParameters(`A tape pool named "${input.PoolName}" already exists; choose another name.`);
      let poolId: string;
      do poolId = `pool-${randomBytes(4).toString('hex').toUpperCase()}`;
      while (Object.hasOwn(state.pools, poolId));
      const pool: PoolRecord = {
        poolId,
        poolArn: tapePoolArn(ctx.region, ctx.accountId, poolId),
        name: input.PoolName,
        storageClass: input.StorageClass,
        retentionLockType: lockType,
        retentionLockTimeInDays: lockType === 'NONE' ? 0 : (input.RetentionLockTimeInDays ?? 0),
        tags: (input.Tags ?? []).map(({ Key, Value }) => ({ Key, Value })),
        createdAt: now,
      };
      state.pools[poolId] = pool;
      return { PoolARN: pool.poolArn };
    });
  }

  async function DeleteTapePool(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ PoolARN: string }>({ PoolARN: required(arnRule) }, raw);
    return mutate(sg, ctx, (state) => {
      const pool = Object.values(state.pools).find((p) => p.poolArn === input.PoolARN);
      if (!pool) throw invalidParameters(`Tape pool ${input.PoolARN} does not exist; list pools with ListTapePools.`);
      if (state.lookups.tapesInPool(pool.poolId).size > 0) throw invalidParameters(`Tape pool ${pool.poolId} still holds tapes; delete them or assign them to another pool first.`);
      delete state.pools[pool.poolId];
      return { PoolARN: pool.poolArn };
    });
  }

  async function AssignTapePool(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ TapeARN: string; PoolId: string; BypassGovernanceRetention?: boolean }>(
      { TapeARN: TAPE_ARN, PoolId: required(POOL_ID_RULE), BypassGovernanceRetention: optional(bool()) },
      raw,
    );
    return mutate(sg, ctx, (state, now) => {
      const tape = findTape(state, input.TapeARN);
      if (!builtInOrCustomPool(state, input.PoolId)) throw invalidParameters(`Pool "${input.PoolId}" does not exist; use GLACIER, DEEP_ARCHIVE or a PoolId from ListTapePools.`);
      if (tape.poolId === input.PoolId) return { TapeARN: tape.tapeArn };
      checkRetention(state, tape, now, input.BypassGovernanceRetention);
      const archived = tape.archive !== undefined && !tape.vtl;
      if (archived && storageClassOf(state, tape.poolId) === 'DEEP_ARCHIVE' && storageClassOf(state, input.PoolId) === 'GLACIER') {
        throw invalidParameters(`Tape ${tape.barcode} is archived in S3 Glacier Deep Archive and cannot be moved back to a GLACIER pool.`);
      }
      tape.poolId = input.PoolId;
      tape.poolEntryDate = now;
      const pool = Object.hasOwn(state.pools, input.PoolId) ? state.pools[input.PoolId] : undefined;
      // For an archived tape a new lock takes effect at once (AWS applies a retention-lock change to archived tapes immediately).
      if (archived && pool && pool.retentionLockType !== 'NONE') tape.retentionStartDate = now;
      else delete tape.retentionStartDate;
      return { TapeARN: tape.tapeArn };
    });
  }

  return { ListTapePools, CreateTapePool, DeleteTapePool, AssignTapePool };
}
