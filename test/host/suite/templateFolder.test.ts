// Host tests: Deploy Stack on a root template whose child templates are local files (uploaded to the lab's S3 first),
// the Stacks tree showing the child stacks under their root, and CodeLens on a child template.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TapeGatewayApi } from '../../../src/extension/api';
import { EXTENSION_ID, extensionApi, TreeReader } from './treeReader';

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`tapeGateway.${command}`, ...args);

describe('Deploying a template folder with nested stacks', function () {
  this.timeout(60_000);
  let api: TapeGatewayApi;
  let tree: TreeReader;
  const fixture = (...parts: string[]) => vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri ?? vscode.Uri.file('/'), 'test', 'lab', 'stack', 'fixtures', 'nested', ...parts);

  before(async () => {
    api = await extensionApi();
    await vscode.workspace.getConfiguration('tapeGateway.lab').update('timeScale', 0.02, vscode.ConfigurationTarget.Global);
    if (api.connectionState().kind !== 'none') await run('disconnect');
    await run('startLocalLab');
    tree = new TreeReader(api.explorer);
  });
  afterEach(() => api.prompts.restore());
  after(() => run('stopLocalLab'));

  it('uploads the children, deploys the root and lists the child stacks under it; deleting the root removes them', async () => {
    assert.equal(await run('deployStack', { templatePath: fixture('root.yaml').fsPath, stackName: 'folder-stack', parameters: {} }), 'CREATE_COMPLETE');
    const stacks = (await tree.childrenAt('Stacks')).map((node) => node.label);
    assert.ok(stacks.includes('folder-stack'), stacks.join(', '));
    assert.deepEqual(stacks.filter((label) => label.startsWith('folder-stack-')), [], 'child stacks are not listed at the top');
    const nested = await tree.childrenAt('Stacks', 'folder-stack', 'Nested stacks');
    assert.deepEqual(nested.map((node) => node.label.replace(/-[A-Z0-9]{12}$/, '')).sort(), ['folder-stack-Network', 'folder-stack-Security']);
    assert.equal(await run('deleteStack', { stackName: 'folder-stack', confirmed: true }), 'DELETE_COMPLETE');
  });

  it('shows Deploy stack and Validate on a child template', async () => {
    const child = fixture('children', 'network.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(child));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', child, 10)) ?? [];
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(titles.some((title) => title.includes('Deploy stack')), titles.join(' | '));
    assert.ok(titles.some((title) => title.includes('Validate')), titles.join(' | '));
  });
});
