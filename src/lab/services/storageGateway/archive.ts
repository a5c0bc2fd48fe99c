// Archive (VTS) and recovery operations: DescribeTapeArchives, Retrieve/CancelRetrieval, CancelArchival, DeleteTapeArchive, recovery points.
import type { RequestContext } from '../../http/types';
import { TAPE_GATEWAY_LIMITS } from '../../../tape/limits';
import { invalidGatewayRequest, invalidParameters } from './errors';
import { freeImportExportSlots } from './librarySlots';
import type { GatewayRecord, RegionState, TapeRecord } from './model';
import { byKey, paginate, paginateSorted } from './pagination';
import { checkRetention } from './pools';
import { connectedTapeGateway, epochSeconds, findGateway, findTape, mutate, read, recordsOf, tapesOfGateway, wantedTapeKeys, type SgContext } from './SgContext';
import { GATEWAY_ARN, LIMIT, MARKER, TAPE_ARN, tapeArnRule, type PageInput } from './shapes';
import { beginStep } from './tapeStateMachine';
import { toTapeArchive } from './tapeWire';
import { bool, list, optional, validateInput } from './validation';

interface TapeOnGatewayInput {
  GatewayARN: string;
  TapeARN: string;
}

const TAPE_ON_GATEWAY_SHAPE = { TapeARN: TAPE_ARN, GatewayARN: GATEWAY_ARN };

/** A free import/export slot in the target library, within the library's tape limits. */
function slotForIncomingTape(state: RegionState, gateway: GatewayRecord, tape: TapeRecord): number {
  const existing = tapesOfGateway(state, gateway.gatewayArn);
  const totalBytes = existing.reduce((sum, t) => sum + t.sizeInBytes, 0) + tape.sizeInBytes;
  const [slot] = freeImportExportSlots(state, gateway.gatewayArn, 1);
  if (slot === undefined || existing.length + 1 > TAPE_GATEWAY_LIMITS.maxTapesPerLibrary || totalBytes > TAPE_GATEWAY_LIMITS.maxTotalTapeBytesPerLibrary) {
    throw invalidGatewayRequest('MaximumTapeCartridgeCountExceeded', 'The tape library of the target gateway is full; archive or delete tapes there first.');
  }
  return slot;
}

