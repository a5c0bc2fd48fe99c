// The VirtualLibrary contract over Storage Gateway state: slots, drives and SCSI MOVE MEDIUM as the gateway's changer sees them.
import { parseStorageGatewayArn } from '../../../tape/arns';
import { TAPE_GATEWAY_LIMITS } from '../../../tape/limits';
import type { ApplianceRegistry } from '../../hosts/ApplianceRegistry';
import { MoveMediumError, type ElementRef, type LibraryDirectory, type LibraryElement, type LibraryTape, type VirtualLibrary } from '../../library/VirtualLibrary';
import { FIRST_IMPORT_EXPORT_SLOT, freeImportExportSlots, isImportExportSlot, LAST_SLOT, locationKey, occupancy, tapeAt } from './librarySlots';
import type { GatewayRecord, RegionState, TapeLocation, TapeRecord } from './model';
import type { RegionKey, StorageGatewayStore } from './StorageGatewayStore';
import { beginStep } from './tapeStateMachine';

/**
 * Fixed SCSI element addresses (the gateway's real ones are not published): medium transport 0,
 * drives 0-9 at 256-265 (0x100+n), storage slots 1-1600 at 1024-2623 (0x400+n-1), I/E slots 1601-3200 at 8192-9791 (0x2000+n-1601).
 */
export const ELEMENT_ADDRESS_BASE = { transport: 0, drive: 0x100, storage: 0x400, importExport: 0x2000 } as const;

export function elementAddress(ref: ElementRef): number {
  if (ref.kind === 'drive') return ELEMENT_ADDRESS_BASE.drive + ref.index;
  if (isImportExportSlot(ref.index)) return ELEMENT_ADDRESS_BASE.importExport + ref.index - FIRST_IMPORT_EXPORT_SLOT;
  return ELEMENT_ADDRESS_BASE.storage + ref.index - 1;
}

function validElement(ref: ElementRef): boolean {
  if (!Number.isInteger(ref.index)) return false;
  return ref.kind === 'drive' ? ref.index >= 0 && ref.index < TAPE_GATEWAY_LIMITS.tapeDrives : ref.index >= 1 && ref.index <= LAST_SLOT;
}

/** Statuses in which the changer can pick a cartridge up. */
const MOVABLE = new Set(['AVAILABLE', 'RETRIEVED', 'RECOVERED']);

export class StoreLibrary implements VirtualLibrary {
  constructor(
    private readonly store: StorageGatewayStore,
    private readonly key: RegionKey,
    readonly gatewayArn: string,
    readonly gatewayId: string,
  ) {}

  private current(): { state: RegionState; gateway: GatewayRecord | undefined } {
    const state = this.store.loadedState(this.key);
    if (!state) throw new Error(`The state of ${this.key.accountId}/${this.key.region} is not loaded.`);
    return { state, gateway: Object.hasOwn(state.gateways, this.gatewayArn) ? state.gateways[this.gatewayArn] : undefined };
  }

  get mediumChangerType(): string {
    return this.current().gateway?.mediumChangerType ?? 'AWS-Gateway-VTL';
  }

  get tapeDriveType(): string {
    return this.current().gateway?.tapeDriveType ?? 'IBM-ULT3580-TD5';
  }

  elements(): LibraryElement[] {
    const taken = occupancy(this.current().state, this.gatewayArn);
    const elements: LibraryElement[] = [];
    const add = (kind: LibraryElement['kind'], ref: ElementRef) => {
      const tape = taken.get(locationKey(ref));
      // The gateway reports no valid source element for a loaded drive (as `mtx status` on a real gateway shows: no "(Storage Element N Loaded)"), so sourceAddress stays unset.
      elements.push({ kind, index: ref.index, address: elementAddress(ref), barcode: tape?.barcode });
    };
    for (let drive = 0; drive < TAPE_GATEWAY_LIMITS.tapeDrives; drive += 1) add('drive', { kind: 'drive', index: drive });
    for (let slot = 1; slot <= LAST_SLOT; slot += 1) add(isImportExportSlot(slot) ? 'importExport' : 'storage', { kind: 'slot', index: slot });
    return elements;
  }

  moveMedium(from: ElementRef, to: ElementRef): void {
    const source = elementAddress(from);
    const destination = elementAddress(to);
    if (!validElement(from) || !validElement(to)) throw new MoveMediumError('invalidElement', source, destination);
    const { state, gateway } = this.current();
    if (!gateway || gateway.state !== 'STATE_RUNNING' || gateway.operationalState !== 'ACTIVE') throw new MoveMediumError('notReady', source, destination);
    const tape = tapeAt(state, this.gatewayArn, from);
    if (!tape?.vtl) throw new MoveMediumError('sourceEmpty', source, destination);
    if (locationKey(from) !== locationKey(to) && tapeAt(state, this.gatewayArn, to)) throw new MoveMediumError('destinationFull', source, destination);
    if (!MOVABLE.has(tape.vtl.status)) throw new MoveMediumError('notReady', source, destination);
    const target: TapeLocation = { kind: to.kind, index: to.index };
    if (target.kind === 'slot' && isImportExportSlot(target.index)) this.eject(tape, target);
    else tape.vtl.location = target;
    this.store.commitInBackground(this.key);
  }

