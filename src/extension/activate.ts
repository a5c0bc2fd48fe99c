// Composition root of the extension: builds the services once, registers views and commands, returns the API.
import * as vscode from 'vscode';
import type { TapeGatewayApi } from './api';
import { registerCatalogView } from './catalog/CatalogTreeProvider';
import { registerCommands } from './commands/registerCommands';
import { showError } from './commands/showError';
import { ConnectionManager } from './connection/ConnectionManager';
import { readLabSettings } from './connection/labSettings';
import { ConnectionStatusBar } from './connection/StatusBar';
import { TEMPLATE_SELECTOR, TemplateCodeLensProvider } from './codelens/TemplateCodeLensProvider';
import { ExplorerProvider } from './explorer/ExplorerProvider';
import type { ExtensionServices } from './ExtensionServices';
import { SwitchablePrompts } from './prompts/SwitchablePrompts';
import { SessionTerminals } from './shell/SessionTerminals';
import { WalkthroughProgress } from './walkthrough/WalkthroughProgress';
import { WorkflowHub } from './workflows/WorkflowHub';

export function activate(context: vscode.ExtensionContext): TapeGatewayApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Tape Gateway', { log: true });
  const labStateDir = vscode.Uri.joinPath(context.globalStorageUri, 'lab').fsPath;
  const connection = new ConnectionManager(context.globalState, labStateDir, context.asAbsolutePath('dist/lab.js'), log);
  const sessionTerminals = new SessionTerminals(connection, log);
  const workflows = new WorkflowHub(sessionTerminals);
  const explorer = new ExplorerProvider(connection, log, workflows);
  const statusBar = new ConnectionStatusBar(connection);
  const prompts = new SwitchablePrompts();
  const services: ExtensionServices = { context, log, connection, explorer, statusBar, prompts, sessionTerminals, workflows };
  const templateLenses = new TemplateCodeLensProvider(connection);
  const walkthrough = new WalkthroughProgress(connection, sessionTerminals);
  context.subscriptions.push(sessionTerminals, workflows, templateLenses, walkthrough, vscode.languages.registerCodeLensProvider(TEMPLATE_SELECTOR, templateLenses));

  const view = vscode.window.createTreeView('tapeGateway.explorer', { treeDataProvider: explorer, showCollapseAll: true });
  explorer.showIn(view);
  context.subscriptions.push(log, connection, explorer, statusBar, view, ...registerCatalogView(services), ...registerCommands(services));

  // Reconnect when the view is first shown, not when a template or a command activated the extension:
  // opening a YAML file must not start the lab.
  if (view.visible) void restoreConnection(services);
  else {
    const shown = view.onDidChangeVisibility((event) => {
      if (!event.visible) return;
      shown.dispose();
      if (connection.state.kind === 'none') void restoreConnection(services);
    });
    context.subscriptions.push(shown);
  }
  // `npm run bench` reads this line to report activate()'s own time.
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return {
    connectionState: () => connection.state,
    onDidChangeConnection: connection.onDidChange,
    explorer,
    statusBarText: () => statusBar.text,
    prompts,
    sessionTerminals: () => sessionTerminals.list(),
    onDidOpenSessionTerminal: sessionTerminals.onDidOpen,
    labProcessId: () => connection.labPid,
    walkthroughMilestones: () => walkthrough.milestones(),
    storedState: () => ({
      globalState: Object.fromEntries(context.globalState.keys().map((key) => [key, context.globalState.get(key)])),
      workspaceState: Object.fromEntries(context.workspaceState.keys().map((key) => [key, context.workspaceState.get(key)])),
      folders: [context.globalStorageUri.fsPath, context.storageUri?.fsPath, context.logUri.fsPath].filter((folder): folder is string => folder !== undefined),
    }),
  };
}

async function restoreConnection({ connection, log }: ExtensionServices): Promise<void> {
  const autoConnect = vscode.workspace.getConfiguration('tapeGateway').get<string>('autoConnect', 'last');
  try {
    if (autoConnect === 'lab') await connection.connectLab(readLabSettings());
    else if (autoConnect === 'last') await connection.restore(readLabSettings());
  } catch (error) {
    showError(log, error, 'Could not reconnect to the last Tape Gateway connection');
  }
}

export function deactivate(): void {
  // Disposables registered in context.subscriptions stop the lab process and release clients.
}
