// The Storage Gateway service (JSON 1.1, API 2013-06-30): its operation table, state store and library directory.
import type { JsonServiceDefinition, OperationTable } from '../../http/types';
import type { ApplianceRegistry } from '../../hosts/ApplianceRegistry';
import type { LabRuntime } from '../../LabRuntime';
import { archiveOperations } from './archive';
import { deviceOperations } from './devices';
import { diskOperations } from './disks';
import { gatewayOperations } from './gateways';
import { poolOperations } from './pools';
import type { SgContext } from './SgContext';
import { StorageGatewayStore } from './StorageGatewayStore';
import { StoreLibraryDirectory } from './StoreLibrary';
import { tagOperations } from './tags';
import { tapeOperations } from './tapes';

export interface StorageGatewayService {
  readonly definition: JsonServiceDefinition;
  readonly libraries: StoreLibraryDirectory;
  close(): Promise<void>;
}

export async function createStorageGatewayService(runtime: LabRuntime, appliances: ApplianceRegistry): Promise<StorageGatewayService> {
  const store = await StorageGatewayStore.open(runtime);
  const sg: SgContext = { runtime, store, appliances };
  const operations: OperationTable = {
    ...gatewayOperations(sg),
    ...diskOperations(sg),
    ...tapeOperations(sg),
    ...archiveOperations(sg),
    ...poolOperations(sg),
    ...tagOperations(sg),
    ...deviceOperations(sg),
  };
  return {
    definition: {
      protocol: 'json',
      signingName: 'storagegateway',
      targetPrefixes: ['StorageGateway_20130630', 'StorageGateway_20120630'],
      operations,
    },
    libraries: new StoreLibraryDirectory(store, appliances),
    close: () => store.close(),
  };
}
