// The Storage Gateway service (JSON 1.1, API 2013-06-30): its operation table, state store and library directory.
import { AwsError } from '../../http/AwsError';
import type { JsonServiceDefinition, OperationTable, RequestContext } from '../../http/types';
import type { ApplianceRegistry } from '../../hosts/ApplianceRegistry';
import type { LabRuntime } from '../../LabRuntime';
import type { GatewayFactsSource } from '../cloudWatch/metricQueries';
import { archiveOperations } from './archive';
import { bandwidthOperations } from './bandwidth';
import { deviceOperations } from './devices';
import { diskOperations } from './disks';
import { gatewayOperations } from './gateways';
import { applyInstancePower, type PoweredAppliance } from './instancePower';
import { maintenanceOperations } from './maintenance';
import { metricGatewaysSource } from './metricGateways';
import { poolOperations } from './pools';
import type { SgContext } from './SgContext';
import { StorageGatewayStore } from './StorageGatewayStore';
import { StoreLibraryDirectory } from './StoreLibrary';
import { tagOperations } from './tags';
import { tapeOperations } from './tapes';

export interface StorageGatewayService {
  readonly definition: JsonServiceDefinition;
  readonly libraries: StoreLibraryDirectory;
  /** The gateway appliance's EC2 instance stopped or started. */
  instancePowerChanged(appliance: PoweredAppliance, stopped: boolean): Promise<void>;
  /** The gateways CloudWatch publishes metrics for. */
  readonly metricGateways: GatewayFactsSource;
  /** Resolves once every state change made so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** What the Storage Gateway service tells the rest of the lab. */
export interface StorageGatewayHooks {
  /** A tape was deleted (its barcode is never reused): erase its media. */
  readonly onTapeDeleted?: (barcode: string) => Promise<void>;
}

export async function createStorageGatewayService(runtime: LabRuntime, appliances: ApplianceRegistry, hooks: StorageGatewayHooks = {}): Promise<StorageGatewayService> {
  const store = await StorageGatewayStore.open(runtime);
  const sg: SgContext = { runtime, store, appliances, onTapeDeleted: hooks.onTapeDeleted ?? (() => Promise.resolve()) };
  const operations: OperationTable = withInternalServerError(runtime, {
    ...gatewayOperations(sg),
    ...diskOperations(sg),
    ...tapeOperations(sg),
    ...archiveOperations(sg),
    ...poolOperations(sg),
    ...tagOperations(sg),
    ...deviceOperations(sg),
    ...bandwidthOperations(sg),
    ...maintenanceOperations(sg),
  });
  return {
    definition: {
      protocol: 'json',
      signingName: 'storagegateway',
      targetPrefixes: ['StorageGateway_20130630', 'StorageGateway_20120630'],
      operations,
    },
    libraries: new StoreLibraryDirectory(store, appliances),
    instancePowerChanged: (appliance, stopped) => applyInstancePower(store, appliance, stopped),
    metricGateways: metricGatewaysSource(sg),
    flush: () => store.flush(),
    close: () => store.close(),
  };
}

/** An unexpected failure is Storage Gateway's modeled InternalServerError (HTTP 500, retried by the SDKs), logged with its stack. */
function withInternalServerError(runtime: LabRuntime, table: OperationTable): OperationTable {
  const wrapped: OperationTable = {};
  for (const [name, handler] of Object.entries(table)) {
    wrapped[name] = async (input: Record<string, unknown>, ctx: RequestContext) => {
      try {
        return await handler(input, ctx);
      } catch (error) {
        if (error instanceof AwsError) throw error;
        runtime.log(`storagegateway: ${name} failed for request ${ctx.requestId}: ${error instanceof Error ? error.stack : String(error)}`);
        throw new AwsError('InternalServerError', 'An internal error occurred.', { status: 500, body: { error: { errorCode: 'InternalError' } } });
      }
    };
  }
  return wrapped;
}
