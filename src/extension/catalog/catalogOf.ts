// The catalog store of this activation (one per extension, in its global storage) and the catalog scope of the connection.
import { join } from 'node:path';
import type { ExtensionServices } from '../ExtensionServices';
import { connectedClients } from '../workflows/workflowContext';
import { CatalogStore, type CatalogScope, type ConnectionKind } from './CatalogStore';

const stores = new WeakMap<ExtensionServices, CatalogStore>();

export function catalogOf(services: ExtensionServices): CatalogStore {
  let store = stores.get(services);
  if (!store) {
    store = new CatalogStore(join(services.context.globalStorageUri.fsPath, 'catalog'), (file, load) =>
      services.log.warn(`Catalog ${file}: ${load.tornBytes > 0 ? `cut off ${load.tornBytes} bytes of a record whose write was interrupted` : ''}${load.damagedLines > 0 ? `${load.tornBytes > 0 ? '; ' : ''}skipped ${load.damagedLines} damaged line(s)` : ''}.`),
    );
    stores.set(services, store);
  }
  return store;
}

/** The connection's kind and region (the account is read from the catalogued gateway and tape ARNs). */
export function connectionScope(services: ExtensionServices): CatalogScope & { kind: ConnectionKind } {
  const clients = connectedClients(services);
  return { kind: clients.target.kind, region: clients.target.region };
}
