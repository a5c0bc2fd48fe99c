// The dashboard webview of one gateway: reads its CloudWatch metrics for the last hour or day and refreshes while visible.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CloudWatchApi, MetricRange } from '../../aws/CloudWatchApi';
import { dashboardHtml } from './dashboardHtml';
import type { FromDashboard, ToDashboard } from './dashboardMessages';

/** 1-minute data for the last hour, 5-minute data for the day: refresh at that pace. */
const REFRESH_SECONDS: Record<MetricRange, number> = { hour: 60, day: 300 };

export interface DashboardGateway {
  readonly gatewayArn: string;
  readonly gatewayId: string;
  readonly name: string;
}

export class DashboardPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private range: MetricRange = 'hour';
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  /** The last message sent (host tests read it). */
  lastMessage: ToDashboard | undefined;

  constructor(
    readonly gateway: DashboardGateway,
    private readonly metrics: CloudWatchApi,
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    readonly panel: vscode.WebviewPanel = vscode.window.createWebviewPanel('tapeGateway.dashboard', `Dashboard: ${gateway.name}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    }),
  ) {
    const nonce = randomBytes(16).toString('base64');
    const scriptUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'dashboard.js')).toString();
    panel.webview.html = dashboardHtml({ title: `Gateway ${gateway.name} (${gateway.gatewayId})`, scriptUri, cspSource: panel.webview.cspSource, nonce });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: FromDashboard) => {
        if (message.type === 'range') this.range = message.range;
        void this.refresh();
      }),
      panel.onDidChangeViewState(() => (panel.visible ? void this.refresh() : this.stop())),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Reads the metrics and sends them; then waits a refresh period (only while the panel is visible). */
  async refresh(): Promise<ToDashboard> {
    this.stop();
    let message: ToDashboard;
    try {
      const data = await this.metrics.gatewayMetrics(this.gateway.gatewayId, this.gateway.name, this.range);
      message = { type: 'metrics', gatewayName: this.gateway.name, data, updatedAt: Date.now(), refreshSeconds: REFRESH_SECONDS[this.range] };
    } catch (error) {
      this.log.warn(`Dashboard ${this.gateway.name}: ${(error as Error).message}`);
      message = { type: 'error', message: `Metrics could not be read: ${(error as Error).message}` };
    }
    this.lastMessage = message;
    if (this.disposed) return message;
    await this.panel.webview.postMessage(message);
    if (this.panel.visible && !this.disposed) {
      this.timer = setTimeout(() => void this.refresh(), REFRESH_SECONDS[this.range] * 1000);
      this.timer.unref?.();
    }
    return message;
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }
}
