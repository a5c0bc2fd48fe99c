// Seeded fuzzing of the JSON 1.1 endpoints (Storage Gateway and SSM): random targets, members, types, sizes, content
// types, broken bytes and signatures. The lab answers every request with a well-formed JSON error or result, never a 5xx,
// and its state stays valid (the API still works; the state files load after a restart).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as sgModule from '@aws-sdk/client-storage-gateway';
import * as ssmModule from '@aws-sdk/client-ssm';
import { CreateTapesCommand, ListGatewaysCommand, ListTapesCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { startLab, type RunningLab } from '../../../src/lab/index';
import { readyGateway } from '../storageGateway/sgLabFixture';
import { readRegionState, regionStateProblems } from './support/labStateFiles';
import { mutateBody, randomJsonValue, randomObject, randomString } from './support/randomInput';
import { assertJsonProtocolAnswer, sendRaw, type RawRequest } from './support/rawRequests';
import { faultSeed, seededRandom, type SeededRandom } from './support/seededRandom';

const REQUESTS_PER_SERVICE = 400;
const SEED = faultSeed(9_001);

const MEMBERS = [
  'GatewayARN', 'TapeARN', 'TapeARNs', 'TapeBarcode', 'TapeBarcodePrefix', 'TapeSizeInBytes', 'NumTapesToCreate', 'ClientToken', 'PoolId', 'Worm', 'KMSKey', 'KMSEncrypted',
  'Limit', 'Marker', 'DiskIds', 'ActivationKey', 'GatewayName', 'GatewayTimezone', 'GatewayRegion', 'GatewayType', 'TapeDriveType', 'MediumChangerType', 'Tags', 'ResourceARN',
  'TagKeys', 'BypassGovernanceRetention', 'VTLDeviceARNs', 'InstanceIds', 'DocumentName', 'Parameters', 'CommandId', 'InstanceId', 'PluginName', 'Details', 'MaxResults', 'NextToken',
  'Filters', 'InstanceInformationFilterList', 'Names', 'Name', 'Path', 'Recursive', 'WithDecryption', 'Target', 'SessionId', 'State', 'Reason', 'TimeoutSeconds', 'Comment',
];

/** Operation names of a v3 SDK client module: every exported XxxCommand. */
function operationsOf(module: Record<string, unknown>): string[] {
  return Object.keys(module).filter((name) => name.endsWith('Command') && name !== 'Command').map((name) => name.slice(0, -'Command'.length));
}

const SERVICES = [
  { signingName: 'storagegateway', prefixes: ['StorageGateway_20130630', 'StorageGateway_20120630'], operations: operationsOf(sgModule) },
  { signingName: 'ssm', prefixes: ['AmazonSSM'], operations: operationsOf(ssmModule) },
] as const;

let lab: RunningLab;
let stateDir: string;
const logs: string[] = [];
let gatewayArn = '';

function sdk(): StorageGatewayClient {
  return new StorageGatewayClient({ endpoint: lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'lab-fuzz-json-'));
  lab = await startLab({ port: 0, stateDir, timeScale: 0.001, log: (line) => logs.push(line) });
  // Something for the fuzzer to hit: an activated gateway with tapes.
  const client = sdk();
  gatewayArn = await readyGateway({ lab, client, stateDir }, 'fuzz');
  await client.send(new CreateTapesCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * 1024 ** 3, ClientToken: 'fuzz-tapes', NumTapesToCreate: 3, TapeBarcodePrefix: 'FUZ' }));
  client.destroy();
});

