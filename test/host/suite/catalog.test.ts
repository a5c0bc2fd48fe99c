// Host tests of the catalog and the gateway's health: write, find, archive, restore from the archive with checksums, CSV
// export, the dashboard webview and settings commands, on the in-process lab.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteGatewayCommand, DeleteTapeArchiveCommand, DescribeBandwidthRateLimitCommand, DescribeTapeArchivesCommand } from '@aws-sdk/client-storage-gateway';
import * as vscode from 'vscode';
import type { TapeGatewayApi } from '../../../src/extension/api';
import { deployTapeGateway, sendCommand, waitFor, type DeployedGateway } from '../../lab/workflows/deployTapeGateway';

const EXTENSION_ID = 'tape-gateway-lab.tape-gateway-vscode';

async function api(): Promise<TapeGatewayApi> {
  const extension = vscode.extensions.getExtension<TapeGatewayApi>(EXTENSION_ID);
  assert.ok(extension);
  return extension.isActive ? extension.exports : extension.activate();
}

/** The next suites start from an empty lab: no gateway, no archived tape, no stack. */
async function removeEverything({ gatewayArn, sg, cfn }: DeployedGateway): Promise<void> {
  await vscode.commands.executeCommand('tapeGateway.disconnectLibrary', { gatewayArn });
  await sg.send(new DeleteGatewayCommand({ GatewayARN: gatewayArn }));
  for (const archive of (await sg.send(new DescribeTapeArchivesCommand({}))).TapeArchives ?? []) await sg.send(new DeleteTapeArchiveCommand({ TapeARN: archive.TapeARN }));
  await cfn.send(new DeleteStackCommand({ StackName: 'tapegw' }));
  await waitFor('the stack to be deleted', async () => {
    const stack = await cfn.send(new DescribeStacksCommand({ StackName: 'tapegw' })).then((out) => out.Stacks?.[0], () => undefined);
    return stack === undefined || stack.StackStatus === 'DELETE_COMPLETE' ? true : undefined;
  }, 60_000);
}

interface FoundAndRestored {
  hits: { barcode: string; archive: number; member: { path: string } }[];
  restored?: { retrieved: boolean; files: { path: string; outcome: string }[] };
}

