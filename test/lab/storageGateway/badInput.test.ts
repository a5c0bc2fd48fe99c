// Bad input never hurts: malformed JSON, wrong content type and member types, huge bodies, odd Unicode, bad auth; the lab keeps serving.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ListGatewaysCommand } from '@aws-sdk/client-storage-gateway';
import { clientFor, readyGateway, startSgLab, type SgLab } from './sgLabFixture';
import { signedPost } from './signedRequest';

const JSON_11 = 'application/x-amz-json-1.1';
let sg: SgLab;
let gatewayArn: string;

before(async () => {
  sg = await startSgLab();
  gatewayArn = await readyGateway(sg, 'sturdy');
});
after(() => sg.lab.stop());

async function stateFiles(): Promise<string> {
  const folder = join(sg.stateDir, 'storagegateway');
  const names = (await readdir(folder)).sort();
  return (await Promise.all(names.map((n) => readFile(join(folder, n), 'utf8')))).join('\n');
}

const op = (name: string) => `StorageGateway_20130630.${name}`;

test('both target prefixes reach the operations; success has the JSON 1.1 type and a request id', async () => {
  for (const prefix of ['StorageGateway_20130630', 'StorageGateway_20120630']) {
    const answer = await signedPost(sg.lab, { target: `${prefix}.ListGateways`, body: '{}', contentType: JSON_11 });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), JSON_11);
    assert.match(answer.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(Array.isArray(answer.json?.Gateways));
    assert.equal('Marker' in (answer.json ?? {}), false);
  }
});

test('each kind of bad input gets the AWS error and writes nothing', async () => {
  const before = await stateFiles();
  const cases: { name: string; request: Parameters<typeof signedPost>[1]; status: number; type: string; message?: RegExp }[] = [
    { name: 'malformed JSON', request: { target: op('CreateTapes'), body: '{"GatewayARN": ', contentType: JSON_11 }, status: 400, type: 'SerializationException' },
    { name: 'JSON array body', request: { target: op('ListGateways'), body: '[]', contentType: JSON_11 }, status: 400, type: 'SerializationException' },
    { name: 'wrong content type', request: { target: op('ListGateways'), body: '{}', contentType: 'text/plain' }, status: 400, type: 'UnknownOperationException' },
    { name: 'unknown operation', request: { target: op('ArchiveTape'), body: '{}', contentType: JSON_11 }, status: 400, type: 'UnknownOperationException' },
    { name: 'string for a long', request: { target: op('CreateTapes'), body: JSON.stringify({ GatewayARN: gatewayArn, TapeSizeInBytes: '107374182400', ClientToken: 'bad-types', NumTapesToCreate: 1, TapeBarcodePrefix: 'BAD' }), contentType: JSON_11 }, status: 400, type: 'SerializationException' },
    { name: 'object for a list', request: { target: op('AddCache'), body: JSON.stringify({ GatewayARN: gatewayArn, DiskIds: { a: 1 } }), contentType: JSON_11 }, status: 400, type: 'SerializationException' },
    { name: 'invalid UTF-8', request: { target: op('ListGateways'), body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), contentType: JSON_11 }, status: 400, type: 'SerializationException' },
    { name: 'odd Unicode in a name', request: { target: op('UpdateGatewayInformation'), body: JSON.stringify({ GatewayARN: gatewayArn, GatewayName: 'g\u0000\ud800\u202e' }), contentType: JSON_11 }, status: 400, type: 'ValidationException', message: /at 'gatewayName' failed to satisfy constraint: Member must satisfy regular expression pattern/ },
    { name: 'body over 1 MiB', request: { target: op('ListGateways'), body: `{"Marker":"${'x'.repeat(1024 * 1024)}"}`, contentType: JSON_11 }, status: 413, type: 'RequestEntityTooLarge' },
    { name: 'wrong secret key', request: { target: op('ListGateways'), body: '{}', contentType: JSON_11, secretAccessKey: 'wrong' }, status: 400, type: 'InvalidSignatureException', message: /signature we calculated does not match/ },
    { name: 'signed for another service', request: { target: op('ListGateways'), body: '{}', contentType: JSON_11, service: 'ssm' }, status: 400, type: 'InvalidSignatureException' },
  ];
  for (const { name, request, status, type, message } of cases) {
    const answer = await signedPost(sg.lab, request);
    assert.equal(answer.status, status, name);
    assert.equal(answer.json?.__type, type, `${name}: ${answer.text}`);
    assert.equal('error' in (answer.json ?? {}), false, `${name}: generic errors carry no error object`);
    if (message) assert.match(String(answer.json?.message), message, name);
  }
  assert.equal(await stateFiles(), before, 'no partial state written');
  const { Gateways = [] } = await sg.client.send(new ListGatewaysCommand({}));
  assert.equal(Gateways.length, 1, 'the lab keeps serving');
});

