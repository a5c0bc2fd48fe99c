// The library webview of one gateway: reads it with the LibraryReader (DescribeTapes, mtx status by Run Command), redraws live, turns clicks into workflow commands.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { toLibraryModel, type LibraryModel } from '../../tape/libraryModel';
import type { LibraryReader } from '../explorer/library/LibraryReader';
import type { WorkflowHub } from '../workflows/WorkflowHub';
import { libraryBodyHtml, libraryHtml, type LibraryPage } from './libraryHtml';

/** Refresh period while the view is visible. */
const POLL_MS = 15_000;

interface PanelMessage {
  readonly action?: string;
  readonly slot?: number;
  readonly drive?: number;
  readonly toSlot?: number;
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
    /** The reader over the current connection (throws a sentence when there is none). */
    private readonly reader: () => LibraryReader,
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
      const signal = AbortSignal.timeout(120_000);
      if (!library) {
        const tapes = await this.reader().tapes(this.gatewayArn, signal);
        return { title: this.title, model: undefined, updated, problem: tapes.length > 0 ? `${tapes.length} tape(s) on the gateway. Connect the library to see slots and drives.` : undefined };
      }
      const reading = await this.reader().read(this.gatewayArn, signal);
      if (!reading.status) return { title: this.title, model: this.lastModel, updated, problem: reading.problem };
      return { title: this.title, model: toLibraryModel(reading.status, reading.tapes, library.drives), updated };
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
