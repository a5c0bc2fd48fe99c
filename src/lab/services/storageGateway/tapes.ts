// Tape operations: CreateTapes, CreateTapeWithBarcode, ListTapes, DescribeTapes, DeleteTape.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../http/types';
import { tapeArn as buildTapeArn } from '../../../tape/arns';
import { generatedBarcode } from '../../../tape/barcode';
import { describeTapeSizeProblem, TAPE_GATEWAY_LIMITS, tapeSizeProblem } from '../../../tape/limits';
import { hasCache } from './disks';
import { invalidGatewayRequest, invalidParameters } from './errors';
import { freeImportExportSlots } from './librarySlots';
import type { GatewayRecord, RegionState, TapeRecord } from './model';
import { paginateSorted } from './pagination';
import { builtInOrCustomPool, checkRetention } from './pools';
import { cachedPage } from './pageCache';
import { connectedTapeGateway, findTape, mutate, read, recordsOf, regionKey, wantedTapeKeys, type SgContext } from './SgContext';
import { BARCODE_PREFIX_RULE, BARCODE_RULE, GATEWAY_ARN, KMS_KEY_RULE, LIMIT, MARKER, POOL_ID_RULE, TAGS, TAPE_ARN, tapeArnRule, type PageInput, type TagInput } from './shapes';
import { checkTagKeys } from './tagRules';
import { beginStep } from './tapeStateMachine';
import { toTape, toTapeInfo } from './tapeWire';
import { bool, integer, list, long, optional, required, str, validateInput } from './validation';

interface NewTapeOptions {
  GatewayARN: string;
  TapeSizeInBytes: number;
  KMSEncrypted?: boolean;
  KMSKey?: string;
  PoolId?: string;
  Worm?: boolean;
  Tags?: TagInput[];
}

interface CreateTapesInput extends NewTapeOptions {
  ClientToken: string;
  NumTapesToCreate: number;
  TapeBarcodePrefix: string;
}

interface CreateTapeWithBarcodeInput extends NewTapeOptions {
  TapeBarcode: string;
}

const NEW_TAPE_SHAPE = {
  GatewayARN: GATEWAY_ARN,
  TapeSizeInBytes: required(long()),
  KMSEncrypted: optional(bool()),
  KMSKey: optional(KMS_KEY_RULE),
  PoolId: optional(POOL_ID_RULE),
  Worm: optional(bool()),
  Tags: TAGS,
};

const CREATE_TAPES_SHAPE = {
  ...NEW_TAPE_SHAPE,
  ClientToken: required(str({ min: 5, max: 100 })),
  NumTapesToCreate: required(integer({ min: TAPE_GATEWAY_LIMITS.minTapesPerCreateTapes, max: TAPE_GATEWAY_LIMITS.maxTapesPerCreateTapes })),
  TapeBarcodePrefix: required(BARCODE_PREFIX_RULE),
};

const CREATE_WITH_BARCODE_SHAPE = { ...NEW_TAPE_SHAPE, TapeBarcode: required(BARCODE_RULE) };

/** Every check CreateTapes and CreateTapeWithBarcode share; returns the gateway and the free I/E slots to use. */
function checkNewTapes(state: RegionState, input: NewTapeOptions, count: number): { gateway: GatewayRecord; slots: number[] } {
  const sizeProblem = tapeSizeProblem(input.TapeSizeInBytes);
  if (sizeProblem) throw invalidParameters(describeTapeSizeProblem(sizeProblem));
  if (input.KMSKey !== undefined && input.KMSEncrypted !== true) throw invalidParameters('KMSKey needs KMSEncrypted set to true.');
  if (input.PoolId !== undefined && !builtInOrCustomPool(state, input.PoolId)) throw invalidParameters(`Pool "${input.PoolId}" does not exist; use GLACIER, DEEP_ARCHIVE or a PoolId from ListTapePools.`);
  checkTagKeys(input.Tags);
  const gateway = connectedTapeGateway(state, input.GatewayARN);
  if (!hasCache(gateway)) throw invalidParameters('The gateway has no cache yet; allocate a local disk with AddCache before creating tapes.');
  const usage = state.lookups.libraryUsage(gateway.gatewayArn);
  const totalBytes = usage.bytes + count * input.TapeSizeInBytes;
  const slots = freeImportExportSlots(state, gateway.gatewayArn, count);
  if (usage.tapes + count > TAPE_GATEWAY_LIMITS.maxTapesPerLibrary || totalBytes > TAPE_GATEWAY_LIMITS.maxTotalTapeBytesPerLibrary || slots.length < count) {
    throw invalidGatewayRequest(
      'MaximumTapeCartridgeCountExceeded',
      `The tape library of this gateway is full (at most ${TAPE_GATEWAY_LIMITS.maxTapesPerLibrary} tapes and 1 PiB, with a free import/export slot for each new tape). Archive or delete tapes first.`,
    );
  }
  return { gateway, slots };
}

function addTape(state: RegionState, ctx: RequestContext, input: NewTapeOptions, barcode: string, slot: number, now: number, timeScale: number): string {
  const tape: TapeRecord = {
    barcode,
    tapeArn: buildTapeArn(ctx.region, ctx.accountId, barcode),
    sizeInBytes: input.TapeSizeInBytes,
    usedInBytes: 0,
    createdAt: now,
    worm: input.Worm ?? false,
    kmsKey: input.KMSKey,
    poolId: input.PoolId,
    poolEntryDate: input.PoolId !== undefined ? now : undefined,
    tags: (input.Tags ?? []).map(({ Key, Value }) => ({ Key, Value })),
    vtl: { gatewayArn: input.GatewayARN, status: 'CREATING', location: { kind: 'slot', index: slot }, readOnly: false },
  };
  beginStep(tape, 'CREATING', now, timeScale);
  state.tapes[barcode] = tape;
  state.usedBarcodes[barcode] = true;
  return tape.tapeArn;
}

