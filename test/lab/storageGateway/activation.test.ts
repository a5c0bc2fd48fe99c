// Activation as on AWS: the appliance's page (302 / no_redirect), single-use keys that expire after 30 minutes, region checks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ActivateGatewayCommand, InvalidGatewayRequestException, ListGatewaysCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { startLab, type RunningLab } from '../../../src/lab/index';
import { fetchActivationKey, tempStateDir } from './sgLabFixture';

const KEY = /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/;
let clock = Date.parse('2026-01-01T00:00:00Z');
let lab: RunningLab;

/** A client whose clock matches the lab's (a fresh one each time: the SDK re-learns its offset from the real Date header). */
function client(): StorageGatewayClient {
  return new StorageGatewayClient({ endpoint: lab.endpoint, region: lab.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, systemClockOffset: clock - Date.now() });
}

before(async () => {
  lab = await startLab({ port: 0, stateDir: await tempStateDir(), timeScale: 0.001, now: () => new Date(clock) });
});
after(() => lab.stop());

function activate(key: string, overrides: Partial<{ GatewayRegion: string; GatewayName: string }> = {}) {
  return client().send(new ActivateGatewayCommand({ ActivationKey: key, GatewayName: 'gw', GatewayTimezone: 'GMT-8:00', GatewayRegion: 'us-east-1', GatewayType: 'VTL', ...overrides }));
}

async function errorCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof InvalidGatewayRequestException, `expected InvalidGatewayRequestException, got ${String(error)}`);
    return error.error?.errorCode;
  }
  assert.fail('expected a failure');
}

test('the page answers 302 with activationKey last in Location, or 200 with the bare key for no_redirect', async () => {
  const appliance = await lab.admin.createGatewayAppliance();
  assert.match(appliance.activationUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const redirect = await fetch(`${appliance.activationUrl}?activationRegion=us-east-1&gatewayType=VTL`, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  const location = redirect.headers.get('location') ?? '';
  assert.match(location, /[?&]activationKey=[A-Z0-9-]+$/);
  assert.match(new URL(location).searchParams.get('activationKey') ?? '', KEY);
  const plain = await fetchActivationKey(appliance.activationUrl ?? '');
  assert.match(plain, KEY);
  const missingRegion = await fetch(appliance.activationUrl ?? '');
  assert.equal(missingRegion.status, 400);
});

test('a key activates once; the appliance then closes its activation page', async () => {
  const appliance = await lab.admin.createGatewayAppliance();
  const key = await fetchActivationKey(appliance.activationUrl ?? '');
  const { GatewayARN } = await activate(key);
  assert.match(GatewayARN ?? '', /^arn:aws:storagegateway:us-east-1:123456789012:gateway\/sgw-[0-9A-F]{8}$/);
  assert.equal(await errorCodeOf(activate(key)), 'ActivationKeyNotFound');
  await assert.rejects(fetch(appliance.activationUrl ?? ''));
  const { Gateways = [] } = await client().send(new ListGatewaysCommand({}));
  const listed = Gateways.find((g) => g.GatewayARN === GatewayARN);
  assert.equal(listed?.Ec2InstanceId, appliance.instanceId);
  assert.equal(listed?.GatewayType, 'VTL');
  assert.equal(listed?.GatewayOperationalState, 'ACTIVE');
});

test('keys expire 30 minutes after issue on the lab clock', async () => {
  const appliance = await lab.admin.createGatewayAppliance();
  const key = await fetchActivationKey(appliance.activationUrl ?? '');
  clock += 31 * 60 * 1000;
  assert.equal(await errorCodeOf(activate(key)), 'ActivationKeyExpired');
});

test('region, key format and unknown keys fail with their error codes and messages', async () => {
  const appliance = await lab.admin.createGatewayAppliance();
  const key = await fetchActivationKey(appliance.activationUrl ?? '');
  assert.equal(await errorCodeOf(activate(key, { GatewayRegion: 'us-west-2' })), 'RegionInvalid');
  assert.equal(await errorCodeOf(activate('not-a-key')), 'ActivationKeyInvalid');
  assert.equal(await errorCodeOf(activate('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE')), 'ActivationKeyNotFound');
  const otherRegionKey = await fetchActivationKey(appliance.activationUrl ?? '', 'eu-west-1');
  assert.equal(await errorCodeOf(activate(otherRegionKey)), 'ActivationKeyNotFound');
  try {
    await activate('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE');
  } catch (error) {
    assert.equal((error as Error).message, 'The specified activation key was not found.');
  }
  // The key survives the failed attempts.
  assert.ok((await activate(key)).GatewayARN);
});

test('two concurrent activations with one key create one gateway', async () => {
  const appliance = await lab.admin.createGatewayAppliance();
  const key = await fetchActivationKey(appliance.activationUrl ?? '');
  const results = await Promise.allSettled([activate(key, { GatewayName: 'one' }), activate(key, { GatewayName: 'two' })]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
});

test('state is per region: a gateway activated in eu-west-1 is not listed in us-east-1', async () => {
  const appliance = await lab.admin.createGatewayAppliance({ region: 'eu-west-1' });
  const key = await fetchActivationKey(appliance.activationUrl ?? '', 'eu-west-1');
  const europe = () => new StorageGatewayClient({ endpoint: lab.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, systemClockOffset: clock - Date.now() });
  const { GatewayARN } = await europe().send(new ActivateGatewayCommand({ ActivationKey: key, GatewayName: 'eu', GatewayTimezone: 'GMT', GatewayRegion: 'eu-west-1', GatewayType: 'VTL' }));
  assert.match(GatewayARN ?? '', /^arn:aws:storagegateway:eu-west-1:123456789012:gateway\//);
  const { Gateways: here = [] } = await client().send(new ListGatewaysCommand({}));
  assert.equal(here.some((g) => g.GatewayARN === GatewayARN), false);
  const { Gateways: there = [] } = await europe().send(new ListGatewaysCommand({}));
  assert.deepEqual(there.map((g) => g.GatewayARN), [GatewayARN]);
});

test('responses carry the lab clock in Date, so one SDK client keeps working as the lab clock moves', async () => {
  const steady = client();
  await steady.send(new ListGatewaysCommand({}));
  clock += 20 * 60 * 1000;
  const response = await fetch(`${lab.endpoint}/_lab/appliances`, { headers: { authorization: `Bearer ${lab.adminToken}` } });
  assert.equal(response.headers.get('date'), new Date(clock).toUTCString());
  // The first call after the jump is refused as skewed; the SDK learns the offset from Date and the retry-free next call passes.
  await steady.send(new ListGatewaysCommand({})).catch(() => undefined);
  assert.ok((await steady.send(new ListGatewaysCommand({}))).Gateways);
});
