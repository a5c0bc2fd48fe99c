// The library webview of one gateway: reads mtx status (Run Command) and DescribeTapes, redraws live, turns clicks into workflow commands.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { describeTapeStates } from '../../aws/describeTapeStates';
import { runShellScript } from '../../aws/runShellScript';
import { expandFilteredMtxStatus, fullSlotsStatusLine, toLibraryModel, type LibraryModel } from '../../tape/libraryModel';
import type { WorkflowHub } from '../workflows/WorkflowHub';
import { changerDevice, mtxStatusLine } from '../../tape/workflowSteps';
import { libraryBodyHtml, libraryHtml, type LibraryPage } from './libraryHtml';

/** Refresh period while the view is visible. */
const POLL_MS = 15_000;

interface PanelMessage {
  readonly action?: string;
  readonly slot?: number;
  readonly drive?: number;
  readonly toSlot?: number;
}

export interface LibraryClients {
  readonly ssm: SSMClient;
  readonly storageGateway: StorageGatewayClient;
}

export class LibraryPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private again = false;
  private stale = false;
  private lastModel: LibraryModel | undefined;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    readonly gatewayArn: string,
    private readonly title: string,
    private readonly hub: WorkflowHub,
    private readonly clients: LibraryClients,
    private readonly log: vscode.LogOutputChannel,
    readonly panel: vscode.WebviewPanel = vscode.window.createWebviewPanel('tapeGateway.library', title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] }),
  ) {
    const nonce = randomBytes(16).toString('base64');
    panel.webview.html = libraryHtml({ title, model: undefined, updated: 'loading…' }, nonce, panel.webview.cspSource);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: PanelMessage) => void this.handle(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) void this.refresh();
        this.schedule();
      }),
      hub.onDidChange(() => (panel.visible ? void this.refresh() : (this.stale = true))),
    );
    this.schedule();
    void this.refresh();
  }

  /** The model last drawn (undefined while the library is not connected). */
  get model(): LibraryModel | undefined {
    return this.lastModel;
  }

  /** Re-reads the library; concurrent calls coalesce into one more read. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.stale = false;
    this.refreshing = this.load()
      .then((page) => this.draw(page))
      .finally(() => {
        this.refreshing = undefined;
        if (this.again) {
          this.again = false;
          void this.refresh();
        }
      });
    return this.refreshing;
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = this.panel.visible ? setInterval(() => void this.refresh(), POLL_MS) : undefined;
  }

  private async load(): Promise<LibraryPage> {
    const updated = new Date().toLocaleTimeString();
    const library = this.hub.library(this.gatewayArn);
    try {
      const tapes = await describeTapeStates(this.clients.storageGateway, this.gatewayArn);
      if (!library) return { title: this.title, model: undefined, updated, problem: tapes.length > 0 ? `${tapes.length} tape(s) on the gateway. Connect the library to see slots and drives.` : undefined };
      const changer = changerDevice(library.targets.changer.iqn, library.targets.changer.portal);
      const result = await runShellScript(this.clients.ssm, library.clientInstanceId, fullSlotsStatusLine(mtxStatusLine(changer)));
      if (result.exitCode !== 0) return { title: this.title, model: this.lastModel, updated, problem: `mtx status failed on ${library.clientInstanceId}: ${(result.stderr || result.stdout).trim()}` };
      return { title: this.title, model: toLibraryModel(expandFilteredMtxStatus(result.stdout), tapes, library.drives), updated };
    } catch (error) {
      this.log.warn(`Library view of ${this.gatewayArn}: ${(error as Error).message}`);
      return { title: this.title, model: this.lastModel, updated, problem: `Could not read the library: ${(error as Error).message}` };
    }
  }

  private async draw(page: LibraryPage): Promise<void> {
    this.lastModel = page.model;
    await this.panel.webview.postMessage({ type: 'render', html: libraryBodyHtml(page) });
  }

  private async handle(message: PanelMessage): Promise<void> {
    const gatewayArn = this.gatewayArn;
    switch (message.action) {
      case 'ready':
      case 'refresh':
        return this.refresh();
      case 'connect':
        await vscode.commands.executeCommand('tapeGateway.connectLibrary', { gatewayArn });
        return;
      case 'load':
        await vscode.commands.executeCommand('tapeGateway.loadTape', { gatewayArn, slot: message.slot, drive: message.drive });
        return;
      case 'unload':
        await vscode.commands.executeCommand('tapeGateway.unloadTape', { gatewayArn, drive: message.drive });
        return;
      case 'move':
        await vscode.commands.executeCommand('tapeGateway.moveTape', { gatewayArn, slot: message.slot, toSlot: message.toSlot });
        return;
      default:
        this.log.warn(`Library view: ignored an unknown message ${JSON.stringify(message)}`);
    }
  }
}
