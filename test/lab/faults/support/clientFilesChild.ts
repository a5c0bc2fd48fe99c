// A client host in a process of its own, writing files round after round until it is killed: prints "ACK <round>" once a round's Run Command returned.
import { ClientFileStores } from '../../../../src/lab/shell/ClientFileStores';
import { createClientHost } from '../../../../src/lab/shell/createClientHost';

export const CHILD_INSTANCE = 'i-0c0ffee0c0ffee000';

export function childHost(stateDir: string) {
  return createClientHost({
    instanceId: CHILD_INSTANCE,
    hostname: 'ip-10-0-1-7.ec2.internal',
    privateIp: '10.0.1.7',
    os: 'al2',
    stateDir,
    libraries: { byGatewayArn: () => undefined, byPortal: () => undefined },
    network: { httpGet: async () => undefined },
  });
}

async function main(stateDir: string): Promise<void> {
  const stores = new ClientFileStores(stateDir, (line) => process.stderr.write(`${line}\n`));
  const host = childHost(stateDir);
  await stores.attach(host);
  const last = await host.runner.run('cat /var/last 2>/dev/null || echo 0');
  for (let round = Number(last.stdout.trim()) + 1; ; round += 1) {
    const result = await host.runner.run(
      [
        `mkdir -p /opt/r${round}`,
        `dd if=/dev/urandom of=/opt/r${round}/data bs=64K count=8 2>/dev/null`,
        `sha256sum /opt/r${round}/data > /opt/r${round}/sum`,
        `rm -rf /opt/r${round - 3}`,
        `echo ${round} > /var/last`,
      ].join('\n'),
    );
    if (result.exitCode !== 0) throw new Error(result.stderr);
    process.stdout.write(`ACK ${round}\n`);
    // A large write in between, so a kill often lands in the middle of one.
    await host.runner.run('dd if=/dev/zero of=/tmp/torn bs=1M count=32 2>/dev/null');
  }
}

if (process.argv[2]) main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
