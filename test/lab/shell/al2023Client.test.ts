// An Amazon Linux 2023 client: sh-5.2 prompt, dnf, open-iscsi 2.1 login lines without "(multiple)".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createClientHost } from '../../../src/lab/shell/createClientHost';
import { TapeDeviceRegistry } from '../../../src/lab/library/TapeDeviceRegistry';
import { InMemoryLibrary } from '../library/InMemoryLibrary';

test('AL2023 client over a shared device registry', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'al2023-'));
  const library = new InMemoryLibrary({ gatewayId: 'sgw-12A3456B', mediumChangerType: 'STK-L700' });
  const devices = new TapeDeviceRegistry(stateDir);
  const common = {
    os: 'al2023' as const,
    stateDir,
    libraries: { byGatewayArn: () => library, byPortal: (address: string) => (address === '10.0.3.7' ? library : undefined) },
    network: { httpGet: async () => undefined },
    tapeDevices: devices,
  };
  try {
    const host = createClientHost({ ...common, instanceId: 'i-0aaaaaaaaaaaaaaaa', hostname: 'client-a', privateIp: '10.0.3.20' });
    assert.equal(host.prompt, 'sh-5.2$ ');
    const run = (line: string) => host.runner.run(line);
    assert.match((await run('dnf list installed mtx')).stdout, /^Installed Packages\nmtx\.x86_64 +1\.3\.12/);
    // yum is dnf there: both are links to dnf-3, and answer alike.
    assert.equal((await run('yum list installed mtx')).stdout, (await run('dnf list installed mtx')).stdout);
    assert.equal((await run('readlink /usr/bin/yum /usr/bin/dnf; command -v yum')).stdout, 'dnf-3\ndnf-3\n/usr/bin/yum\n');
    // Tools live where the packages put them: iscsiadm and mtx in /usr/sbin, mt in /usr/bin.
    assert.equal((await run('command -v iscsiadm mtx mt; which mtx; type -P iscsiadm')).stdout, '/usr/sbin/iscsiadm\n/usr/sbin/mtx\n/usr/bin/mt\n/usr/sbin/mtx\n/usr/sbin/iscsiadm\n');
    const login = await run('iscsiadm -m discovery -t st -p 10.0.3.7 >/dev/null && iscsiadm -m node -T iqn.1997-05.com.amazon:sgw-12a3456b-mediachanger -l');
    assert.equal(login.stdout.split('\n')[0], 'Logging in to [iface: default, target: iqn.1997-05.com.amazon:sgw-12a3456b-mediachanger, portal: 10.0.3.7,3260]');
    assert.match((await run('mtx -f /dev/sg0 inquiry')).stdout, /Vendor ID: 'STK {5}'\nProduct ID: 'L700 {12}'\nRevision: '0104'/);
    assert.equal((await run('iscsiadm --version')).stdout, 'iscsiadm version 2.1.8\n');
    // A second host on the same registry sees the same changer state.
    library.addTape('SHARED0001');
    const other = createClientHost({ ...common, instanceId: 'i-0bbbbbbbbbbbbbbbb', hostname: 'client-b', privateIp: '10.0.3.21' });
    await other.runner.run('iscsiadm -m discovery -t st -p 10.0.3.7 && iscsiadm -m node -l');
    assert.equal((await other.runner.run('mtx -f /dev/sg1 load 1601 0')).exitCode, 0);
    assert.match((await run('mtx -f /dev/sg0 status | grep "Element 0:"')).stdout, /Full \(Storage Element 1 Loaded\):VolumeTag = SHARED0001/);
  } finally {
    devices.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});