describe('Tape catalog, restore and gateway health', function () {
  this.timeout(240_000);
  let deployed: DeployedGateway | undefined;
  const labSettings = () => vscode.workspace.getConfiguration('tapeGateway.lab');

  after(async () => {
    (await api()).prompts.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (deployed) await removeEverything(deployed);
    deployed?.destroy();
    await vscode.commands.executeCommand('tapeGateway.stopLocalLab');
    await labSettings().update('timeScale', undefined, vscode.ConfigurationTarget.Global);
    await labSettings().update('region', undefined, vscode.ConfigurationTarget.Global);
  });

  it('writes with checksums, finds by glob, archives the tape, restores from the archive and verifies SHA-256', async () => {
    const exports = await api();
    await labSettings().update('timeScale', 0.001, vscode.ConfigurationTarget.Global);
    // A region of its own: the lab remembers CreateTapes client tokens per region, and later suites deploy the same stack.
    await labSettings().update('region', 'us-west-2', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('tapeGateway.startLocalLab');
    const state = exports.connectionState();
    assert.ok(state.kind === 'connected' && state.target.kind === 'lab');
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    const template = await readFile(join(extensionPath, 'templates', 'tape-gateway.yaml'), 'utf8');
    deployed = await deployTapeGateway({ endpoint: state.target.endpoint, region: state.target.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }, 'AL2', template);
    const { gatewayArn, clientInstanceId, barcode, ssm, sg } = deployed;
    await vscode.commands.executeCommand('tapeGateway.connectLibrary', { gatewayArn, clientInstanceId, drives: [0, 1] });
    await vscode.commands.executeCommand('tapeGateway.loadTape', { gatewayArn, barcode, drive: 0 });
    const made = await sendCommand(ssm, clientInstanceId, 'mkdir -p /home/ssm-user/docs && echo "alpha" > /home/ssm-user/docs/alpha.txt && echo "beta" > /home/ssm-user/docs/beta.log');
    assert.equal(made.code, 0);
    const first = await vscode.commands.executeCommand<{ archive: number }>('tapeGateway.writeFilesToTape', { gatewayArn, drive: 0, paths: ['/home/ssm-user/docs'] });
    assert.equal(first?.archive, 0);

    // Find without restoring: the pick is dismissed.
    exports.prompts.script([undefined]);
    const found = await vscode.commands.executeCommand<FoundAndRestored>('tapeGateway.findOnTape', { query: 'docs/*.txt' });
    assert.deepEqual(found?.hits.map((hit) => [hit.barcode, hit.archive, hit.member.path]), [[barcode, 0, 'home/ssm-user/docs/alpha.txt']]);

    await vscode.commands.executeCommand('tapeGateway.unloadTape', { gatewayArn, drive: 0 });
    const slot = (await vscode.commands.executeCommand<{ model?: { slots: { slot: number; tape: { barcode: string } }[] } }>('tapeGateway.showLibrary', { gatewayArn }))?.model?.slots.find((s) => s.tape.barcode === barcode)?.slot;
    await vscode.commands.executeCommand('tapeGateway.moveTape', { gatewayArn, slot, toSlot: 1601, confirmed: true });
    await waitFor('the tape to be archived', async () => {
      const archives = (await sg.send(new DescribeTapeArchivesCommand({}))).TapeArchives ?? [];
      return archives.some((archive) => archive.TapeBarcode === barcode && archive.TapeStatus === 'ARCHIVED') ? true : undefined;
    });

    const script = exports.prompts.script([['home/ssm-user/docs/alpha.txt', 'home/ssm-user/docs/beta.log'], '/home/ssm-user/restored', 'yes']);
    const restored = await vscode.commands.executeCommand<FoundAndRestored>('tapeGateway.findOnTape', { query: '/home/ssm-user/docs/' });
    assert.equal(script.remaining, 0, JSON.stringify(script.transcript));
    assert.equal(restored?.restored?.retrieved, true);
    assert.deepEqual(restored?.restored?.files.map((file) => [file.path, file.outcome]).sort(), [['home/ssm-user/docs/alpha.txt', 'verified'], ['home/ssm-user/docs/beta.log', 'verified']]);
    const content = await sendCommand(ssm, clientInstanceId, 'cat /home/ssm-user/restored/home/ssm-user/docs/alpha.txt');
    assert.equal(content.stdout, 'alpha\n');

    const csvPath = join(await mkdtemp(join(tmpdir(), 'catalog-csv-')), 'catalog.csv');
    const exported = await vscode.commands.executeCommand<{ rows: number }>('tapeGateway.exportCatalog', { path: csvPath });
    assert.equal(exported?.rows, 3, 'the folder and its two files');
    const csv = await readFile(csvPath, 'utf8');
    assert.match(csv, new RegExp(`^gateway_arn,barcode,archive,`));
    assert.match(csv, new RegExp(`,${barcode},0,65536,.*,home/ssm-user/docs/alpha\\.txt,file,6,.*,[0-9a-f]{64}\\r\\n`));
  });

  it('the dashboard opens in a tab and receives the gateway metrics the lab publishes', async () => {
    assert.ok(deployed);
    const shown = await vscode.commands.executeCommand<{ message: { type: string; data?: { series: { name: string; points: [number, number][] }[] } } }>('tapeGateway.showGatewayDashboard', { gatewayArn: deployed.gatewayArn });
    assert.equal(shown?.message.type, 'metrics', JSON.stringify(shown?.message));
    const written = shown?.message.data?.series.find((series) => series.name === 'WriteBytes')?.points ?? [];
    assert.ok(written.reduce((sum, [, bytes]) => sum + bytes, 0) > 0, 'the tar write shows up as WriteBytes');
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    assert.ok(tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Dashboard: workflow-gw'));
  });

  it('settings commands validate what is typed and set it on the gateway', async () => {
    assert.ok(deployed);
    const exports = await api();
    const script = exports.prompts.script(['1000', '10 Mbit/s', 'none']);
    const set = await vscode.commands.executeCommand<{ upload?: number; download?: number }>('tapeGateway.setBandwidthLimits', { gatewayArn: deployed.gatewayArn });
    assert.equal(script.transcript[0]?.problem?.includes('51,200'), true, 'below the AWS minimum is refused');
    assert.deepEqual(set, { gatewayArn: deployed.gatewayArn, upload: 10_000_000, download: undefined });
    const described = await deployed.sg.send(new DescribeBandwidthRateLimitCommand({ GatewayARN: deployed.gatewayArn }));
    assert.equal(described.AverageUploadRateLimitInBitsPerSec, 10_000_000);
    exports.prompts.script(['Sun 03:30']);
    const window = await vscode.commands.executeCommand<{ window: unknown }>('tapeGateway.setMaintenanceWindow', { gatewayArn: deployed.gatewayArn });
    assert.deepEqual(window?.window, { hour: 3, minute: 30, dayOfWeek: 0 });
  });
});
