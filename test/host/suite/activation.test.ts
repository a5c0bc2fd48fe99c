// Host tests: the extension activates in a real VS Code, its commands, view, log and lab connection work.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TapeGatewayApi } from '../../../src/extension/api';

const EXTENSION_ID = 'tape-gateway-lab.tape-gateway-vscode';

async function api(): Promise<TapeGatewayApi> {
  const extension = vscode.extensions.getExtension<TapeGatewayApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

describe('Tape Gateway extension', () => {
  it('activates and returns its API', async () => {
    const exports = await api();
    assert.equal(typeof exports.connectionState, 'function');
  });

  it('registers exactly the commands package.json contributes', async () => {
    await api();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = ((extension?.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands).map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('tapeGateway.') && !c.startsWith('tapeGateway.explorer.') && !c.startsWith('tapeGateway.catalog.')).sort(); // VS Code adds the views' own tapeGateway.explorer.* and tapeGateway.catalog.* commands
    assert.deepEqual(registered, contributed);
  });

  it('activates on the view and its commands only', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const events = (extension?.packageJSON as { activationEvents: string[] }).activationEvents;
    assert.ok(!events.includes('*'));
    assert.ok(events.includes('onView:tapeGateway.explorer'));
  });

  it('contributes the Tape Gateway view, which can be focused', async () => {
    await vscode.commands.executeCommand('tapeGateway.explorer.focus');
    const exports = await api();
    assert.ok(exports.explorer);
  });

  it('has a "Tape Gateway" log output channel', async () => {
    await vscode.commands.executeCommand('tapeGateway.showLog');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
  });

  it('starts with an empty tree, so the welcome content shows', async () => {
    const exports = await api();
    if (exports.connectionState().kind !== 'none') await vscode.commands.executeCommand('tapeGateway.disconnect');
    const roots = await exports.explorer.getChildren?.();
    assert.deepEqual(roots, []);
    assert.match(exports.statusBarText(), /not connected/);
  });

  it('Start local lab starts the lab on a free loopback port and shows it in the status bar', async () => {
    const exports = await api();
    await vscode.commands.executeCommand('tapeGateway.startLocalLab');
    const state = exports.connectionState();
    assert.equal(state.kind, 'connected');
    assert.ok(state.kind === 'connected' && state.target.kind === 'lab');
    const endpoint = state.kind === 'connected' && state.target.kind === 'lab' ? state.target.endpoint : '';
    assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(endpoint, 'http://127.0.0.1:0');
    assert.match(exports.statusBarText(), /Tape Gateway: Lab/);
    const roots = (await exports.explorer.getChildren?.()) ?? [];
    assert.deepEqual(roots.map((r) => r.id), ['stacks', 'gateways', 'pools']);
  });

  it('the lab answers signed AWS requests from the extension', async () => {
    const exports = await api();
    const state = exports.connectionState();
    assert.equal(state.kind, 'connected');
    const roots = (await exports.explorer.getChildren?.()) ?? [];
    const gateways = roots.find((r) => r.id === 'gateways');
    assert.ok(gateways);
    const children = (await exports.explorer.getChildren?.(gateways)) ?? [];
    assert.ok(children.length > 0, 'the Gateways folder shows gateways, "none yet", or an error node');
  });

  it('Stop local lab disconnects and the tree empties again', async () => {
    const exports = await api();
    await vscode.commands.executeCommand('tapeGateway.stopLocalLab');
    assert.equal(exports.connectionState().kind, 'none');
    assert.deepEqual(await exports.explorer.getChildren?.(), []);
  });
});
