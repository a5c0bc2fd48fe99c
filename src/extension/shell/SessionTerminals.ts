// The registry of session terminals, one per instance id: the user's typing, the workflows and the walkthrough share it.
import * as vscode from 'vscode';
import { SsmApi } from '../../aws/SsmApi';
import type { TerminalSize } from '../../session/index';
import type { ConnectionManager } from '../connection/ConnectionManager';
import { openPluginTerminal } from './openPluginTerminal';
import { findSessionManagerPlugin, PLUGIN_INSTALL_URL } from './pluginLaunch';
import { SessionTerminal } from './SessionTerminal';
import { startNativeSession } from './startNativeSession';

type SessionClientKind = 'native' | 'plugin';

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

interface OpenNative {
  readonly session: SessionTerminal;
  readonly terminal: vscode.Terminal;
}

export class SessionTerminals implements vscode.Disposable {
  private readonly byInstance = new Map<string, OpenNative>();
  private readonly opened = new vscode.EventEmitter<SessionTerminal>();
  private readonly closed = new vscode.EventEmitter<SessionTerminal>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires when a native session terminal is created. */
  readonly onDidOpen = this.opened.event;
  /** Fires when the user (or the extension) closes a native session terminal. */
  readonly onDidClose = this.closed.event;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(vscode.window.onDidCloseTerminal((terminal) => {
      for (const [instanceId, open] of this.byInstance) {
        if (open.terminal !== terminal) continue;
        this.byInstance.delete(instanceId);
        open.session.dispose();
        this.closed.fire(open.session);
      }
    }));
  }

  /** Native session terminals that are still open. */
  list(): readonly SessionTerminal[] {
    return [...this.byInstance.values()].map((open) => open.session);
  }

  /** The user's Open Session Terminal: the plugin when the setting asks for it, otherwise the instance's one native terminal. */
  async openTerminal(instanceId: string): Promise<OpenedSessionTerminal> {
    const state = this.connection.state;
    if (state.kind !== 'connected') throw new NotConnected();
    const settings = vscode.workspace.getConfiguration('tapeGateway.session');
    if (settings.get<SessionClientKind>('client', 'native') === 'plugin') {
      const configured = settings.get<string>('pluginPath', '').trim() || undefined;
      const pluginPath = findSessionManagerPlugin(configured);
      if (!pluginPath) throw new PluginNotFound(configured);
      const connectTimeoutMs = settings.get<number>('connectTimeoutSeconds', 30) * 1000;
      const terminal = await openPluginTerminal({ api: new SsmApi(state.clients), target: state.target, instanceId, pluginPath, log: this.log, connectTimeoutMs });
      return { client: 'plugin', terminal };
    }
    const { session, terminal } = this.shell(instanceId, false);
    return { client: 'native', terminal, session };
  }

  /**
   * The instance's native terminal, shown: the open one if there is one (restarted if its session failed), otherwise a new one.
   * Workflows type into it, so the user sees every command and the walkthrough sees what they print.
   */
  shell(instanceId: string, preserveFocus = true): OpenNative {
    const state = this.connection.state;
    if (state.kind !== 'connected') throw new NotConnected();
    const existing = this.byInstance.get(instanceId);
    // An open terminal is reused; one whose session failed starts a new session in place; one whose shell exited is replaced.
    if (existing && !existing.session.isClosed && (existing.session.state !== 'ended' || existing.session.restart())) {
      existing.terminal.show(preserveFocus);
      return existing;
    }
    if (existing) {
      this.byInstance.delete(instanceId);
      existing.terminal.dispose();
      existing.session.dispose();
      this.closed.fire(existing.session);
    }
    const log = (line: string) => this.log.info(line);
    // The connection is read at each (re)start: a restart after the lab came back uses the new clients.
    const start = (size: TerminalSize) => {
      const now = this.connection.state;
      if (now.kind !== 'connected') return Promise.reject(new NotConnected());
      return startNativeSession(new SsmApi(now.clients), { target: instanceId, size, log });
    };
    const session = new SessionTerminal(instanceId, start, this.log);
    const terminal = vscode.window.createTerminal({ name: `Tape Gateway: ${instanceId}`, pty: session, iconPath: new vscode.ThemeIcon('terminal'), isTransient: true });
    const open = { session, terminal };
    this.byInstance.set(instanceId, open);
    terminal.show(preserveFocus);
    this.opened.fire(session);
    return open;
  }

  /** Closes every terminal: their sessions belong to a connection that is going away. */
  closeAll(): void {
    for (const open of this.byInstance.values()) open.terminal.dispose();
  }

  dispose(): void {
    for (const open of this.byInstance.values()) open.session.dispose();
    this.byInstance.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.opened.dispose();
    this.closed.dispose();
  }
}

export { PLUGIN_INSTALL_URL };
