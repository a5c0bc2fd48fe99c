// The changer and 10 drives of every gateway, shared by all client hosts that log in to it, and the media store behind them.

import { TAPE_DRIVE_COUNT } from '../../tape/gatewayTargets';
import { MediumChanger } from './MediumChanger';
import { TapeDrive, type TransferObserver } from './TapeDrive';
import { TapeMediaStore } from './TapeMediaStore';
import { ElementRef, LibraryElement, LibraryTape, VirtualLibrary } from './VirtualLibrary';

export interface GatewayDevices {
  readonly library: VirtualLibrary;
  readonly changer: MediumChanger;
  /** Data Transfer Elements 0-9 (targets tapedrive-01 to -10). */
  readonly drives: readonly TapeDrive[];
}

/** Forwards to the newest library object given for a gateway, so drive state survives a directory handing out fresh views. */
class CurrentLibrary implements VirtualLibrary {
  constructor(public current: VirtualLibrary) {}
  get gatewayArn(): string {
    return this.current.gatewayArn;
  }
  get gatewayId(): string {
    return this.current.gatewayId;
  }
  get mediumChangerType(): string {
    return this.current.mediumChangerType;
  }
  get tapeDriveType(): string {
    return this.current.tapeDriveType;
  }
  get portalIp(): string | undefined {
    return this.current.portalIp;
  }
  elements(): LibraryElement[] {
    return this.current.elements();
  }
  moveMedium(from: ElementRef, to: ElementRef): void {
    this.current.moveMedium(from, to);
  }
  tape(barcode: string): LibraryTape | undefined {
    return this.current.tape(barcode);
  }
  recordUsage(barcode: string, usedBytes: number): void {
    this.current.recordUsage(barcode, usedBytes);
  }
}

export class TapeDeviceRegistry {
  readonly store: TapeMediaStore;
  private readonly gateways = new Map<string, GatewayDevices & { readonly library: CurrentLibrary }>();

  constructor(
    stateDir: string,
    /** Told of every read and write on any drive (the gateway's metrics). */
    private readonly observe?: TransferObserver,
  ) {
    this.store = new TapeMediaStore(stateDir);
  }

  devicesFor(library: VirtualLibrary): GatewayDevices {
    const known = this.gateways.get(library.gatewayArn);
    if (known) {
      known.library.current = library;
      return known;
    }
    const current = new CurrentLibrary(library);
    const drives = Array.from({ length: TAPE_DRIVE_COUNT }, (_, index) => new TapeDrive(current, index, this.store, this.observe));
    const changer = new MediumChanger(current, (drive) => drives[drive]?.mediumChanged());
    const devices = { library: current, changer, drives };
    this.gateways.set(library.gatewayArn, devices);
    return devices;
  }

  close(): void {
    this.store.close();
  }
}