test('unknown members are ignored, as AWS JSON services do', async () => {
  const answer = await signedPost(sg.lab, { target: op('DescribeGatewayInformation'), body: JSON.stringify({ GatewayARN: gatewayArn, Surprise: { nested: [1, 2] } }), contentType: JSON_11 });
  assert.equal(answer.status, 200);
  assert.equal(answer.json?.GatewayARN, gatewayArn);
});

test('operation errors carry error.errorCode; timestamps are epoch-second numbers; absent members are omitted', async () => {
  const notFound = await signedPost(sg.lab, { target: op('DescribeGatewayInformation'), body: JSON.stringify({ GatewayARN: gatewayArn.replace(/sgw-\w+$/, 'sgw-00000000') }), contentType: JSON_11 });
  assert.deepEqual(notFound.json, { __type: 'InvalidGatewayRequestException', message: 'The specified gateway was not found.', error: { errorCode: 'GatewayNotFound' } });
  const created = await signedPost(sg.lab, { target: op('CreateTapes'), body: JSON.stringify({ GatewayARN: gatewayArn, TapeSizeInBytes: 107374182400, ClientToken: 'wire-1', NumTapesToCreate: 1, TapeBarcodePrefix: 'WIRE' }), contentType: JSON_11 });
  assert.equal(created.status, 200);
  const described = await signedPost(sg.lab, { target: op('DescribeTapes'), body: JSON.stringify({ GatewayARN: gatewayArn }), contentType: JSON_11 });
  const tape = (described.json?.Tapes as Record<string, unknown>[])[0] ?? {};
  assert.equal(typeof tape.TapeCreatedDate, 'number');
  assert.ok(Math.abs((tape.TapeCreatedDate as number) - Date.now() / 1000) < 60);
  assert.equal(/null/.test(described.text), false);
  assert.equal('KMSKey' in tape, false);
  assert.equal('Marker' in (described.json ?? {}), false);
});

test('the SDK surfaces a wrong secret key as InvalidSignatureException', async () => {
  await assert.rejects(clientFor(sg.lab, 'not-the-secret').send(new ListGatewaysCommand({})), (error: Error) => error.name === 'InvalidSignatureException');
});

test('missing and unknown credentials get the JSON protocol auth errors', async () => {
  const unsigned = await fetch(`${sg.lab.endpoint}/`, { method: 'POST', headers: { 'content-type': JSON_11, 'x-amz-target': op('ListGateways') }, body: '{}' });
  assert.equal(unsigned.status, 403);
  assert.equal(((await unsigned.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
  const stranger = { ...sg.lab, accessKeyId: 'AKIDSTRANGER' };
  const unknownKey = await signedPost(stranger, { target: op('ListGateways'), body: '{}', contentType: JSON_11 });
  assert.deepEqual([unknownKey.status, unknownKey.json?.__type], [400, 'UnrecognizedClientException']);
});
