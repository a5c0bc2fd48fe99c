// Opens the "Tape Gateway" log channel.
import type { TapeGatewayCommand } from '../ExtensionServices';

export const showLog: TapeGatewayCommand = {
  id: 'tapeGateway.showLog',
  run({ log }) {
    log.show(true);
  },
};
