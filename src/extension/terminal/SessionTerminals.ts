// Opens "Tape Gateway: <instance>" terminals (native client or the official plugin, per setting) and keeps track of the native ones.
import * as vscode from 'vscode';
import { SsmSessionApi } from '../../aws/SsmSessionApi';
import type { ConnectionManager } from '../connection/ConnectionManager';
import { openPluginTerminal } from './openPluginTerminal';
import { findSessionManagerPlugin, PLUGIN_INSTALL_URL } from './pluginLaunch';
import { SessionTerminal } from './SessionTerminal';
import { startNativeSession } from './startNativeSession';

export type SessionClientKind = 'native' | 'plugin';

/** A terminal opened by openSessionTerminal: the native one carries its session; the plugin one is a plain terminal. */
export type OpenedSessionTerminal =
  | { readonly client: 'native'; readonly terminal: vscode.Terminal; readonly session: SessionTerminal }
  | { readonly client: 'plugin'; readonly terminal: vscode.Terminal };

export class NotConnected extends Error {
  constructor() {
    super('Connect first: run "Tape Gateway: Start Local Lab" or "Tape Gateway: Connect to AWS…", then open the terminal again.');
  }
}

export class PluginNotFound extends Error {
  constructor(readonly configuredPath: string | undefined) {
    super(configuredPath
      ? `session-manager-plugin was not found at "${configuredPath}" (setting tapeGateway.session.pluginPath). Fix the path, install the plugin, or set tapeGateway.session.client to "native".`
      : 'session-manager-plugin is not installed (not on PATH). Install it, set tapeGateway.session.pluginPath, or set tapeGateway.session.client to "native".');
  }
}

export class SessionTerminals implements vscode.Disposable {
  private readonly open = new Set<SessionTerminal>();
  private readonly changed = new vscode.EventEmitter<SessionTerminal>();
  /** Fires when a native session terminal is created. */
  readonly onDidOpen = this.changed.event;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Native session terminals that are still open. */
  list(): readonly SessionTerminal[] {
    return [...this.open];
  }

  async openTerminal(instanceId: string): Promise<OpenedSessionTerminal> {
    const state = this.connection.state;
    if (state.kind !== 'connected') throw new NotConnected();
    const api = new SsmSessionApi(state.clients);
    const settings = vscode.workspace.getConfiguration('tapeGateway.session');
    if (settings.get<SessionClientKind>('client', 'native') === 'plugin') {
      const configured = settings.get<string>('pluginPath', '').trim() || undefined;
      const pluginPath = findSessionManagerPlugin(configured);
      if (!pluginPath) throw new PluginNotFound(configured);
      const connectTimeoutMs = settings.get<number>('connectTimeoutSeconds', 30) * 1000;
      const terminal = await openPluginTerminal({ api, target: state.target, instanceId, pluginPath, log: this.log, connectTimeoutMs });
      return { client: 'plugin', terminal };
    }
    const log = (line: string) => this.log.info(line);
    const session = new SessionTerminal(instanceId, (size) => startNativeSession(api, { target: instanceId, size, log }), this.log);
    this.open.add(session);
    const terminal = vscode.window.createTerminal({ name: `Tape Gateway: ${instanceId}`, pty: session, iconPath: new vscode.ThemeIcon('terminal'), isTransient: true });
    const closed = vscode.window.onDidCloseTerminal((t) => {
      if (t !== terminal) return;
      closed.dispose();
      this.open.delete(session);
      session.dispose();
    });
    terminal.show();
    this.changed.fire(session);
    return { client: 'native', terminal, session };
  }

  dispose(): void {
    for (const session of this.open) session.dispose();
    this.open.clear();
    this.changed.dispose();
  }
}

export { PLUGIN_INSTALL_URL };
