// Stops the lab process this window started; its state stays on disk for the next start.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';

export const stopLocalLab: TapeGatewayCommand = {
  id: 'tapeGateway.stopLocalLab',
  async run({ connection }) {
    const stopped = await connection.stopLab();
    if (!stopped) void vscode.window.showInformationMessage('The local lab is not running in this window; nothing to stop.');
    return stopped;
  },
};
