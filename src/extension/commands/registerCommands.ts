// The single table of commands: every command the extension contributes is registered here.
import * as vscode from 'vscode';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { connectLibrary } from './connectLibrary';
import { connectToAws } from './connectToAws';
import { disconnect } from './disconnect';
import { disconnectLibrary } from './disconnectLibrary';
import { listTapeContents } from './listTapeContents';
import { loadTape } from './loadTape';
import { moveTape } from './moveTape';
import { readFilesFromTape } from './readFilesFromTape';
import { refreshExplorer } from './refreshExplorer';
import { showLibrary } from './showLibrary';
import { showLog } from './showLog';
import { startLocalLab } from './startLocalLab';
import { stopLocalLab } from './stopLocalLab';
import { switchConnection } from './switchConnection';
import { unloadTape } from './unloadTape';
import { writeFilesToTape } from './writeFilesToTape';

const WORKFLOW_COMMANDS: readonly TapeGatewayCommand[] = [connectLibrary, disconnectLibrary, loadTape, unloadTape, moveTape, writeFilesToTape, listTapeContents, readFilesFromTape, showLibrary];

export const COMMANDS: readonly TapeGatewayCommand[] = [startLocalLab, stopLocalLab, connectToAws, switchConnection, disconnect, refreshExplorer, showLog, ...WORKFLOW_COMMANDS];

export function registerCommands(services: ExtensionServices): vscode.Disposable[] {
  return COMMANDS.map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(services, ...args)));
}
