// Runs the official session-manager-plugin in an integrated terminal (a real pty), with a watchdog and TerminateSession on close.
import * as vscode from 'vscode';
import type { ConnectionTarget } from '../../aws/AwsConnection';
import type { SsmApi } from '../../aws/SsmApi';
import { buildPluginLaunch, describePluginLaunch } from './pluginLaunch';
import { startSessionOrExplain } from './startNativeSession';

interface PluginTerminalOptions {
  readonly api: SsmApi;
  readonly target: ConnectionTarget;
  readonly instanceId: string;
  readonly pluginPath: string;
  readonly log: vscode.LogOutputChannel;
  /** How long the plugin may take to connect its data channel (DescribeSessions shows Connected) before it is stopped. */
  readonly connectTimeoutMs: number;
}

const WATCHDOG_POLL_MS = 1000;

/**
 * The plugin hangs forever on an unreachable StreamUrl and exits 0 on some errors (seen with plugin 1.2.x), and its
 * output is not visible to the extension, so the watchdog asks Session Manager whether it connected.
 */
export async function openPluginTerminal(options: PluginTerminalOptions): Promise<vscode.Terminal> {
  const { api, instanceId, log } = options;
  const session = await startSessionOrExplain(api, instanceId);
  const launch = buildPluginLaunch(session, instanceId, options.target);
  log.info(`Session ${session.sessionId} started on ${instanceId}; running ${describePluginLaunch(options.pluginPath, launch)}`);
  const terminal = vscode.window.createTerminal({
    name: `Tape Gateway: ${instanceId}`,
    shellPath: options.pluginPath,
    shellArgs: [...launch.args],
    env: { ...launch.env },
    iconPath: new vscode.ThemeIcon('terminal'),
    // Not restored after a reload: the environment holds a single-use token.
    isTransient: true,
  });
  terminal.show();

  let ended = false;
  const stopWatchdog = watchConnection(api, session.sessionId, options.connectTimeoutMs, (problem) => {
    if (ended) return;
    log.error(`Session ${session.sessionId}: ${problem}`);
    void vscode.window.showErrorMessage(`${problem} The terminal was closed and the session ended; check the network path to Session Manager, or set "tapeGateway.session.client" to "native".`);
    terminal.dispose();
  });
  const closed = vscode.window.onDidCloseTerminal((t) => {
    if (t !== terminal) return;
    ended = true;
    stopWatchdog();
    closed.dispose();
    const code = t.exitStatus?.code;
    if (code !== undefined && code !== 0) {
      log.error(`session-manager-plugin exited with code ${code} for session ${session.sessionId}.`);
      void vscode.window.showErrorMessage(`session-manager-plugin stopped with exit code ${code}. Run it once from a shell with "--version" to check the installation, or switch "tapeGateway.session.client" to "native".`);
    }
    // Killing the plugin leaves the session open on the service side: end it.
    api.terminateSession(session.sessionId).then(
      () => log.info(`Session ${session.sessionId} terminated.`),
      (error: unknown) => log.warn(`TerminateSession for ${session.sessionId} failed: ${(error as Error).message}`),
    );
  });
  return terminal;
}

/** Polls DescribeSessions until the session is Connected; calls onTimeout once if it is not within the limit. Returns a stop function. */
function watchConnection(api: SsmApi, sessionId: string, timeoutMs: number, onTimeout: (problem: string) => void): () => void {
  const deadline = Date.now() + timeoutMs;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    if (stopped) return;
    let status: string | undefined;
    try {
      status = await api.sessionStatus(sessionId);
    } catch {
      status = undefined;
    }
    if (stopped || status === 'Connected') return;
    if (status === 'Terminated' || status === 'Failed') return;
    if (Date.now() >= deadline) {
      onTimeout(`session-manager-plugin did not connect to session ${sessionId} within ${Math.round(timeoutMs / 1000)} s.`);
      return;
    }
    timer = setTimeout(() => void poll(), WATCHDOG_POLL_MS);
  };
  timer = setTimeout(() => void poll(), WATCHDOG_POLL_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
