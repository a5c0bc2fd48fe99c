// Reads a stopped lab's state folder and checks what must hold after any crash: files parse, records are whole and consistent.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegionState } from '../../../../src/lab/services/storageGateway/model';
import { replayJournal } from '../../../../src/lab/state/journalFormat';
import type { StackRecord } from '../../../../src/lab/services/cloudFormation/StackRecord';

/** Every tape status (VTL side) the lab may store. */
const VTL_STATUSES = new Set(['CREATING', 'AVAILABLE', 'IN TRANSIT TO VTS', 'ARCHIVING', 'DELETING', 'RETRIEVING', 'RETRIEVED', 'RECOVERED', 'IRRECOVERABLE']);
const ARCHIVE_STATUSES = new Set(['ARCHIVED', 'RETRIEVING', 'RETRIEVED']);
const STACK_STATUS = /^(CREATE|ROLLBACK|DELETE|UPDATE|UPDATE_ROLLBACK)_(IN_PROGRESS|COMPLETE|FAILED)$|^UPDATE(_ROLLBACK)?_COMPLETE_CLEANUP_IN_PROGRESS$/;

/** What a region's journal holds once replayed, as plain records. */
export type StoredRegion = Omit<RegionState, 'lookups'>;

/** Replays one account and region's journal the way the lab does at start (a torn last line is left out). */
export function readRegionState(stateDir: string, file = '123456789012_us-east-1.journal'): StoredRegion {
  const tables = replayJournal(readFileSync(join(stateDir, 'storagegateway', file), 'utf8'), file);
  const collection = <T>(name: string) => Object.fromEntries(tables.get(name) ?? new Map()) as Record<string, T>;
  return { gateways: collection('gateways'), tapes: collection('tapes'), usedBarcodes: collection('usedBarcodes'), pools: collection('pools'), clientTokens: collection('clientTokens') };
}

/** Problems in a Storage Gateway state: invalid statuses, duplicate ARNs or locations, tapes of unknown gateways. */
export function regionStateProblems(state: StoredRegion): string[] {
  const problems: string[] = [];
  const arns = new Set<string>();
  const locations = new Set<string>();
  for (const [barcode, tape] of Object.entries(state.tapes)) {
    if (tape.barcode !== barcode) problems.push(`tape keyed ${barcode} says it is ${tape.barcode}`);
    if (!tape.tapeArn.endsWith(`/${barcode}`)) problems.push(`tape ${barcode} has ARN ${tape.tapeArn}`);
    if (arns.has(tape.tapeArn)) problems.push(`ARN ${tape.tapeArn} appears twice`);
    arns.add(tape.tapeArn);
    if (!state.usedBarcodes[barcode]) problems.push(`tape ${barcode} is not in usedBarcodes`);
    if (!tape.vtl && !tape.archive) problems.push(`tape ${barcode} is neither in a library nor archived`);
    if (tape.vtl) {
      if (!VTL_STATUSES.has(tape.vtl.status)) problems.push(`tape ${barcode} has status ${tape.vtl.status}`);
      if (!Object.hasOwn(state.gateways, tape.vtl.gatewayArn)) problems.push(`tape ${barcode} is in unknown gateway ${tape.vtl.gatewayArn}`);
      const where = `${tape.vtl.gatewayArn} ${tape.vtl.location.kind}:${tape.vtl.location.index}`;
      if (locations.has(where)) problems.push(`two tapes at ${where}`);
      locations.add(where);
    }
    if (tape.archive && !ARCHIVE_STATUSES.has(tape.archive.status)) problems.push(`archived tape ${barcode} has status ${tape.archive.status}`);
    if (tape.usedInBytes < 0 || tape.usedInBytes > tape.sizeInBytes) problems.push(`tape ${barcode} uses ${tape.usedInBytes} of ${tape.sizeInBytes} bytes`);
  }
  for (const [token, record] of Object.entries(state.clientTokens)) {
    for (const arn of record.tapeArns) if (!state.usedBarcodes[arn.slice(arn.lastIndexOf('/') + 1)]) problems.push(`ClientToken ${token} names ${arn}, which was never issued`);
  }
  return problems;
}

export interface SavedStacks {
  readonly stacks: StackRecord[];
}

/** Replays the CloudFormation journal the way the lab does at start. */
export function readStacks(stateDir: string): SavedStacks {
  const tables = replayJournal(readFileSync(join(stateDir, 'cloudformation', 'stacks.journal'), 'utf8'), 'stacks.journal');
  return { stacks: [...(tables.get('stacks')?.values() ?? [])] as StackRecord[] };
}

export function stackProblems(saved: SavedStacks): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const stack of saved.stacks) {
    if (ids.has(stack.stackId)) problems.push(`stack id ${stack.stackId} appears twice`);
    ids.add(stack.stackId);
    if (!STACK_STATUS.test(stack.status)) problems.push(`stack ${stack.stackName} has status ${stack.status}`);
  }
  return problems;
}

/** Files whose names say they are leftovers of interrupted writes, anywhere under the state folder. */
export function leftoverTempFiles(stateDir: string): string[] {
  return readdirSync(stateDir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.tmp(-|$)|\.tmp\b/.test(name));
}
