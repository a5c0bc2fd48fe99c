// Opens a Session Manager terminal on an instance: from a tree node or an instance id, or from the palette with a quick pick of SSM-managed instances.
import * as vscode from 'vscode';
import { SsmApi, type ManagedInstance } from '../../aws/SsmApi';
import type { ConnectionState } from '../connection/ConnectionManager';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { instanceIdFromArgument } from '../shell/instanceIdArgument';
import { NotConnected, PLUGIN_INSTALL_URL, PluginNotFound, type OpenedSessionTerminal } from '../shell/SessionTerminals';
import { showError } from './showError';

export const openSessionTerminal: TapeGatewayCommand = {
  id: 'tapeGateway.openSessionTerminal',
  async run(services, argument?: unknown): Promise<OpenedSessionTerminal | undefined> {
    const { log, sessionTerminals } = services;
    try {
      const instanceId = instanceIdFromArgument(argument) ?? (await pickInstance(services.connection.state));
      if (!instanceId) return undefined;
      return await sessionTerminals.openTerminal(instanceId);
    } catch (error) {
      if (error instanceof NotConnected) {
        // Not awaited: the command finishes while the message waits for the user.
        void vscode.window.showWarningMessage(error.message, 'Start Local Lab', 'Connect to AWS…').then((choice) => {
          if (choice === 'Start Local Lab') void vscode.commands.executeCommand('tapeGateway.startLocalLab');
          if (choice === 'Connect to AWS…') void vscode.commands.executeCommand('tapeGateway.connectToAws');
        });
        return undefined;
      }
      if (error instanceof PluginNotFound) {
        log.warn(error.message);
        void vscode.window.showErrorMessage(error.message, 'Install Instructions', 'Use Native Client').then((choice) => {
          if (choice === 'Install Instructions') void vscode.env.openExternal(vscode.Uri.parse(PLUGIN_INSTALL_URL));
          if (choice === 'Use Native Client') void vscode.workspace.getConfiguration('tapeGateway.session').update('client', 'native', vscode.ConfigurationTarget.Global);
        });
        return undefined;
      }
      return showError(log, error, 'The session terminal could not open');
    }
  },
};

async function pickInstance(state: ConnectionState): Promise<string | undefined> {
  if (state.kind !== 'connected') throw new NotConnected();
  const api = new SsmApi(state.clients);
  const instances = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Listing SSM-managed instances…' },
    () => api.listManagedInstances(),
  );
  if (instances.length === 0) {
    void vscode.window.showInformationMessage(`No instance is registered with Session Manager in ${state.label}. Deploy the Tape Gateway stack (its client instance registers with SSM), or start the SSM Agent on an instance with the AmazonSSMManagedInstanceCore role.`);
    return undefined;
  }
  const online = (i: ManagedInstance) => i.pingStatus === 'Online';
  const items = [...instances].sort((a, b) => Number(online(b)) - Number(online(a)) || a.instanceId.localeCompare(b.instanceId)).map((instance) => ({
    label: instance.instanceId,
    description: [instance.computerName, instance.ipAddress].filter(Boolean).join(' · '),
    detail: `${instance.pingStatus}${instance.platformName ? ` · ${instance.platformName}` : ''}${online(instance) ? '' : ' — the SSM Agent is not reachable; the session will probably fail'}`,
    instanceId: instance.instanceId,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Open a Session Manager terminal', placeHolder: 'Choose an SSM-managed instance', matchOnDescription: true });
  return picked?.instanceId;
}
