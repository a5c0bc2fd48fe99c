// The lab's service table: every AWS API the lab serves, built from the shared runtime.
import { createAdminRoute } from '../admin/adminRoutes';
import { createLabAdmin, type LabAdmin } from '../admin/LabAdmin';
import { ApplianceNetwork } from '../hosts/ApplianceNetwork';
import { ApplianceRegistry } from '../hosts/ApplianceRegistry';
import type { SimulatedNetwork } from '../hosts/ClientHost';
import type { AdminRoute } from '../http/pipeline';
import type { ServiceDefinition } from '../http/types';
import type { LabRuntime } from '../LabRuntime';
import type { LibraryDirectory } from '../library/VirtualLibrary';
import { createStorageGatewayService } from './storageGateway';

export interface LabServices {
  readonly definitions: readonly ServiceDefinition[];
  /** Tape Gateway libraries, as a simulated client host's iSCSI initiator finds them. */
  readonly libraries: LibraryDirectory;
  /** The simulated VPC: HTTP from a client host to a gateway appliance's private IP or DNS name. */
  readonly network: SimulatedNetwork;
  /** The lab admin API (test hook): appliances, tape ejects. */
  readonly admin: LabAdmin;
  /** Loopback-only HTTP routes of the admin API, served before AWS requests. */
  readonly adminRoutes: readonly AdminRoute[];
  /** Flushes and closes whatever the services hold open. */
  close(): Promise<void>;
}

export async function createServices(runtime: LabRuntime): Promise<LabServices> {
  const appliances = await ApplianceRegistry.open(runtime);
  let storageGateway;
  try {
    storageGateway = await createStorageGatewayService(runtime, appliances);
  } catch (error) {
    await appliances.close();
    throw error;
  }
  const admin = createLabAdmin(appliances, storageGateway.libraries);
  const definitions: ServiceDefinition[] = [storageGateway.definition];
  return {
    definitions,
    libraries: storageGateway.libraries,
    network: new ApplianceNetwork(appliances),
    admin,
    adminRoutes: [createAdminRoute(admin)],
    close: async () => {
      await storageGateway.close();
      await appliances.close();
    },
  };
}
