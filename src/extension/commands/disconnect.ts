// Disconnects the explorer (stopping the lab process this window started) and forgets the saved connection.
import type { TapeGatewayCommand } from '../ExtensionServices';

export const disconnect: TapeGatewayCommand = {
  id: 'tapeGateway.disconnect',
  async run({ connection }) {
    await connection.disconnect();
  },
};
