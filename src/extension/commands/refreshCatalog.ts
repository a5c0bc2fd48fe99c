// Refresh the Catalog view.
import { refreshCatalogView } from '../catalog/CatalogTreeProvider';
import type { TapeGatewayCommand } from '../ExtensionServices';

export const refreshCatalog: TapeGatewayCommand = {
  id: 'tapeGateway.refreshCatalog',
  run(services) {
    refreshCatalogView(services);
  },
};
