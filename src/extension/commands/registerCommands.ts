// The single table of commands: every command the extension contributes is registered here.
import * as vscode from 'vscode';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { activateGateway } from './activateGateway';
import { cancelArchival } from './cancelArchival';
import { cancelRetrieval } from './cancelRetrieval';
import { configureDisks } from './configureDisks';
import { connectLibrary } from './connectLibrary';
import { connectToAws } from './connectToAws';
import { createTapePool } from './createTapePool';
import { createTapes } from './createTapes';
import { deleteArchivedTape } from './deleteArchivedTape';
import { deleteGateway } from './deleteGateway';
import { deleteStack } from './deleteStack';
import { deleteTape } from './deleteTape';
import { deleteTapePool } from './deleteTapePool';
import { deployStack } from './deployStack';
import { deployStackFromTemplate } from './deployStackFromTemplate';
import { disconnect } from './disconnect';
import { loadMoreTapes } from './loadMoreTapes';
import { openSessionTerminal } from './openSessionTerminal';
import { refreshExplorer } from './refreshExplorer';
import { retrieveTape } from './retrieveTape';
import { disconnectLibrary } from './disconnectLibrary';
import { listTapeContents } from './listTapeContents';
import { loadTape } from './loadTape';
import { moveTape } from './moveTape';
import { readFilesFromTape } from './readFilesFromTape';
import { showLibrary } from './showLibrary';
import { showLog } from './showLog';
import { shutdownGateway } from './shutdownGateway';
import { startGateway } from './startGateway';
import { startLocalLab } from './startLocalLab';
import { stopLocalLab } from './stopLocalLab';
import { switchConnection } from './switchConnection';
import { tearDown } from './tearDown';
import { validateTemplate } from './validateTemplate';
import { unloadTape } from './unloadTape';
import { writeFilesToTape } from './writeFilesToTape';
import { editBandwidthSchedule } from './editBandwidthSchedule';
import { editGatewayInformation } from './editGatewayInformation';
import { exportCatalog } from './exportCatalog';
import { findOnTape } from './findOnTape';
import { rebuildCatalog } from './rebuildCatalog';
import { refreshCatalog } from './refreshCatalog';
import { restoreFromTape } from './restoreFromTape';
import { setBandwidthLimits } from './setBandwidthLimits';
import { setMaintenanceWindow } from './setMaintenanceWindow';
import { showGatewayDashboard } from './showGatewayDashboard';
import { updateGatewaySoftware } from './updateGatewaySoftware';

const COMMANDS: readonly TapeGatewayCommand[] = [startLocalLab, stopLocalLab, connectToAws, switchConnection, disconnect, refreshExplorer, showLog,
  openSessionTerminal, validateTemplate, deployStackFromTemplate];

/** The explorer's gateway, tape, pool and stack operations. */
const GATEWAY_COMMANDS: readonly TapeGatewayCommand[] = [
  deployStack,
  deleteStack,
  activateGateway,
  shutdownGateway,
  startGateway,
  deleteGateway,
  configureDisks,
  createTapes,
  retrieveTape,
  cancelArchival,
  cancelRetrieval,
  deleteTape,
  deleteArchivedTape,
  createTapePool,
  deleteTapePool,
  tearDown,
  loadMoreTapes,
];

/** Tape workflows typed into the client's session terminal, and the library view. */
const WORKFLOW_COMMANDS: readonly TapeGatewayCommand[] = [connectLibrary, disconnectLibrary, loadTape, unloadTape, moveTape, writeFilesToTape, listTapeContents, readFilesFromTape, showLibrary];

/** The tape catalog (find, restore, rebuild, export) and the gateway's health and settings. */
const CATALOG_AND_HEALTH_COMMANDS: readonly TapeGatewayCommand[] = [
  findOnTape,
  restoreFromTape,
  rebuildCatalog,
  exportCatalog,
  refreshCatalog,
  showGatewayDashboard,
  setBandwidthLimits,
  editBandwidthSchedule,
  setMaintenanceWindow,
  updateGatewaySoftware,
  editGatewayInformation,
];

export function registerCommands(services: ExtensionServices): vscode.Disposable[] {
  return [...COMMANDS, ...GATEWAY_COMMANDS, ...WORKFLOW_COMMANDS, ...CATALOG_AND_HEALTH_COMMANDS].map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(services, ...args)));
}