after(async () => {
  await lab.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** One random request: mostly a signed, well-routed call with random members, sometimes broken at every layer. */
function fuzzRequest(random: SeededRandom, service: (typeof SERVICES)[number], implemented: readonly string[]): RawRequest {
  const operation = random.chance(0.85) && implemented.length > 0 ? random.pick(implemented) : random.pick(service.operations);
  const target = random.chance(0.9) ? `${random.pick(service.prefixes)}.${operation}` : randomString(random).replace(/[^\t\x20-\x7e]/g, '').slice(0, 4000);
  const contentType = random.chance(0.85) ? 'application/x-amz-json-1.1' : random.pick(['application/json', 'text/plain', '', 'application/x-amz-json-1.0', 'application/x-amz-json-1.1; charset=utf-8', 'multipart/form-data; boundary=x']);
  const shape = random.int(0, 9);
  const members = randomObject(random, MEMBERS);
  if (random.chance(0.3)) members.GatewayARN = gatewayArn;
  const body = shape < 6 ? JSON.stringify(members) : shape < 8 ? mutateBody(random, JSON.stringify(members)) : JSON.stringify(randomJsonValue(random));
  const signing = random.int(0, 19);
  const headers: Record<string, string> = { 'x-amz-target': target, 'content-type': contentType };
  // The client hangs up in the middle of the body (Content-Length promises more): there is no answer to check.
  if (random.chance(0.03)) return { headers, body, sign: { service: service.signingName }, truncate: true };
  if (signing === 0) return { headers, body };
  if (signing === 1) return { headers: { ...headers, authorization: `AWS4-HMAC-SHA256 ${randomString(random).replace(/[^\x20-\x7e]/g, '').slice(0, 4000)}`, 'x-amz-date': '20260101T000000Z' }, body };
  return { headers, body, sign: { service: signing === 2 ? random.pick(['ssm', 'storagegateway', 'cloudformation', 's3']) : service.signingName, secretAccessKey: signing === 3 ? 'wrong' : 'test', region: signing === 4 ? random.pick(['us-west-2', 'xx', 'eu-west-1']) : 'us-east-1' } };
}

for (const service of SERVICES) {
  test(`${REQUESTS_PER_SERVICE} fuzzed ${service.signingName} requests get well-formed JSON answers and never a 5xx (seed ${SEED})`, async () => {
    // Which operations the lab serves: everything else answers UnknownOperationException.
    const implemented: string[] = [];
    for (const operation of service.operations) {
      const answer = await sendRaw(lab.endpoint, { headers: { 'x-amz-target': `${service.prefixes[0]}.${operation}`, 'content-type': 'application/x-amz-json-1.1' }, body: '{}', sign: { service: service.signingName } });
      assert.ok(answer);
      assertJsonProtocolAnswer(answer, operation);
      if (!String(answer.headers['x-amzn-errortype'] ?? '').startsWith('UnknownOperationException')) implemented.push(operation);
    }
    assert.ok(implemented.length >= 8, `only ${implemented.length} ${service.signingName} operations answered`);

    const random = seededRandom(SEED + service.signingName.length);
    const serverErrors: string[] = [];
    for (let n = 0; n < REQUESTS_PER_SERVICE; n += 1) {
      const request = fuzzRequest(random, service, implemented);
      const what = `request ${n} (FAULT_SEED=${SEED}) ${request.headers?.['x-amz-target'] ?? ''}`;
      const answer = await sendRaw(lab.endpoint, request);
      if (request.truncate) continue;
      assert.ok(answer, what);
      assertJsonProtocolAnswer(answer, what);
      if (answer.status >= 500) serverErrors.push(`${what}: ${answer.status} ${answer.body.toString('utf8').slice(0, 200)} for ${String(request.body).slice(0, 200)}`);
    }
    assert.deepEqual(serverErrors, []);
    assert.deepEqual(logs.filter((line) => /unexpected|failed for request/.test(line)), []);

    // The lab still works and its state is whole (the fuzzer may legitimately have deleted the gateway or tapes).
    const client = sdk();
    await client.send(new ListGatewaysCommand({}));
    await client.send(new ListTapesCommand({}));
    client.destroy();
    assert.deepEqual(regionStateProblems(readRegionState(stateDir)), []);
  });
}

test('after the fuzzing, the state files load in a fresh lab and hold the same tapes', async () => {
  const client = sdk();
  const before = ((await client.send(new ListTapesCommand({}))).TapeInfos ?? []).map((t) => t.TapeARN).sort();
  client.destroy();
  await lab.stop();
  lab = await startLab({ port: 0, stateDir, timeScale: 0.001, log: (line) => logs.push(line) });
  const again = sdk();
  const afterRestart = ((await again.send(new ListTapesCommand({}))).TapeInfos ?? []).map((t) => t.TapeARN).sort();
  again.destroy();
  assert.deepEqual(afterRestart, before);
});
