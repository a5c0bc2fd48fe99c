// The reference walkthrough's world for tests: gateway sgw-3C52BB55 at 10.0.2.143 with tape TESTD67E76, and an AL2 arm64 client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibraryDirectory } from '../../../src/lab/library/VirtualLibrary';
import { EmulatedClientHost, createClientHost } from '../../../src/lab/shell/createClientHost';
import { InMemoryLibrary } from '../library/InMemoryLibrary';

export const GATEWAY_DNS = 'ip-10-0-2-143.ap-northeast-1.compute.internal';

const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';

/** The lines that log in to the changer and drive 1 and load the walkthrough's tape (slot 1601) into that drive. */
export const LOAD_TAPE_LINES: readonly string[] = [
  'iscsiadm -m discovery -t st -p 10.0.2.143:3260',
  `iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`,
  `iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -l`,
  'mtx -f /dev/sg0 load 1601 0',
];

export interface ShellRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

export interface Walkthrough {
  readonly host: EmulatedClientHost;
  readonly library: InMemoryLibrary;
  readonly stateDir: string;
  /** Sets the host clock (UTC). */
  at(iso: string): void;
  /** Runs one line as ssm-user in a shell that keeps its cwd and $? between lines. */
  run(line: string): Promise<ShellRun>;
  dispose(): void;
}

export function walkthrough(options: { reportSourceAddress?: boolean } = {}): Walkthrough {
  const stateDir = mkdtempSync(join(tmpdir(), 'walkthrough-'));
  const library = new InMemoryLibrary({ gatewayId: 'sgw-3C52BB55', mediumChangerType: 'AWS-Gateway-VTL', ...options });
  library.addTape('TESTD67E76');
  const libraries: LibraryDirectory = {
    byGatewayArn: (arn) => (arn === library.gatewayArn ? library : undefined),
    byPortal: (address) => (address === '10.0.2.143' || address === GATEWAY_DNS ? library : undefined),
  };
  let clock = new Date('2022-06-11T02:17:00Z');
  const host = createClientHost({
    instanceId: 'i-0205370d5c210e708',
    hostname: 'ip-10-0-1-25.ap-northeast-1.compute.internal',
    privateIp: '10.0.1.25',
    os: 'al2',
    arch: 'aarch64',
    stateDir,
    libraries,
    network: {
      // The gateway appliance's activation page answers on port 80 (reference walkthrough step 1).
      httpGet: async (url) =>
        url.startsWith(`http://${GATEWAY_DNS}/?`) || url.startsWith('http://10.0.2.143/?')
          ? { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'Q229E-KD8FM-FFHRR-6IU8I-K0VPU' }
          : undefined,
    },
    now: () => clock,
  });
  const shell = host.newShell('ssm-user');
  return {
    host,
    library,
    stateDir,
    at: (iso) => {
      clock = new Date(iso);
    },
    run: async (line) => {
      let stdout = '';
      let stderr = '';
      const sink = (append: (text: string) => void) => ({ write: (chunk: string | Uint8Array) => append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) });
      const status = await shell.executeLine(line, { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)) });
      return { stdout, stderr, status };
    },
    dispose: () => {
      host.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
