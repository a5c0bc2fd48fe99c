// Fixture for the workflow lab tests: a lab with the tape gateway stack (AL2 client), an activated gateway and one new tape.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../../../src/aws/AwsClients';
import { SsmApi } from '../../../src/aws/SsmApi';
import { StorageGatewayApi } from '../../../src/aws/StorageGatewayApi';
import type { ShellChannel } from '../../../src/extension/workflows/ShellChannel';
import { startNativeSession } from '../../../src/extension/shell/startNativeSession';
import { startLab, type RunningLab } from '../../../src/lab';
import type { LibraryTargets } from '../../../src/tape/libraryTargets';
import type { MtxStatus } from '../../../src/tape/mtxStatus';
import { LibraryReader } from '../../../src/extension/explorer/library/LibraryReader';
import { deployTapeGateway, type DeployedGateway } from './deployTapeGateway';

export { waitFor } from './deployTapeGateway';

export interface WorkflowLab extends DeployedGateway {
  readonly lab: RunningLab;
  /** The extension's own wrappers over the lab. */
  readonly clients: AwsClients;
  libraryTargets(): Promise<LibraryTargets>;
  /** `mtx status` as the extension's library reader reads it (Run Command on the client). */
  libraryStatus(): Promise<MtxStatus>;
  /** The slot holding a barcode now, or undefined. */
  slotOf(barcode: string): Promise<number | undefined>;
  /** A Session Manager shell on the client, opened as the extension's terminal opens it (wide, so long device paths do not wrap). */
  openShell(): Promise<TestShell>;
  close(): Promise<void>;
}

export interface TestShell extends ShellChannel {
  resize(columns: number, rows: number): void;
  close(): Promise<void>;
}

export async function startWorkflowLab(clientOs: 'AL2' | 'AL2023' = 'AL2'): Promise<WorkflowLab> {
  const dir = await mkdtemp(join(tmpdir(), 'workflow-lab-'));
  const lab = await startLab({ port: 0, stateDir: join(dir, 'state'), timeScale: 0.0005 });
  const close = async () => {
    await lab.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const deployed = await deployTapeGateway({ endpoint: lab.endpoint, region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey } }, clientOs);
    const clients = new AwsClients({ kind: 'lab', endpoint: lab.endpoint, region: lab.region, accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey });
    const reader = LibraryReader.over(clients, () => deployed.clientInstanceId);
    const libraryStatus = async () => {
      const reading = await reader.read(deployed.gatewayArn, AbortSignal.timeout(60_000));
      if (!reading.status) throw new Error(reading.problem);
      return reading.status;
    };
    return {
      ...deployed,
      lab,
      clients,
      libraryTargets: () => new StorageGatewayApi(clients).describeLibraryTargets(deployed.gatewayArn),
      libraryStatus,
      slotOf: async (barcode) => (await libraryStatus()).slots.find((slot) => slot.full && slot.barcode === barcode)?.slot,
      openShell: async () => {
        const { channel } = await startNativeSession(new SsmApi(clients), { target: deployed.clientInstanceId, size: { columns: 400, rows: 40 }, log: () => undefined });
        await channel.open();
        return {
          sendText: (text) => channel.sendInput(text),
          onOutput: (listener) => channel.onOutput(listener),
          onEnd: (listener) => channel.onEnd((end) => listener(end.message)),
          resize: (columns, rows) => channel.resize(columns, rows),
          close: () => channel.close(),
        };
      },
      close: async () => {
        clients.dispose();
        deployed.destroy();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

