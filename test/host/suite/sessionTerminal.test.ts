// Host tests: the Session Manager terminal on the client of a stack deployed in the lab (native client, and the plugin path with a stand-in plugin).
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OpenedSessionTerminal } from '../../../src/extension/shell/SessionTerminals';
import { eventuallyMatches as eventually, extensionApi, joinHostLab, sessionStatusBecomes, type HostLab } from './hostLab';

describe('Session terminal', function () {
  this.timeout(60_000);
  let env: HostLab;
  before(async () => {
    env = await joinHostLab();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('tapeGateway.session').update('client', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('tapeGateway.session').update('pluginPath', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('tapeGateway.session').update('connectTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await env.stop();
  });

  it('opens "Tape Gateway: <instance>", runs a command and shows its output', async () => {
    const opened = await vscode.commands.executeCommand<OpenedSessionTerminal | undefined>('tapeGateway.openSessionTerminal', env.clientId);
    assert.ok(opened && opened.client === 'native', 'the native client is the default');
    assert.equal(opened.terminal.name, `Tape Gateway: ${env.clientId}`);
    const session = opened.session;
    assert.ok((await extensionApi()).sessionTerminals().includes(session));
    await eventually(() => session.transcript(), /sh-\d\.\d\$ $/);
    assert.equal(session.state, 'open');
    opened.terminal.sendText('echo tape   terminal', true);
    await eventually(() => session.transcript(), /\r\ntape terminal\r\nsh-\d\.\d\$ $/);
    opened.terminal.sendText('echo cols=$COLUMNS rows=$LINES', true);
    const size = session.dimensions;
    await eventually(() => session.transcript(), new RegExp(`\\r\\ncols=${size.columns} rows=${size.rows}\\r\\n`));
    const sessionId = session.sessionId ?? '';
    assert.equal(await env.api.sessionStatus(sessionId), 'Connected');
    opened.terminal.dispose();
    await eventually(() => session.state, /^ended$/);
    assert.equal(await sessionStatusBecomes(env.api, sessionId, 'Terminated'), 'Terminated', 'closing the terminal calls TerminateSession');
    assert.ok(!(await extensionApi()).sessionTerminals().includes(session));
  });

  it('ends the terminal when the shell exits and reports walkthrough milestones from its output', async () => {
    const opened = await vscode.commands.executeCommand<OpenedSessionTerminal | undefined>('tapeGateway.openSessionTerminal', { instanceId: env.clientId });
    assert.ok(opened && opened.client === 'native', 'a tree node with instanceId works too');
    const session = opened.session;
    await eventually(() => session.transcript(), /\$ $/);
    const closed = new Promise<void>((resolve) => vscode.window.onDidCloseTerminal((t) => t === opened.terminal && resolve()));
    opened.terminal.sendText("echo 'Loading media from Storage Element 1601 into drive 0...done'", true);
    await eventually(() => session.transcript(), /\.\.\.done\r\nsh-\d\.\d\$ $/);
    assert.ok((await extensionApi()).walkthroughMilestones().includes('tapeLoaded'));
    opened.terminal.sendText('exit', true);
    await closed;
    assert.match(session.transcript(), /Exiting session with sessionId: /);
  });

  it('from the palette, lists the SSM-managed client of the deployed stack and opens a terminal on it', async () => {
    const clientId = env.clientId;
    let opened: OpenedSessionTerminal | undefined;
    let settled = false;
    const pending = Promise.resolve(vscode.commands.executeCommand<OpenedSessionTerminal | undefined>('tapeGateway.openSessionTerminal')).then((value) => {
      opened = value;
      settled = true;
    });
    // Answer the quick pick of DescribeInstanceInformation's instances (the stack's client is the only one).
    for (let attempt = 0; attempt < 100 && !settled; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await pending;
    assert.ok(opened && opened.client === 'native');
    assert.equal(opened.session.instanceId, clientId);
    const session = opened.session;
    await eventually(() => session.transcript(), /sh-\d\.\d\$ $/);
    opened.terminal.sendText('cat /var/log/tapegw-bootstrap.status', true);
    await eventually(() => session.transcript(), /iscsiadm=present/);
    opened.terminal.dispose();
  });

  it('shows a target that is not connected as a sentence that says what to do', async () => {
    const opened = await vscode.commands.executeCommand<OpenedSessionTerminal | undefined>('tapeGateway.openSessionTerminal', 'i-0aaaaaaaaaaaaaaaa');
    assert.ok(opened && opened.client === 'native');
    await eventually(() => opened.session.transcript(), /Press Enter to start a new session/);
    assert.match(opened.session.transcript(), /i-0aaaaaaaaaaaaaaaa is not connected to Session Manager\. Check that the instance is running/);
    assert.equal(opened.session.state, 'ended');
    opened.terminal.dispose();
  });

  it('runs session-manager-plugin with six arguments and the response in the environment; the watchdog ends a plugin that never connects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-plugin-'));
    try {
      const report = join(dir, 'report.json');
      const plugin = join(dir, 'session-manager-plugin');
      writeFileSync(plugin, [
        `#!${process.execPath}`,
        'const args = process.argv.slice(2);',
        'const response = JSON.parse(process.env[args[0]] || "{}");',
        `require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ args, sessionId: response.SessionId, hasToken: typeof response.TokenValue === 'string', tty: process.stdout.isTTY === true }));`,
        'setInterval(() => undefined, 1000);',
      ].join('\n'));
      chmodSync(plugin, 0o755);
      const settings = vscode.workspace.getConfiguration('tapeGateway.session');
      await settings.update('client', 'plugin', vscode.ConfigurationTarget.Global);
      await settings.update('pluginPath', plugin, vscode.ConfigurationTarget.Global);
      await settings.update('connectTimeoutSeconds', 5, vscode.ConfigurationTarget.Global);
      const opened = await vscode.commands.executeCommand<OpenedSessionTerminal | undefined>('tapeGateway.openSessionTerminal', env.clientId);
      assert.ok(opened && opened.client === 'plugin');
      const closed = new Promise<void>((resolve) => vscode.window.onDidCloseTerminal((t) => t === opened.terminal && resolve()));
      const written = await eventually(() => { try { return readFileSync(report, 'utf8'); } catch { return ''; } }, /\}$/);
      const seen = JSON.parse(written) as { args: string[]; sessionId: string; hasToken: boolean; tty: boolean };
      assert.equal(seen.args.length, 6);
      assert.deepEqual(seen.args.slice(0, 5), ['AWS_SSM_START_SESSION_RESPONSE', env.lab.region, 'StartSession', '', JSON.stringify({ Target: env.clientId })]);
      assert.equal(seen.args[5], env.lab.endpoint);
      assert.ok(seen.hasToken, 'the token came through the environment variable');
      assert.ok(seen.tty, 'the plugin runs under a real pty');
      await closed;
      assert.equal(await sessionStatusBecomes(env.api, seen.sessionId, 'Terminated'), 'Terminated');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains how to install session-manager-plugin when it is not found', async () => {
    await vscode.workspace.getConfiguration('tapeGateway.session').update('client', 'plugin', vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('tapeGateway.session').update('pluginPath', '/nonexistent/session-manager-plugin', vscode.ConfigurationTarget.Global);
    const before = vscode.window.terminals.length;
    const opened = await vscode.commands.executeCommand<OpenedSessionTerminal | undefined>('tapeGateway.openSessionTerminal', env.clientId);
    assert.equal(opened, undefined);
    assert.equal(vscode.window.terminals.length, before, 'no terminal opens');
  });
});
