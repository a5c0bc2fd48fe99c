// Starts the local lab as a child process (or joins the configured one) and connects the explorer to it.
import * as vscode from 'vscode';
import { readLabSettings } from '../connection/labSettings';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { showError } from './showError';

export const startLocalLab: TapeGatewayCommand = {
  id: 'tapeGateway.startLocalLab',
  async run({ connection, log }) {
    try {
      const target = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Starting the Tape Gateway lab…' },
        () => connection.connectLab(readLabSettings()),
      );
      vscode.window.setStatusBarMessage(`Tape Gateway: connected to the lab at ${target.kind === 'lab' ? target.endpoint : ''}`, 5000);
      return target;
    } catch (error) {
      return showError(log, error, 'The local lab could not start');
    }
  },
};
