// The single table of commands: every command the extension contributes is registered here.
import * as vscode from 'vscode';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { connectToAws } from './connectToAws';
import { disconnect } from './disconnect';
import { refreshExplorer } from './refreshExplorer';
import { showLog } from './showLog';
import { startLocalLab } from './startLocalLab';
import { stopLocalLab } from './stopLocalLab';
import { switchConnection } from './switchConnection';

export const COMMANDS: readonly TapeGatewayCommand[] = [startLocalLab, stopLocalLab, connectToAws, switchConnection, disconnect, refreshExplorer, showLog];

export function registerCommands(services: ExtensionServices): vscode.Disposable[] {
  return COMMANDS.map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(services, ...args)));
}
