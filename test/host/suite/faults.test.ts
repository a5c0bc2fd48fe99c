// Host tests of faults: the terminal closed while a workflow command waits, the data channel's socket dropped, the lab process killed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { DeleteGatewayCommand } from '@aws-sdk/client-storage-gateway';
import * as vscode from 'vscode';
import type { TapeGatewayApi } from '../../../src/extension/api';
import type { OpenedSessionTerminal } from '../../../src/extension/shell/SessionTerminals';
import { deployTapeGateway, type DeployedGateway } from '../../lab/workflows/deployTapeGateway';
import { dropSocketsTo } from './dropSockets';
import { eventually, EXTENSION_ID, extensionApi, TreeReader } from './treeReader';

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`tapeGateway.${command}`, ...args);
const labSettings = () => vscode.workspace.getConfiguration('tapeGateway.lab');

describe('Faults leave the extension usable', function () {
  this.timeout(120_000);
  let api: TapeGatewayApi;
  let deployed: DeployedGateway | undefined;
  let endpoint = '';

  before(async () => {
    api = await extensionApi();
    if (api.connectionState().kind !== 'none') await run('disconnect');
    await labSettings().update('timeScale', 0.001, vscode.ConfigurationTarget.Global);
    await run('startLocalLab');
    const state = api.connectionState();
    assert.ok(state.kind === 'connected' && state.target.kind === 'lab' && state.labOwned, 'Start Local Lab started its own lab process');
    endpoint = state.target.endpoint;
    const template = await readFile(join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'templates', 'tape-gateway.yaml'), 'utf8');
    // Its own stack name: the lab Start Local Lab runs keeps its state for the suites after this one.
    deployed = await deployTapeGateway({ endpoint, region: state.target.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }, 'AL2', template, 'faults');
  });

  after(async () => {
    if (deployed && api.connectionState().kind === 'connected') {
      await deployed.sg.send(new DeleteGatewayCommand({ GatewayARN: deployed.gatewayArn }));
      await deployed.cfn.send(new DeleteStackCommand({ StackName: 'faults' }));
    }
    deployed?.destroy();
    await run('stopLocalLab');
    await labSettings().update('timeScale', undefined, vscode.ConfigurationTarget.Global);
  });

  it('closing the client terminal while a workflow command waits ends that command at once; the next one opens a new terminal', async () => {
    assert.ok(deployed);
    const { gatewayArn, clientInstanceId } = deployed;
    const opened = await run<OpenedSessionTerminal | undefined>('openSessionTerminal', clientInstanceId);
    assert.ok(opened?.client === 'native');
    await eventually('the prompt', async () => (/\$ $/.test(opened.session.transcript()) ? true : undefined));
    // The moment the workflow's first line shows in the user's terminal, the user closes it (VS Code then calls the pty's close()).
    // The shell echoes a typed line in pieces, so the whole transcript is read at each write.
    const typed = opened.session.onDidWrite(() => {
      if (!opened.session.transcript().includes('tapegw-bootstrap.status')) return;
      typed.dispose();
      opened.session.close();
      opened.terminal.dispose();
    });
    const connecting = run<{ drives: number[] } | undefined>('connectLibrary', { gatewayArn, clientInstanceId, drives: [0] });
    assert.equal(api.sessionTerminals().filter((s) => s.instanceId === clientInstanceId).length, 1, 'the workflow uses the terminal already open on the instance');
    assert.equal(await connecting, undefined, 'the command ended with a message instead of waiting for a marker that cannot come');
    assert.match(opened.session.transcript(), /tapegw-bootstrap\.status/, 'the workflow typed into the user\'s terminal');
    assert.deepEqual((await run<{ drives: number[] }>('connectLibrary', { gatewayArn, clientInstanceId, drives: [0] }))?.drives, [0]);
    assert.equal(api.sessionTerminals().filter((s) => s.instanceId === clientInstanceId && s.state === 'open').length, 1);
  });

  it('a data channel dropped by the network resumes the session, and workflows carry on in it', async () => {
    assert.ok(deployed);
    const { gatewayArn, clientInstanceId, barcode } = deployed;
    const session = api.sessionTerminals().find((s) => s.instanceId === clientInstanceId);
    assert.ok(session, 'the terminal Connect Library opened');
    const sessionId = session.sessionId;
    const dropped = dropSocketsTo(Number(new URL(endpoint).port), 'websocket');
    assert.ok(dropped > 0, 'a data channel socket was open');
    await eventually('the resumed session', async () => (/Connection lost; resuming the session/.test(session.transcript()) && session.state === 'open' ? true : undefined));
    assert.equal(session.sessionId, sessionId, 'ResumeSession kept the session');
    assert.deepEqual(await run('loadTape', { gatewayArn, barcode, drive: 0 }), { slot: 1601, drive: 0 });
  });

  it('a killed lab process is reported in the status bar and the tree, and Start Local Lab brings it back with its state', async () => {
    const pid = api.labProcessId();
    assert.ok(pid !== undefined);
    const stopped = new Promise<void>((resolve) => {
      const listener = api.onDidChangeConnection((state) => {
        if (state.kind !== 'labExited') return;
        listener.dispose();
        resolve();
      });
    });
    process.kill(pid, 'SIGKILL');
    await stopped;
    const state = api.connectionState();
    assert.ok(state.kind === 'labExited');
    assert.match(state.message, /^The local lab was stopped by SIGKILL\. Its state is kept on disk: restart it with "Tape Gateway: Start Local Lab"\.$/);
    assert.match(api.statusBarText(), /lab stopped/);
    const tree = new TreeReader(api.explorer);
    const [node, ...rest] = await tree.children();
    assert.equal(rest.length, 0);
    assert.ok(node);
    assert.match(node.label, /stopped by SIGKILL.*\(click to restart the lab\)$/);
    assert.equal((await api.explorer.getTreeItem(node.node)).command?.command, 'tapeGateway.startLocalLab');
    assert.equal(await run('loadTape', { slot: 1601, drive: 0 }), undefined, 'a command now says to connect instead of failing obscurely');

    await run('startLocalLab');
    assert.equal(api.connectionState().kind, 'connected');
    assert.notEqual(api.labProcessId(), pid);
    const restarted = api.connectionState();
    assert.ok(restarted.kind === 'connected' && restarted.target.kind === 'lab');
    assert.equal(restarted.target.endpoint, endpoint, 'the lab came back on the same port');
    const gateways = await eventually('the gateway after the restart', async () => {
      const shown = await tree.childrenAt('Gateways');
      return shown.length > 0 ? shown : undefined;
    });
    assert.deepEqual(gateways.map((g) => g.label), ['workflow-gw'], 'the restarted lab kept its state');
  });
});
