// Host tests: the whole tape gateway lifecycle through the commands against a lab the test starts, prompts answered by the test.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startLab, type RunningLab } from '../../../src/lab';
import type { TapeGatewayApi } from '../../../src/extension/api';
import type { TearDownSummary } from '../../../src/extension/commands/tearDown';
import { eventually, EXTENSION_ID, extensionApi, TreeReader } from './treeReader';

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`tapeGateway.${command}`, ...args);

describe('Tape gateway lifecycle on the lab', function () {
  this.timeout(60_000);
  let api: TapeGatewayApi;
  let tree: TreeReader;
  // The test's own lab: its admin hooks (ejecting a tape as backup software would) are called in-process, never over HTTP.
  let lab: RunningLab;
  let stateDir = '';
  let gatewayArn = '';
  let tapeArns: string[] = [];

  before(async () => {
    api = await extensionApi();
    stateDir = await mkdtemp(join(tmpdir(), 'lifecycle-lab-'));
    lab = await startLab({ port: 0, stateDir, timeScale: 0.02 });
    await vscode.workspace.getConfiguration('tapeGateway.lab').update('endpoint', lab.endpoint, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('tapeGateway.explorer').update('pollIntervalSeconds', 0.2, vscode.ConfigurationTarget.Global);
    if (api.connectionState().kind !== 'none') await run('disconnect');
    await run('startLocalLab');
    const state = api.connectionState();
    assert.ok(state.kind === 'connected' && state.target.kind === 'lab');
    tree = new TreeReader(api.explorer);
  });

  afterEach(() => api.prompts.restore());

  after(async () => {
    await run('disconnect');
    await vscode.workspace.getConfiguration('tapeGateway.lab').update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('tapeGateway.explorer').update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await lab.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('deploys the stack with parameter prompts (bad input refused) and shows it CREATE_COMPLETE with outputs and resources', async () => {
    const script = api.prompts.script(['1bad', 'lab-stack', 'CacheDiskSizeGiB', 'lots', '200', 'GatewayInstanceType', 'm5a.xlarge', 'Deploy with these values']);
    const status = await run<string>('deployStack');
    assert.equal(status, 'CREATE_COMPLETE');
    assert.equal(script.remaining, 0);
    assert.ok(script.transcript.find((r) => r.answer === '1bad')?.problem?.includes('starts with a letter'));
    assert.ok(script.transcript.find((r) => r.answer === 'lots')?.problem?.includes('number'));
    const stack = await tree.path('Stacks', 'lab-stack');
    assert.equal(stack.description, 'CREATE_COMPLETE');
    assert.equal(stack.contextValue, 'stack.create_complete');
    const outputs = await tree.childrenAt('Stacks', 'lab-stack', 'Outputs');
    assert.ok(outputs.some((o) => o.label === 'ActivationUrl' && o.description.startsWith('http://')));
    assert.equal(outputs.find((o) => o.label === 'ClientInstanceId')?.contextValue, 'clientInstance', 'Open Session Terminal is offered on the client instance');
    const resources = await tree.childrenAt('Stacks', 'lab-stack', 'Resources');
    assert.ok(resources.some((r) => r.label === 'GatewayInstance' && r.description.includes('CREATE_COMPLETE')));
    const events = await tree.childrenAt('Stacks', 'lab-stack', 'Recent events');
    assert.ok(events.some((e) => e.label === 'lab-stack CREATE_COMPLETE'));
  });

  it('refuses a second stack of the same name with a sentence, not a crash', async () => {
    const result = await run('deployStack', { stackName: 'lab-stack', parameters: {} });
    assert.equal(result, undefined);
  });

  it('activates the gateway instance the stack created (found through its outputs), then deletes it after confirmation', async () => {
    const script = api.prompts.script(['stack-gateway', 'GMT', 'STK-L700']);
    const arn = await run<string>('activateGateway', { stackName: 'lab-stack' });
    assert.match(arn ?? '', /:gateway\/sgw-[0-9A-F]{8}$/);
    assert.equal(script.remaining, 0);
    const node = await tree.path('Gateways', 'stack-gateway');
    assert.equal(node.contextValue, 'gateway.running');
    api.prompts.script(['stack-gateway', 'no']);
    assert.equal(await run('deleteGateway'), undefined);
    api.prompts.script(['stack-gateway', 'yes']);
    assert.equal(await run('deleteGateway'), arn);
    assert.ok(!(await tree.childrenAt('Gateways')).some((g) => g.label === 'stack-gateway'));
  });

  it('activates the gateway of a second stack (key fetched by curl on its client, as on AWS), after refusing a bad name and time zone', async () => {
    const parameters = { CacheDiskSizeGiB: '100', UploadBufferDiskSizeGiB: '200', ClientOperatingSystem: 'AL2' };
    assert.equal(await run('deployStack', { stackName: 'lab-stack-2', parameters }), 'CREATE_COMPLETE');
    const script = api.prompts.script(['x', 'a/b', 'lab-gateway', 'Other…', 'PST', 'GMT-8:00', 'AWS-Gateway-VTL']);
    gatewayArn = (await run<string>('activateGateway', { stackName: 'lab-stack-2' })) ?? '';
    assert.match(gatewayArn, /^arn:aws:storagegateway:us-east-1:\d{12}:gateway\/sgw-[0-9A-F]{8}$/);
    assert.deepEqual(script.transcript.filter((r) => r.problem).map((r) => r.answer), ['x', 'a/b', 'PST']);
    const gateway = await tree.path('Gateways', 'lab-gateway');
    assert.match(gateway.description, /^RUNNING · VTL · 10\.\d+\.\d+\.\d+$/);
    assert.equal(gateway.contextValue, 'gateway.running');
    assert.deepEqual((await tree.children(gateway.node)).map((c) => c.label), ['Disks', 'Drives', 'Library', 'Tapes', 'Archive']);
    const drives = await tree.childrenAt('Gateways', 'lab-gateway', 'Drives');
    assert.equal(drives.length, 10);
    assert.ok(drives.every((d) => d.description === 'empty'));
  });

  it('configures disks from ListLocalDisks, warning about a disk below the minimum', async () => {
    const before = await tree.childrenAt('Gateways', 'lab-gateway', 'Disks');
    assert.deepEqual(before.map((d) => `${d.label} ${d.description}`), ['/dev/nvme1n1 not allocated · 100 GiB', '/dev/nvme2n1 not allocated · 200 GiB']);
    const refused = api.prompts.script([['/dev/nvme1n1'], ['/dev/nvme2n1'], 'no']);
    assert.equal(await run('configureDisks', { gatewayArn }), undefined);
    assert.equal(refused.remaining, 0, 'the small cache disk asked for a confirmation');
    api.prompts.script([['/dev/nvme1n1'], ['/dev/nvme2n1'], 'yes']);
    const result = await run<{ cache: string[]; uploadBuffer: string[] }>('configureDisks', { gatewayArn });
    assert.deepEqual(result, { cache: ['/dev/nvme1n1'], uploadBuffer: ['/dev/nvme2n1'] });
    const after = await tree.childrenAt('Gateways', 'lab-gateway', 'Disks');
    assert.deepEqual(after.map((d) => d.description), ['cache · 100 GiB', 'upload buffer · 200 GiB']);
  });

  it('creates tapes after refusing bad counts, prefixes and sizes, and validates arguments before any call', async () => {
    const script = api.prompts.script(['Generated barcodes', '0', '11', '3', 'te', 'TEST1', 'TST', '99', '100.5', 'abc', '100', 'GLACIER', 'Normal tapes']);
    tapeArns = (await run<string[]>('createTapes', { gatewayArn })) ?? [];
    assert.equal(tapeArns.length, 3);
    assert.deepEqual(script.transcript.filter((r) => r.problem).map((r) => r.answer), ['0', '11', 'te', 'TEST1', '99', '100.5', 'abc']);
    assert.equal(await run('createTapes', { gatewayArn, barcode: 'bad!', sizeGiB: 100, poolId: 'GLACIER', worm: false }), undefined);
    assert.equal(await run('createTapes', { gatewayArn, barcode: 'LABWORM01', sizeGiB: 50, poolId: 'GLACIER', worm: false }), undefined);
    const explicit = api.prompts.script(['One tape with a barcode I choose', 'ab', 'LABWORM01', '200', 'DEEP_ARCHIVE', 'WORM tapes']);
    const worm = (await run<string[]>('createTapes', { gatewayArn })) ?? [];
    assert.equal(explicit.transcript.filter((r) => r.problem).length, 1);
    assert.equal(worm.length, 1);
    tapeArns.push(...worm);
    const tapes = await eventually('four AVAILABLE tapes', async () => {
      const shown = await tree.childrenAt('Gateways', 'lab-gateway', 'Tapes');
      return shown.length === 4 && shown.every((t) => t.contextValue === 'tape.available') ? shown : undefined;
    });
    const wormTape = tapes.find((t) => t.label === 'LABWORM01');
    assert.equal(wormTape?.description, 'AVAILABLE · 0 B of 200 GiB · DEEP_ARCHIVE · WORM');
  });

  it('pages the Tapes node with a "Load more…" node', async () => {
    await vscode.workspace.getConfiguration('tapeGateway.explorer').update('tapePageSize', 3, vscode.ConfigurationTarget.Global);
    try {
      await run('refreshExplorer');
      const tapesNode = await tree.path('Gateways', 'lab-gateway', 'Tapes');
      const first = await tree.children(tapesNode.node);
      assert.deepEqual(first.map((t) => t.contextValue), ['tape.available', 'tape.available', 'tape.available', 'loadMore']);
      await run('loadMoreTapes', first[3]?.node);
      const all = await tree.children(tapesNode.node);
      assert.equal(all.length, 4);
      assert.ok(all.every((t) => t.contextValue === 'tape.available'));
    } finally {
      await vscode.workspace.getConfiguration('tapeGateway.explorer').update('tapePageSize', undefined, vscode.ConfigurationTarget.Global);
      await run('refreshExplorer');
    }
  });

  it('before Connect Library, says where slot numbers come from; after it, shows new tapes in the first import/export slots, empty ranges collapsed', async () => {
    const unknown = await tree.childrenAt('Gateways', 'lab-gateway', 'Library');
    assert.match(unknown.at(-1)?.label ?? '', /^4 tape\(s\) in slots\. mtx status failed on i-[0-9a-f]+ .*run Connect Library/);
    const clientInstanceId = (await tree.childrenAt('Stacks', 'lab-stack-2', 'Outputs')).find((o) => o.label === 'ClientInstanceId')?.description;
    assert.deepEqual((await run<{ drives: number[] }>('connectLibrary', { gatewayArn, clientInstanceId, drives: [0] }))?.drives, [0]);
    const groups = await tree.childrenAt('Gateways', 'lab-gateway', 'Library');
    assert.deepEqual(groups.map((g) => `${g.label}: ${g.description}`), ['Import/export slots 1601–3200: 4 full, 1596 empty', 'Storage slots 1–1600: 0 full, 1600 empty']);
    const ie = await tree.children(groups[0]?.node);
    assert.deepEqual(ie.map((s) => s.label), ['Slot 1601', 'Slot 1602', 'Slot 1603', 'Slot 1604', 'Slots 1605–3200']);
    const barcodes = ie.slice(0, 4).map((s) => s.description).sort();
    assert.deepEqual(barcodes, tapeArns.map((a) => a.split('/').pop()).sort());
    assert.deepEqual((await tree.children(groups[1]?.node)).map((s) => s.label), ['Slots 1–1600']);
  });

  it('archives a tape moved to an import/export slot (lab changer) and shows it in the Archive', async () => {
    const barcode = tapeArns[0]?.split('/').pop() ?? '';
    assert.equal(await run('cancelArchival', { gatewayArn, tapeArn: tapeArns[0] }), undefined, 'an AVAILABLE tape has no archival to cancel');
    lab.admin.ejectTape(barcode);
    const archived = await eventually('the tape ARCHIVED', async () => (await tree.childrenAt('Gateways', 'lab-gateway', 'Archive')).find((t) => t.label === barcode && t.contextValue === 'archivedTape.archived'));
    assert.match(archived.description, /^ARCHIVED · 0 B of 100 GiB · GLACIER$/);
    const tapes = await tree.childrenAt('Gateways', 'lab-gateway', 'Tapes');
    assert.ok(!tapes.some((t) => t.label === barcode), 'an archived tape leaves the library');
  });

  it('retrieves the archived tape to the gateway, read-only', async () => {
    const barcode = tapeArns[0]?.split('/').pop() ?? '';
    api.prompts.script([barcode, 'lab-gateway']);
    assert.equal(await run('retrieveTape'), tapeArns[0]);
    await eventually('the tape RETRIEVED in the library', async () => (await tree.childrenAt('Gateways', 'lab-gateway', 'Tapes')).find((t) => t.label === barcode && t.contextValue === 'tape.retrieved'));
    assert.equal(await run('deleteTape', { gatewayArn, tapeArn: tapeArns[0], confirmed: true }), undefined, 'a retrieved copy cannot be deleted');
  });

  it('shuts the gateway down and starts it again', async () => {
    assert.equal(await run('shutdownGateway', { gatewayArn }), gatewayArn);
    const down = await tree.path('Gateways', 'lab-gateway');
    assert.equal(down.contextValue, 'gateway.shutdown');
    assert.match((await tree.children(down.node))[0]?.label ?? '', /shut down/);
    assert.equal(await run('startGateway', { gatewayArn }), gatewayArn);
    assert.equal((await tree.path('Gateways', 'lab-gateway')).contextValue, 'gateway.running');
  });

  it('deletes a tape only after confirmation', async () => {
    const barcode = tapeArns[1]?.split('/').pop() ?? '';
    api.prompts.script([barcode, 'no']);
    assert.equal(await run('deleteTape', { gatewayArn }), undefined);
    api.prompts.script([barcode, 'yes']);
    assert.equal(await run('deleteTape', { gatewayArn }), tapeArns[1]);
    await eventually('the tape gone', async () => ((await tree.childrenAt('Gateways', 'lab-gateway', 'Tapes')).some((t) => t.label === barcode) ? undefined : true));
  });

  it('creates and deletes a tape pool, refusing bad names and retention periods', async () => {
    const script = api.prompts.script(['', 'bad/name', 'locked', 'GLACIER', 'GOVERNANCE', 'x', '-1', '30']);
    const poolArn = await run<string>('createTapePool');
    assert.match(poolArn ?? '', /:tapepool\/pool-[0-9A-F]{8}$/i);
    assert.deepEqual(script.transcript.filter((r) => r.problem).map((r) => r.answer), ['', 'bad/name', 'x', '-1']);
    const pools = await tree.childrenAt('Tape Pools');
    assert.ok(pools.some((p) => p.label === 'locked' && p.description.includes('GOVERNANCE lock 30 days')));
    api.prompts.script(['locked', 'yes']);
    assert.equal(await run('deleteTapePool'), poolArn);
    assert.ok(!(await tree.childrenAt('Tape Pools')).some((p) => p.label === 'locked'));
  });

  it('deletes an archived tape, and explains a governance retention lock before offering the bypass', async () => {
    const poolArn = (await run<string>('createTapePool', { name: 'keep30', storageClass: 'GLACIER', retentionLockType: 'GOVERNANCE', retentionDays: 30 })) ?? '';
    const [lockedArn = ''] = (await run<string[]>('createTapes', { gatewayArn, barcode: 'LOCKED01', sizeGiB: 100, poolId: poolArn.split('/').pop(), worm: false })) ?? [];
    await eventually('LOCKED01 AVAILABLE', async () => (await tree.childrenAt('Gateways', 'lab-gateway', 'Tapes')).find((t) => t.label === 'LOCKED01' && t.contextValue === 'tape.available'));
    const plain = tapeArns[2]?.split('/').pop() ?? '';
    for (const barcode of ['LOCKED01', plain]) lab.admin.ejectTape(barcode);
    await eventually('both ARCHIVED', async () => {
      const archive = await tree.childrenAt('Gateways', 'lab-gateway', 'Archive');
      return ['LOCKED01', plain].every((b) => archive.some((t) => t.label === b && t.contextValue === 'archivedTape.archived')) ? true : undefined;
    });
    api.prompts.script([plain, 'yes']);
    assert.equal(await run('deleteArchivedTape'), tapeArns[2]);
    const locked = api.prompts.script(['yes', 'no']);
    assert.equal(await run('deleteArchivedTape', { tapeArn: lockedArn }), undefined);
    assert.deepEqual(locked.transcript.map((r) => r.title), ['Delete archived tape LOCKED01?', 'Bypass the governance retention lock?']);
    const archive = await tree.childrenAt('Gateways', 'lab-gateway', 'Archive');
    assert.ok(archive.some((t) => t.label === 'LOCKED01') && !archive.some((t) => t.label === plain));
  });

  it('tears down tapes, gateway, archive and stack in order', async () => {
    // The gateway on the stack's instance is torn down with it, without asking.
    const script = api.prompts.script(['lab-stack-2', 'Delete archived tapes too', 'yes']);
    const summary = await run<TearDownSummary>('tearDown');
    assert.equal(script.remaining, 0);
    assert.ok(summary);
    assert.deepEqual(summary.gateways, [gatewayArn]);
    assert.deepEqual(summary.tapesDeleted, [tapeArns[3]?.split('/').pop()]);
    assert.deepEqual(summary.archivedTapesDeleted, [], 'the locked archived tape is kept');
    assert.equal(summary.stackStatus, 'DELETE_COMPLETE');
    assert.equal(await run('deleteStack', { stackName: 'lab-stack', confirmed: true }), 'DELETE_COMPLETE');
    assert.match((await tree.childrenAt('Gateways'))[0]?.label ?? '', /No gateways yet/);
    assert.match((await tree.childrenAt('Stacks'))[0]?.label ?? '', /No stacks yet/);
  });

  it('deploys from the template CodeLens hand-off (a document URI), then deletes that stack', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const template = vscode.Uri.joinPath(extension.extensionUri, 'templates', 'tape-gateway.yaml');
    api.prompts.script(['codelens-stack', 'Deploy with these values']);
    assert.equal(await vscode.commands.executeCommand('tapeGateway.deployStackFromTemplate', template), 'CREATE_COMPLETE');
    assert.equal(await run('deleteStack', { stackName: 'codelens-stack', confirmed: true }), 'DELETE_COMPLETE');
  });

  it('every command ends quietly when a prompt is dismissed with Escape', async () => {
    for (const command of ['deployStack', 'createTapePool', 'activateGateway']) {
      api.prompts.script([undefined]);
      assert.equal(await run(command), undefined, command);
    }
  });
});