export function archiveOperations(sg: SgContext) {
  async function DescribeTapeArchives(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<PageInput & { TapeARNs?: string[] }>({ TapeARNs: optional(list(tapeArnRule)), Marker: MARKER, Limit: LIMIT }, raw);
    return read(sg, ctx, (state) => {
      const keys = wantedTapeKeys(state, state.lookups.archivedTapes(), input.TapeARNs);
      const page = paginateSorted(keys, input.Marker, input.Limit);
      return { TapeArchives: recordsOf(state.tapes, page.items).map(toTapeArchive), Marker: page.marker };
    });
  }

  async function RetrieveTapeArchive(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<TapeOnGatewayInput>(TAPE_ON_GATEWAY_SHAPE, raw);
    return mutate(sg, ctx, (state, now) => {
      const tape = findTape(state, input.TapeARN);
      const gateway = connectedTapeGateway(state, input.GatewayARN);
      if (!tape.archive || tape.vtl || tape.archive.status !== 'ARCHIVED') {
        throw invalidParameters(`Tape ${tape.barcode} is not ARCHIVED; only archived tapes can be retrieved, to one gateway at a time.`);
      }
      const slot = slotForIncomingTape(state, gateway, tape);
      tape.archive.status = 'RETRIEVING';
      tape.archive.retrievedTo = gateway.gatewayArn;
      tape.vtl = { gatewayArn: gateway.gatewayArn, status: 'RETRIEVING', location: { kind: 'slot', index: slot }, readOnly: true };
      beginStep(tape, 'RETRIEVING', now, sg.store.timeScale);
      return { TapeARN: tape.tapeArn };
    });
  }

  async function CancelArchival(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<TapeOnGatewayInput>(TAPE_ON_GATEWAY_SHAPE, raw);
    return mutate(sg, ctx, (state) => {
      const gateway = connectedTapeGateway(state, input.GatewayARN);
      const tape = findTape(state, input.TapeARN);
      if (tape.vtl?.gatewayArn !== gateway.gatewayArn || tape.vtl.status !== 'IN TRANSIT TO VTS') {
        throw invalidParameters(`Tape ${tape.barcode} is not IN TRANSIT TO VTS on this gateway; archival can be cancelled only before ARCHIVING starts.`);
      }
      tape.vtl.status = 'AVAILABLE';
      delete tape.vtl.pending;
      return { TapeARN: tape.tapeArn };
    });
  }

  async function CancelRetrieval(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<TapeOnGatewayInput>(TAPE_ON_GATEWAY_SHAPE, raw);
    return mutate(sg, ctx, (state) => {
      const gateway = connectedTapeGateway(state, input.GatewayARN);
      const tape = findTape(state, input.TapeARN);
      if (tape.vtl?.gatewayArn !== gateway.gatewayArn || tape.vtl.status !== 'RETRIEVING' || !tape.archive) {
        throw invalidParameters(`Tape ${tape.barcode} is not RETRIEVING to this gateway; only a retrieval in progress can be cancelled.`);
      }
      delete tape.vtl;
      tape.archive.status = 'ARCHIVED';
      delete tape.archive.retrievedTo;
      return { TapeARN: tape.tapeArn };
    });
  }

  async function DeleteTapeArchive(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ TapeARN: string; BypassGovernanceRetention?: boolean }>({ TapeARN: TAPE_ARN, BypassGovernanceRetention: optional(bool()) }, raw);
    const barcode = await mutate(sg, ctx, (state, now) => {
      const tape = findTape(state, input.TapeARN);
      if (!tape.archive) throw invalidGatewayRequest('TapeCartridgeNotFound', `Tape ${tape.barcode} is not in the archive; a tape in a library is deleted with DeleteTape.`);
      if (tape.vtl || tape.archive.status !== 'ARCHIVED') {
        throw invalidParameters(`Tape ${tape.barcode} is ${tape.archive.status}; eject the retrieved copy from the library (or cancel the retrieval) before deleting the archive.`);
      }
      checkRetention(state, tape, now, input.BypassGovernanceRetention);
      delete state.tapes[tape.barcode];
      return tape.barcode;
    });
    await sg.onTapeDeleted(barcode);
    return { TapeARN: input.TapeARN };
  }

  async function DescribeTapeRecoveryPoints(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<PageInput & { GatewayARN: string }>({ GatewayARN: GATEWAY_ARN, Marker: MARKER, Limit: LIMIT }, raw);
    return read(sg, ctx, (state) => {
      const gateway = findGateway(state, input.GatewayARN);
      const tapes = tapesOfGateway(state, gateway.gatewayArn)
        .filter((t) => t.recoveryPointTime !== undefined)
        .sort(byKey((t: TapeRecord) => t.tapeArn));
      const page = paginate(tapes, (t) => t.tapeArn, input.Marker, input.Limit);
      return {
        GatewayARN: gateway.gatewayArn,
        TapeRecoveryPointInfos: page.items.map((t) => ({
          TapeARN: t.tapeArn,
          TapeRecoveryPointTime: epochSeconds(t.recoveryPointTime),
          TapeSizeInBytes: t.sizeInBytes,
          TapeStatus: t.vtl?.status,
        })),
        Marker: page.marker,
      };
    });
  }

  async function RetrieveTapeRecoveryPoint(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<TapeOnGatewayInput>(TAPE_ON_GATEWAY_SHAPE, raw);
    return mutate(sg, ctx, (state) => {
      const tape = findTape(state, input.TapeARN);
      const target = connectedTapeGateway(state, input.GatewayARN);
      const source = tape.vtl ? state.gateways[tape.vtl.gatewayArn] : undefined;
      if (!tape.vtl || tape.recoveryPointTime === undefined || source?.operationalState !== 'DISABLED') {
        throw invalidParameters(`Tape ${tape.barcode} has no recovery point; recovery points exist for tapes of a gateway disabled with DisableGateway.`);
      }
      const slot = slotForIncomingTape(state, target, tape);
      tape.vtl = { gatewayArn: target.gatewayArn, status: 'RECOVERED', location: { kind: 'slot', index: slot }, readOnly: true };
      delete tape.recoveryPointTime;
      return { TapeARN: tape.tapeArn };
    });
  }

  return { DescribeTapeArchives, RetrieveTapeArchive, CancelArchival, CancelRetrieval, DeleteTapeArchive, DescribeTapeRecoveryPoints, RetrieveTapeRecoveryPoint };
}
