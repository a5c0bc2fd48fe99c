// The single table of commands: every command the extension contributes is registered here.
import * as vscode from 'vscode';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { connectToAws } from './connectToAws';
import { deployStackFromTemplate } from './deployStackFromTemplate';
import { disconnect } from './disconnect';
import { openSessionTerminal } from './openSessionTerminal';
import { refreshExplorer } from './refreshExplorer';
import { showLog } from './showLog';
import { startLocalLab } from './startLocalLab';
import { stopLocalLab } from './stopLocalLab';
import { switchConnection } from './switchConnection';
import { validateTemplate } from './validateTemplate';

export const COMMANDS: readonly TapeGatewayCommand[] = [startLocalLab, stopLocalLab, connectToAws, switchConnection, disconnect, refreshExplorer, showLog,
  openSessionTerminal, validateTemplate, deployStackFromTemplate];

export function registerCommands(services: ExtensionServices): vscode.Disposable[] {
  return COMMANDS.map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(services, ...args)));
}
