// The services the composition root builds once and hands to every command (no globals).
import type * as vscode from 'vscode';
import type { ConnectionManager } from './connection/ConnectionManager';
import type { ConnectionStatusBar } from './connection/StatusBar';
import type { ExplorerProvider } from './explorer/ExplorerProvider';
import type { SwitchablePrompts } from './prompts/SwitchablePrompts';
import type { SessionTerminals } from './shell/SessionTerminals';
import type { WorkflowHub } from './workflows/WorkflowHub';

export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly connection: ConnectionManager;
  readonly explorer: ExplorerProvider;
  readonly statusBar: ConnectionStatusBar;
  /** Quick picks, input boxes and confirmations; host tests answer them through the API. */
  readonly prompts: SwitchablePrompts;
  /** Session Manager terminals on instances (native client or session-manager-plugin). */
  readonly sessionTerminals: SessionTerminals;
  /** Libraries connected through a client's terminal; tape workflows run in that terminal. */
  readonly workflows: WorkflowHub;
}

/** A command: its id equals its file name, prefixed with "tapeGateway.". */
export interface TapeGatewayCommand {
  readonly id: string;
  run(services: ExtensionServices, ...args: unknown[]): unknown;
}
