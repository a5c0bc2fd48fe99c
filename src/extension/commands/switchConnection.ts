// One quick pick to choose between the local lab, an AWS profile, or disconnecting.
import * as vscode from 'vscode';
import type { TapeGatewayCommand } from '../ExtensionServices';

export const switchConnection: TapeGatewayCommand = {
  id: 'tapeGateway.switchConnection',
  async run({ connection }) {
    const items = [
      { label: '$(beaker) Local lab', description: 'no AWS account needed', command: 'tapeGateway.startLocalLab' },
      { label: '$(cloud) AWS…', description: 'a profile and region', command: 'tapeGateway.connectToAws' },
    ];
    if (connection.state.kind === 'connected') items.push({ label: '$(debug-disconnect) Disconnect', description: connection.state.label, command: 'tapeGateway.disconnect' });
    const picked = await vscode.window.showQuickPick(items, { title: 'Tape Gateway: connect to' });
    return picked ? vscode.commands.executeCommand(picked.command) : undefined;
  },
};
