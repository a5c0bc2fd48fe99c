// The lab's admin API (a test hook, not an AWS API): create gateway appliances and act as the backup application.
import type { ApplianceInfo, ApplianceRegistry, CreateApplianceOptions } from '../hosts/ApplianceRegistry';
import type { StoreLibraryDirectory } from '../services/storageGateway/StoreLibrary';

export class LabAdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface EjectResult {
  readonly barcode: string;
  /** The tape's status right after the eject, e.g. "IN TRANSIT TO VTS" (or "ARCHIVED" for a retrieved copy). */
  readonly status: string;
}

export interface LabAdmin {
  /** Launches a simulated gateway appliance (the EC2 instance a stack would create) awaiting activation. */
  createGatewayAppliance(options?: CreateApplianceOptions): Promise<ApplianceInfo>;
  listGatewayAppliances(): ApplianceInfo[];
  /** What a backup application's export does: moves the tape to an import/export slot, which starts archiving. */
  ejectTape(barcode: string): EjectResult;
}

export function createLabAdmin(appliances: ApplianceRegistry, libraries: StoreLibraryDirectory): LabAdmin {
  return {
    createGatewayAppliance: (options) => appliances.create(options),
    listGatewayAppliances: () => appliances.list(),
    ejectTape(barcode) {
      const library = libraries.byBarcode(barcode);
      if (!library) throw new LabAdminError(404, `No tape library holds a tape with barcode ${barcode}; check the barcode with ListTapes.`);
      try {
        return { barcode, status: library.ejectTape(barcode) };
      } catch (error) {
        throw new LabAdminError(409, (error as Error).message);
      }
    },
  };
}
