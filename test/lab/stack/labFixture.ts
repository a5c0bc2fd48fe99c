// Test fixture: a lab with test-code client hosts, and the real AWS CLI v2 pointed at it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, type RunningLab } from '../../../src/lab';
import type { ClientHost, CommandResult, RunOptions } from '../../../src/lab/hosts/ClientHost';
import type { BootstrapFile, SimulatedInstance } from '../../../src/lab/services/ec2/SimulatedInstance';
import { eventually } from '../../eventually';

export interface TestLab {
  readonly lab: RunningLab;
  readonly dir: string;
  readonly gateways: SimulatedInstance[];
  readonly clients: { instance: SimulatedInstance; packages: readonly string[]; files: readonly BootstrapFile[] }[];
  readonly terminated: string[];
  aws(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/** A small host for tests: `cat <file>` prints boot files, `sleep` waits for the abort signal, `wait MS` works for MS real milliseconds, else echoes the script. */
function testHost(instance: SimulatedInstance, files: readonly BootstrapFile[]): ClientHost {
  return {
    instanceId: instance.instanceId,
    privateIp: instance.privateIp,
    hostname: instance.privateDnsName,
    runner: {
      run(script: string, options?: RunOptions): Promise<CommandResult> {
        const cat = /^cat (\S+)$/.exec(script.trim());
        if (cat) {
          const file = files.find((candidate) => candidate.path === cat[1]);
          return Promise.resolve(file ? { stdout: file.content, stderr: '', exitCode: 0 } : { stdout: '', stderr: `cat: ${cat[1]}: No such file or directory\n`, exitCode: 1 });
        }
        if (script.startsWith('sleep')) {
          return new Promise((resolve) => options?.signal?.addEventListener('abort', () => resolve({ stdout: '', stderr: '', exitCode: 143 })));
        }
        const wait = /^wait (\d+)$/.exec(script.trim());
        if (wait) return new Promise((resolve) => setTimeout(() => resolve({ stdout: 'done\n', stderr: '', exitCode: 0 }), Number(wait[1])));
        if (script.startsWith('yes')) return Promise.resolve({ stdout: 'y\n'.repeat(20_000), stderr: '', exitCode: 0 });
        return Promise.resolve({ stdout: `ran on ${instance.instanceId}: ${script}\n`, stderr: '', exitCode: script.includes('false') ? 1 : 0 });
      },
    },
    openSession: () => {
      throw new Error('interactive sessions are not part of these tests');
    },
  };
}

export interface TestLabOptions {
  /** Reuse a folder (and its state) from an earlier lab. */
  readonly dir?: string;
  readonly timeScale?: number;
  /** Keep the folder when the lab closes (for a restart test). */
  readonly keep?: boolean;
}

export async function startTestLab(options: TestLabOptions = {}): Promise<TestLab> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'stack-lab-')));
  const gateways: SimulatedInstance[] = [];
  const clients: TestLab['clients'] = [];
  const terminated: string[] = [];
  const lab = await startLab({
    port: 0,
    stateDir: join(dir, 'state'),
    timeScale: options.timeScale ?? 0.0005,
    instanceHooks: {
      onGatewayInstance: (instance) => void gateways.push(instance),
      createClientHost: (instance, packages, files) => {
        clients.push({ instance, packages, files });
        return testHost(instance, files);
      },
      onInstanceTerminated: (instance) => void terminated.push(instance.instanceId),
    },
  });
  const configFile = join(dir, 'aws-config');
  await writeFile(configFile, '');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: configFile,
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const aws = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('/usr/bin/aws', [...args, '--endpoint-url', lab.endpoint, '--output', 'json'], { env, timeout: 120_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  return {
    lab,
    dir,
    gateways,
    clients,
    terminated,
    aws,
    close: async () => {
      await lab.stop();
      if (!options.keep) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls every 50 ms, `attempts` times at most. */
export function waitFor<T>(what: string, probe: () => Promise<T | undefined>, attempts = 200): Promise<T> {
  return eventually(what, probe, attempts * 50, 50);
}
