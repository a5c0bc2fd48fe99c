// Per-extension state of the workflows: one visible session terminal per client instance and the libraries connected through them.
import * as vscode from 'vscode';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { LibraryTargets } from '../../tape/libraryTargets';
import type { ExtensionServices } from '../ExtensionServices';
import { runVisible } from './runVisible';
import { TapeWorkflows } from './TapeWorkflows';
import { WorkflowSession } from './WorkflowSession';
import { WorkflowTerminal } from './WorkflowTerminal';

interface OpenShell {
  readonly session: WorkflowSession;
  readonly terminal: vscode.Terminal;
}

export interface ConnectedLibrary {
  readonly gatewayArn: string;
  readonly clientInstanceId: string;
  readonly targets: LibraryTargets;
  /** Data Transfer Elements logged in to. */
  readonly drives: ReadonlySet<number>;
}

export class WorkflowHub implements vscode.Disposable {
  private readonly shells = new Map<string, Promise<OpenShell>>();
  private readonly libraries = new Map<string, ConnectedLibrary>();
  private readonly changedEmitter = new vscode.EventEmitter<void>();
  /** Fires after every workflow step that may have changed the library (load, move, connect…). */
  readonly onDidChange = this.changedEmitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The visible shell on the client instance, opening a session terminal on first use. */
  shell(ssm: SSMClient, instanceId: string): Promise<OpenShell> {
    let shell = this.shells.get(instanceId);
    if (!shell) {
      shell = this.openShell(ssm, instanceId);
      this.shells.set(instanceId, shell);
      shell.catch(() => this.shells.delete(instanceId));
    }
    return shell;
  }

  /** Workflows typed into the client's terminal (shown to the user). */
  async workflows(ssm: SSMClient, instanceId: string, targets: LibraryTargets): Promise<TapeWorkflows> {
    const { session, terminal } = await this.shell(ssm, instanceId);
    terminal.show(true);
    return new TapeWorkflows((command, timeoutMs) => runVisible(session, command, { timeoutMs }), targets);
  }

  library(gatewayArn: string): ConnectedLibrary | undefined {
    return this.libraries.get(gatewayArn);
  }

  allLibraries(): ConnectedLibrary[] {
    return [...this.libraries.values()];
  }

  setLibrary(library: ConnectedLibrary | undefined, gatewayArn?: string): void {
    if (library) this.libraries.set(library.gatewayArn, library);
    else if (gatewayArn) this.libraries.delete(gatewayArn);
    this.changed();
  }

  changed(): void {
    this.changedEmitter.fire();
  }

  dispose(): void {
    for (const shell of this.shells.values()) {
      void shell.then(({ session, terminal }) => {
        terminal.dispose();
        void session.close();
      }, () => undefined);
    }
    this.shells.clear();
    this.changedEmitter.dispose();
  }

  private async openShell(ssm: SSMClient, instanceId: string): Promise<OpenShell> {
    const session = await WorkflowSession.open({ ssm, instanceId, log: (line) => this.log.debug(line) });
    const pty = new WorkflowTerminal(session);
    const terminal = vscode.window.createTerminal({ name: `Tape client ${instanceId}`, pty, iconPath: new vscode.ThemeIcon('terminal') });
    const closed = vscode.window.onDidCloseTerminal((closedTerminal) => {
      if (closedTerminal !== terminal) return;
      closed.dispose();
      pty.dispose();
      this.shells.delete(instanceId);
      for (const [arn, library] of this.libraries) if (library.clientInstanceId === instanceId) this.libraries.delete(arn);
      void session.close();
      this.changed();
    });
    session.onEnd(() => this.shells.delete(instanceId));
    return { session, terminal };
  }
}

const hubs = new WeakMap<ExtensionServices, WorkflowHub>();

/** The hub of this activation (created on first use, disposed with the extension). */
export function workflowHubOf(services: ExtensionServices): WorkflowHub {
  let hub = hubs.get(services);
  if (!hub) {
    hub = new WorkflowHub(services.log);
    services.context.subscriptions.push(hub);
    hubs.set(services, hub);
  }
  return hub;
}
