// Tape records as the wire shapes TapeInfo, Tape and TapeArchive (epoch-second times, absent members omitted).
import { tapeDriveDeviceArn } from '../../../tape/arns';
import type { RegionState, TapeRecord } from './model';
import { epochSeconds } from './SgContext';
import { progressOf } from './tapeStateMachine';

export function toTapeInfo(tape: TapeRecord) {
  return {
    TapeARN: tape.tapeArn,
    TapeBarcode: tape.barcode,
    TapeSizeInBytes: tape.sizeInBytes,
    TapeStatus: tape.vtl?.status ?? tape.archive?.status,
    GatewayARN: tape.vtl?.gatewayArn,
    PoolId: tape.poolId,
    RetentionStartDate: epochSeconds(tape.retentionStartDate),
    PoolEntryDate: epochSeconds(tape.poolEntryDate),
  };
}

export function toTape(state: RegionState, tape: TapeRecord, now: number) {
  const vtl = tape.vtl;
  const gateway = vtl ? state.gateways[vtl.gatewayArn] : undefined;
  const vtlDevice = vtl && gateway && vtl.location.kind === 'drive' ? tapeDriveDeviceArn(gateway.gatewayArn, gateway.gatewayId, vtl.location.index + 1) : undefined;
  return {
    TapeARN: tape.tapeArn,
    TapeBarcode: tape.barcode,
    TapeCreatedDate: epochSeconds(tape.createdAt),
    TapeSizeInBytes: tape.sizeInBytes,
    TapeStatus: vtl?.status,
    VTLDevice: vtlDevice,
    Progress: progressOf(tape, now),
    TapeUsedInBytes: tape.usedInBytes,
    KMSKey: tape.kmsKey,
    PoolId: tape.poolId,
    Worm: tape.worm,
    RetentionStartDate: epochSeconds(tape.retentionStartDate),
    PoolEntryDate: epochSeconds(tape.poolEntryDate),
  };
}

export function toTapeArchive(tape: TapeRecord) {
  const archive = tape.archive;
  return {
    TapeARN: tape.tapeArn,
    TapeBarcode: tape.barcode,
    TapeCreatedDate: epochSeconds(tape.createdAt),
    TapeSizeInBytes: tape.sizeInBytes,
    CompletionTime: epochSeconds(archive?.completionTime),
    RetrievedTo: archive?.retrievedTo,
    TapeStatus: archive?.status,
    TapeUsedInBytes: tape.usedInBytes,
    KMSKey: tape.kmsKey,
    PoolId: tape.poolId,
    Worm: tape.worm,
    RetentionStartDate: epochSeconds(tape.retentionStartDate),
    PoolEntryDate: epochSeconds(tape.poolEntryDate),
  };
}
