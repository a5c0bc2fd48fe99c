// An activated gateway whose instance is terminated stays registered, but its address answers nothing: a new
// appliance at the same private IP (a redeployed stack's new VPC) is the one a client reaches.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ApplianceRegistry } from '../../../src/lab/hosts/ApplianceRegistry';
import { createRuntime } from '../../../src/lab/LabRuntime';

const ADDRESS = { region: 'us-east-1', privateIp: '10.0.1.4', privateDnsName: 'ip-10-0-1-4.ec2.internal', disks: [{ nvmeIndex: 1, deviceName: '/dev/sdb', sizeGiB: 150 }] };

test('the running appliance owns a reused address; DeleteGateway forgets a terminated one and reopens a running one', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'appliance-addresses-'));
  const runtime = createRuntime({ host: '127.0.0.1', port: 0, stateDir, region: 'us-east-1', accountId: '123456789012', accessKeyId: 'test', secretAccessKey: 'test', timeScale: 0, allowedHosts: [], adminToken: 'unused' }, () => new Date(), () => undefined);
  const registry = await ApplianceRegistry.open(runtime);
  try {
    await registry.adoptInstance({ instanceId: 'i-0aaaaaaaaaaaaaaaa', ...ADDRESS });
    const old = registry.byAddress('10.0.1.4');
    assert.ok(old);
    await registry.markActivated(old, 'arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-0000000A');
    await registry.retireInstance('i-0aaaaaaaaaaaaaaaa');
    assert.equal(registry.byAddress('10.0.1.4'), undefined, 'a terminated instance answers nothing');
    assert.ok(registry.list().some((a) => a.gatewayArn?.endsWith('sgw-0000000A')), 'the activated gateway stays registered');

    const fresh = await registry.adoptInstance({ instanceId: 'i-0bbbbbbbbbbbbbbbb', ...ADDRESS });
    assert.equal(registry.byAddress('IP-10-0-1-4.EC2.INTERNAL')?.instanceId, fresh.instanceId);
    const page = await registry.activationPage(registry.byAddress('10.0.1.4') ?? old, new URL('http://10.0.1.4/?activationRegion=us-east-1&no_redirect'));
    assert.equal(page?.status, 200);

    await registry.release('arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-0000000A');
    assert.equal(registry.byInstanceId('i-0aaaaaaaaaaaaaaaa'), undefined);
    const freshRecord = registry.byInstanceId(fresh.instanceId);
    assert.ok(freshRecord);
    await registry.markActivated(freshRecord, 'arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-0000000B');
    await registry.release('arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-0000000B');
    assert.ok(registry.list().find((a) => a.instanceId === fresh.instanceId)?.activationUrl, 'a running appliance opens port 80 again');
  } finally {
    await registry.close();
    await rm(stateDir, { recursive: true, force: true });
  }
});
