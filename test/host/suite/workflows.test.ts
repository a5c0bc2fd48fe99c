// Host tests of the tape workflows: commands registered, the reference workflow through the commands on the in-process lab, the library view.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeTapeArchivesCommand } from '@aws-sdk/client-storage-gateway';
import * as vscode from 'vscode';
import type { TapeGatewayApi } from '../../../src/extension/api';
import { AwsClients } from '../../../src/aws/AwsClients';
import { SsmApi } from '../../../src/aws/SsmApi';
import { parseSha256, sha256Line } from '../../../src/tape/workflowSteps';
import { deployTapeGateway, waitFor, type DeployedGateway } from '../../lab/workflows/deployTapeGateway';

const EXTENSION_ID = 'tape-gateway-lab.tape-gateway-vscode';
const WORKFLOW_COMMANDS = ['connectLibrary', 'disconnectLibrary', 'loadTape', 'unloadTape', 'moveTape', 'writeFilesToTape', 'listTapeContents', 'readFilesFromTape', 'showLibrary'].map((name) => `tapeGateway.${name}`);

async function api(): Promise<TapeGatewayApi> {
  const extension = vscode.extensions.getExtension<TapeGatewayApi>(EXTENSION_ID);
  assert.ok(extension);
  return extension.isActive ? extension.exports : extension.activate();
}

describe('Tape workflows', function () {
  this.timeout(180_000);
  let deployed: DeployedGateway | undefined;
  const labSettings = () => vscode.workspace.getConfiguration('tapeGateway.lab');

  after(async () => {
    deployed?.destroy();
    await vscode.commands.executeCommand('tapeGateway.stopLocalLab');
    await labSettings().update('timeScale', undefined, vscode.ConfigurationTarget.Global);
  });

  it('registers every workflow command and the library view command', async () => {
    await api();
    const registered = await vscode.commands.getCommands(true);
    for (const id of WORKFLOW_COMMANDS) assert.ok(registered.includes(id), `${id} is registered`);
  });

  it('a workflow without a connection ends with a message, not an exception', async () => {
    const exports = await api();
    if (exports.connectionState().kind !== 'none') await vscode.commands.executeCommand('tapeGateway.disconnect');
    assert.equal(await vscode.commands.executeCommand('tapeGateway.loadTape', { slot: 1601, drive: 0 }), undefined);
  });

  it('runs the reference workflow through the commands on the lab and shows the library', async () => {
    const exports = await api();
    await labSettings().update('timeScale', 0.001, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('tapeGateway.startLocalLab');
    const state = exports.connectionState();
    assert.ok(state.kind === 'connected' && state.target.kind === 'lab');
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    const template = await readFile(join(extensionPath, 'templates', 'tape-gateway.yaml'), 'utf8');
    deployed = await deployTapeGateway({ endpoint: state.target.endpoint, region: state.target.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }, 'AL2', template);
    const { gatewayArn, clientInstanceId, barcode, sg } = deployed;
    const runCommand = new SsmApi(new AwsClients(state.target));

    const connected = await vscode.commands.executeCommand<{ drives: number[]; changer: string }>('tapeGateway.connectLibrary', { gatewayArn, clientInstanceId, drives: [0] });
    assert.deepEqual(connected?.drives, [0]);
    assert.match(connected?.changer ?? '', /^\/dev\/tape\/by-path\/ip-.*-mediachanger-lun-0-changer$/);
    assert.ok(vscode.window.terminals.some((terminal) => terminal.name === `Tape Gateway: ${clientInstanceId}`), 'the session terminal is open');
    assert.equal(exports.sessionTerminals().filter((session) => session.instanceId === clientInstanceId).length, 1, 'the workflows share the one terminal of the instance');

    const library = await vscode.commands.executeCommand<{ model?: { slots: { slot: number; tape: { barcode: string; status: string } }[] } }>('tapeGateway.showLibrary', { gatewayArn });
    assert.deepEqual(library?.model?.slots.map((slot) => [slot.slot, slot.tape.barcode, slot.tape.status]), [[1601, barcode, 'AVAILABLE']]);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    assert.ok(tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Library: workflow-gw'), 'the library view is open in an editor tab');

    assert.deepEqual(await vscode.commands.executeCommand('tapeGateway.loadTape', { gatewayArn, barcode, drive: 0 }), { slot: 1601, drive: 0 });
    const text = 'hogehoge\n';
    const made = await runCommand.runShellScript(clientInstanceId, ["echo 'hogehoge' > /home/ssm-user/test.txt"]);
    assert.equal(made.exitCode, 0);
    const written = await vscode.commands.executeCommand<{ archive: number }>('tapeGateway.writeFilesToTape', { gatewayArn, drive: 0, paths: ['/home/ssm-user/test.txt'] });
    assert.equal(written?.archive, 0);
    const listed = await vscode.commands.executeCommand<{ archives: { archive: number; names: string[] }[] }>('tapeGateway.listTapeContents', { gatewayArn, drive: 0 });
    assert.deepEqual(listed?.archives, [{ archive: 0, names: ['home/ssm-user/test.txt'] }]);
    const read = await vscode.commands.executeCommand<{ names: string[] }>('tapeGateway.readFilesFromTape', { gatewayArn, drive: 0, archive: 0, directory: '/home/ssm-user/restore' });
    assert.deepEqual(read?.names, ['home/ssm-user/test.txt']);
    const hash = await runCommand.runShellScript(clientInstanceId, [sha256Line('/home/ssm-user/restore/home/ssm-user/test.txt')]);
    const { createHash } = await import('node:crypto');
    assert.equal(parseSha256(hash.stdout), createHash('sha256').update(text).digest('hex'));

    const unloaded = await vscode.commands.executeCommand<{ slot?: number }>('tapeGateway.unloadTape', { gatewayArn, drive: 0 });
    assert.equal(unloaded?.slot, 1);
    const moved = await vscode.commands.executeCommand<{ archives: boolean }>('tapeGateway.moveTape', { gatewayArn, slot: 1, toSlot: 1601, confirmed: true });
    assert.equal(moved?.archives, true);
    await waitFor('the tape to be archived', async () => {
      const archives = (await sg.send(new DescribeTapeArchivesCommand({}))).TapeArchives ?? [];
      return archives.some((archive) => archive.TapeBarcode === barcode && archive.TapeStatus === 'ARCHIVED') ? true : undefined;
    });
    const after = await vscode.commands.executeCommand<{ model?: { slots: unknown[]; elsewhere: { barcode: string }[] } }>('tapeGateway.showLibrary', { gatewayArn });
    assert.deepEqual(after?.model?.slots, []);
    await vscode.commands.executeCommand('tapeGateway.disconnectLibrary', { gatewayArn });
  });
});
