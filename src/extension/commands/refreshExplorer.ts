// Reloads the whole Tape Gateway tree.
import type { TapeGatewayCommand } from '../ExtensionServices';

export const refreshExplorer: TapeGatewayCommand = {
  id: 'tapeGateway.refreshExplorer',
  run({ explorer }) {
    explorer.refresh();
  },
};