  /** The backup application exports a tape: the gateway sends it for archiving (a retrieved copy just leaves the library). */
  private eject(tape: TapeRecord, at: TapeLocation): void {
    const vtl = tape.vtl;
    if (!vtl) return;
    if (vtl.status === 'RETRIEVED' && tape.archive) {
      delete tape.vtl;
      tape.archive.status = 'ARCHIVED';
      delete tape.archive.retrievedTo;
      return;
    }
    vtl.location = at;
    beginStep(tape, 'IN TRANSIT TO VTS', this.store.nowMs(), this.store.timeScale);
  }

  /** Admin hook: eject a tape wherever it is (in place if it already sits in an I/E slot). Returns the new status. */
  ejectTape(barcode: string): string {
    const { state } = this.current();
    const tape = state.tapes[barcode];
    if (!tape?.vtl || tape.vtl.gatewayArn !== this.gatewayArn) throw new Error(`Tape ${barcode} is not in the library of ${this.gatewayArn}.`);
    const here = tape.vtl.location;
    if (!MOVABLE.has(tape.vtl.status)) throw new Error(`Tape ${barcode} is ${tape.vtl.status}; only AVAILABLE, RETRIEVED or RECOVERED tapes can be ejected.`);
    if (here.kind === 'slot' && isImportExportSlot(here.index)) {
      this.eject(tape, here);
      this.store.commitInBackground(this.key);
    } else {
      const [slot] = freeImportExportSlots(state, this.gatewayArn, 1);
      if (slot === undefined) throw new Error('Every import/export slot is full; wait for archiving to finish.');
      this.moveMedium(here, { kind: 'slot', index: slot });
    }
    return state.tapes[barcode]?.vtl?.status ?? state.tapes[barcode]?.archive?.status ?? 'DELETED';
  }

  tape(barcode: string): LibraryTape | undefined {
    const tape = this.current().state.tapes[barcode];
    if (!tape?.vtl || tape.vtl.gatewayArn !== this.gatewayArn) return undefined;
    return { barcode, tapeArn: tape.tapeArn, status: tape.vtl.status, sizeInBytes: tape.sizeInBytes, worm: tape.worm, readOnly: tape.vtl.readOnly };
  }

  recordUsage(barcode: string, usedBytes: number): void {
    const tape = this.current().state.tapes[barcode];
    if (!tape?.vtl || tape.vtl.gatewayArn !== this.gatewayArn) return;
    tape.usedInBytes = Math.max(0, Math.min(tape.sizeInBytes, Math.floor(usedBytes)));
    this.store.commitInBackground(this.key);
  }
}

/** Finds libraries by gateway ARN or by the appliance's simulated private IP / DNS name (with or without ":3260"). */
export class StoreLibraryDirectory implements LibraryDirectory {
  constructor(
    private readonly store: StorageGatewayStore,
    private readonly appliances: ApplianceRegistry,
  ) {}

  byGatewayArn(gatewayArn: string): StoreLibrary | undefined {
    const parsed = parseStorageGatewayArn(gatewayArn);
    if (!parsed || parsed.resourceType !== 'gateway') return undefined;
    const key = { accountId: parsed.accountId, region: parsed.region };
    const gateway = this.store.loadedState(key)?.gateways[gatewayArn];
    if (!gateway || gateway.type !== 'VTL') return undefined;
    return new StoreLibrary(this.store, key, gateway.gatewayArn, gateway.gatewayId);
  }

  byPortal(address: string, fromVpcId?: string): StoreLibrary | undefined {
    const host = address.replace(/,\d+$/, '').replace(/:\d+$/, '');
    const gatewayArn = this.appliances.byAddress(host, fromVpcId)?.gatewayArn;
    return gatewayArn ? this.byGatewayArn(gatewayArn) : undefined;
  }

  /** The libraries a client in `vpcId` can reach: iSCSI portals of other VPCs do not answer. */
  seenFrom(vpcId: string): LibraryDirectory {
    return { byGatewayArn: (gatewayArn) => this.byGatewayArn(gatewayArn), byPortal: (address) => this.byPortal(address, vpcId) };
  }

  /** The library holding a tape with this barcode, searching every loaded account and region. */
  byBarcode(barcode: string): StoreLibrary | undefined {
    for (const { state } of this.store.loadedStates()) {
      const gatewayArn = state.tapes[barcode]?.vtl?.gatewayArn;
      if (gatewayArn) return this.byGatewayArn(gatewayArn);
    }
    return undefined;
  }
}
