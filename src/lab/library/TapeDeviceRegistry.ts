// The changer and 10 drives of every gateway, shared by all client hosts that log in to it, and the media store behind them.

import { TAPE_DRIVE_COUNT } from '../../tape/gatewayTargets';
import { MediumChanger } from './MediumChanger';
import { TapeDrive } from './TapeDrive';
import { TapeMediaStore } from './TapeMediaStore';
import { VirtualLibrary } from './VirtualLibrary';

export interface GatewayDevices {
  readonly library: VirtualLibrary;
  readonly changer: MediumChanger;
  /** Data Transfer Elements 0-9 (targets tapedrive-01 to -10). */
  readonly drives: readonly TapeDrive[];
}

export class TapeDeviceRegistry {
  readonly store: TapeMediaStore;
  private readonly gateways = new Map<string, GatewayDevices>();

  constructor(stateDir: string) {
    this.store = new TapeMediaStore(stateDir);
  }

  devicesFor(library: VirtualLibrary): GatewayDevices {
    const known = this.gateways.get(library.gatewayArn);
    if (known && known.library === library) return known;
    const drives = Array.from({ length: TAPE_DRIVE_COUNT }, (_, index) => new TapeDrive(library, index, this.store));
    const changer = new MediumChanger(library, (drive) => drives[drive]?.mediumChanged());
    const devices: GatewayDevices = { library, changer, drives };
    this.gateways.set(library.gatewayArn, devices);
    return devices;
  }

  close(): void {
    this.store.close();
  }
}
