// State of the tape workflows: the libraries connected through a client instance's terminal, and a change event for the views.
import * as vscode from 'vscode';
import type { LibraryTargets } from '../../tape/libraryTargets';
import type { SessionTerminals } from '../shell/SessionTerminals';
import { runVisible } from './runVisible';
import { TapeWorkflows } from './TapeWorkflows';

export interface ConnectedLibrary {
  readonly gatewayArn: string;
  readonly clientInstanceId: string;
  readonly targets: LibraryTargets;
  /** Data Transfer Elements logged in to. */
  readonly drives: ReadonlySet<number>;
}

export class WorkflowHub implements vscode.Disposable {
  private readonly libraries = new Map<string, ConnectedLibrary>();
  private readonly changedEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires after every workflow step that may have changed the library (load, move, connect…). */
  readonly onDidChange = this.changedEmitter.event;

  constructor(private readonly terminals: SessionTerminals) {
    // Closing the client's terminal logs nothing out, but the extension no longer knows the library is connected.
    this.subscription = terminals.onDidClose((session) => {
      let forgot = false;
      for (const [arn, library] of this.libraries) {
        if (library.clientInstanceId !== session.instanceId) continue;
        this.libraries.delete(arn);
        forgot = true;
      }
      if (forgot) this.changed();
    });
  }

  /** Workflows typed into the client instance's one session terminal (shown to the user); waits until its shell accepts input. */
  async workflows(instanceId: string, targets: LibraryTargets): Promise<TapeWorkflows> {
    const { session } = this.terminals.shell(instanceId);
    await session.whenOpen();
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
    this.subscription.dispose();
    this.changedEmitter.dispose();
  }
}
