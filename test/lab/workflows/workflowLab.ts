// Fixture for the workflow lab tests: a lab with the tape gateway stack (AL2 client), an activated gateway and one new tape.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, type RunningLab } from '../../../src/lab';
import { deployTapeGateway, type DeployedGateway } from './deployTapeGateway';

export { waitFor } from './deployTapeGateway';

export interface WorkflowLab extends DeployedGateway {
  readonly lab: RunningLab;
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
    return { ...deployed, lab, close: async () => { deployed.destroy(); await close(); } };
  } catch (error) {
    await close();
    throw error;
  }
}