export function tapeOperations(sg: SgContext) {
  async function CreateTapes(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<CreateTapesInput>(CREATE_TAPES_SHAPE, raw);
    const { ClientToken, ...request } = input;
    const requestKey = JSON.stringify(request, Object.keys(request).sort());
    return mutate(sg, ctx, (state, now) => {
      const earlier = Object.hasOwn(state.clientTokens, ClientToken) ? state.clientTokens[ClientToken] : undefined;
      if (earlier) {
        if (earlier.requestKey !== requestKey) throw invalidParameters(`ClientToken "${ClientToken}" was already used for a different CreateTapes request; use a new token.`);
        return { TapeARNs: earlier.tapeArns };
      }
      const { slots } = checkNewTapes(state, input, input.NumTapesToCreate);
      const barcodes: string[] = [];
      while (barcodes.length < input.NumTapesToCreate) {
        const barcode = generatedBarcode(input.TapeBarcodePrefix, randomBytes(3).toString('hex'));
        if (!state.usedBarcodes[barcode] && !barcodes.includes(barcode)) barcodes.push(barcode);
      }
      const tapeArns = barcodes.map((barcode, i) => addTape(state, ctx, input, barcode, slots[i] ?? 0, now, sg.store.timeScale));
      state.clientTokens[ClientToken] = { requestKey, tapeArns };
      return { TapeARNs: tapeArns };
    });
  }

  async function CreateTapeWithBarcode(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<CreateTapeWithBarcodeInput>(CREATE_WITH_BARCODE_SHAPE, raw);
    return mutate(sg, ctx, (state, now) => {
      const { slots } = checkNewTapes(state, input, 1);
      if (state.usedBarcodes[input.TapeBarcode]) {
        throw invalidParameters(`Barcode ${input.TapeBarcode} has already been used in this account and Region; barcodes can never be reused, even after deletion. Choose another barcode.`);
      }
      return { TapeARN: addTape(state, ctx, input, input.TapeBarcode, slots[0] ?? 0, now, sg.store.timeScale) };
    });
  }

  async function ListTapes(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<PageInput & { TapeARNs?: string[] }>({ TapeARNs: optional(list(tapeArnRule)), Marker: MARKER, Limit: LIMIT }, raw);
    const { plain: state, store } = await sg.store.state(regionKey(ctx));
    // A ListTapes page depends on the tape records and the request alone, so it is serialized once per state version.
    return cachedPage(store, JSON.stringify(['ListTapes', input.TapeARNs, input.Marker, input.Limit]), () => {
      // Every stored tape is in a library or archived (a deleted one leaves the table), so all of them are listed.
      const keys = wantedTapeKeys(state, state.lookups.allTapes(), input.TapeARNs);
      const page = paginateSorted(keys, input.Marker, input.Limit);
      return { TapeInfos: recordsOf(state.tapes, page.items).map(toTapeInfo), Marker: page.marker };
    });
  }

  async function DescribeTapes(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<PageInput & { GatewayARN: string; TapeARNs?: string[] }>(
      { GatewayARN: GATEWAY_ARN, TapeARNs: optional(list(tapeArnRule)), Marker: MARKER, Limit: LIMIT },
      raw,
    );
    return read(sg, ctx, (state, now) => {
      const gateway = connectedTapeGateway(state, input.GatewayARN);
      const keys = wantedTapeKeys(state, state.lookups.tapesOfGateway(gateway.gatewayArn), input.TapeARNs);
      const page = paginateSorted(keys, input.Marker, input.Limit);
      return { Tapes: recordsOf(state.tapes, page.items).map((t) => toTape(state, t, now)), Marker: page.marker };
    });
  }

  async function DeleteTape(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string; TapeARN: string; BypassGovernanceRetention?: boolean }>(
      { GatewayARN: GATEWAY_ARN, TapeARN: TAPE_ARN, BypassGovernanceRetention: optional(bool()) },
      raw,
    );
    const deleted = await mutate(sg, ctx, (state, now) => {
      const gateway = connectedTapeGateway(state, input.GatewayARN);
      const tape = findTape(state, input.TapeARN);
      const vtl = tape.vtl;
      if (!vtl || vtl.gatewayArn !== gateway.gatewayArn) throw invalidGatewayRequest('TapeCartridgeNotFound', `Tape ${tape.barcode} is not in the library of this gateway; archived tapes are deleted with DeleteTapeArchive.`);
      if (vtl.status === 'RETRIEVED') throw invalidParameters(`Tape ${tape.barcode} is a retrieved archive copy; eject it (move it to an import/export slot) first, then delete it with DeleteTapeArchive.`);
      if (!['AVAILABLE', 'IRRECOVERABLE', 'RECOVERED'].includes(vtl.status)) throw invalidParameters(`Tape ${tape.barcode} is ${vtl.status}; only AVAILABLE, IRRECOVERABLE or RECOVERED tapes can be deleted.`);
      if (vtl.location.kind === 'drive') throw invalidParameters(`Tape ${tape.barcode} is loaded in drive ${vtl.location.index}; unload it before deleting it.`);
      checkRetention(state, tape, now, input.BypassGovernanceRetention);
      beginStep(tape, 'DELETING', now, sg.store.timeScale);
      return tape;
    });
    // DELETING cannot be undone or loaded into a drive, so the data goes once the deletion is on disk.
    await sg.onTapeDeleted(deleted.barcode);
    return { TapeARN: deleted.tapeArn };
  }

  return { CreateTapes, CreateTapeWithBarcode, ListTapes, DescribeTapes, DeleteTape };
}
