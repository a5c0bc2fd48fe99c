// A lab with one emulated Amazon Linux client host as a Session Manager target, and the extension's SSM wrapper pointed at it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../../../src/aws/AwsClients';
import { SsmApi } from '../../../src/aws/SsmApi';
import { startLab, type RunningLab } from '../../../src/lab';
import { createClientHost, type EmulatedClientHost } from '../../../src/lab/shell/createClientHost';

export const CLIENT_INSTANCE_ID = 'i-0205370d5c210e708';

export interface ClientHostLab {
  readonly lab: RunningLab;
  readonly host: EmulatedClientHost;
  readonly clients: AwsClients;
  readonly api: SsmApi;
  /** Every line the lab logged. */
  readonly labLog: string[];
  stop(): Promise<void>;
}

export async function startClientHostLab(): Promise<ClientHostLab> {
  const stateDir = await mkdtemp(join(tmpdir(), 'terminal-lab-'));
  const labLog: string[] = [];
  const hosts = new Map<string, EmulatedClientHost>();
  const lab = await startLab({ port: 0, stateDir, timeScale: 0, log: (line) => labLog.push(line), resolveClientHost: (id) => hosts.get(id) });
  const host = createClientHost({ instanceId: CLIENT_INSTANCE_ID, hostname: 'ip-10-0-1-25.ec2.internal', privateIp: '10.0.1.25', os: 'al2', stateDir: join(stateDir, 'client'), libraries: lab.libraries, network: lab.network });
  hosts.set(CLIENT_INSTANCE_ID, host);
  const clients = new AwsClients({ kind: 'lab', endpoint: lab.endpoint, region: lab.region, accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey });
  return {
    lab,
    host,
    clients,
    api: new SsmApi(clients),
    labLog,
    async stop() {
      clients.dispose();
      host.close();
      await lab.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
