// SigV4 verification against requests signed by the AWS SDK's own signer, and each refusal kind.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { AuthFailure, verifySignature, type SignedRequest } from '../../../src/lab/http/verifySignature';

const NOW = new Date('2026-11-26T07:00:00Z');
const secrets = (id: string) => (id === 'test' ? 'test' : undefined);

async function sign(secretAccessKey: string, date: Date, body = '{}', query: Record<string, string> = {}): Promise<SignedRequest> {
  const signer = new SignatureV4({ service: 'storagegateway', region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey }, sha256: Sha256 });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4566, path: '/', query, headers: { host: '127.0.0.1:4566', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'StorageGateway_20130630.ListGateways' }, body },
    { signingDate: date },
  );
  const search = new URLSearchParams(query).toString();
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', rawUrl: search ? `/?${search}` : '/', headers, body: Buffer.from(body) };
}

function failureKind(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AuthFailure) return error.kind;
    throw error;
  }
  return 'accepted';
}

let signedRight: SignedRequest;
let signedWrong: SignedRequest;

describe('verifySignature', () => {
  before(async () => {
    signedRight = await sign('test', NOW);
    signedWrong = await sign('nope', NOW);
  });

  it('accepts a request signed by the SDK and reads region and service from the scope', async () => {
    const identity = verifySignature(await sign('test', NOW), secrets, NOW);
    assert.deepEqual([identity.accessKeyId, identity.region, identity.service], ['test', 'eu-west-1', 'storagegateway']);
    assert.equal(identity.scope, `${identity.amzDate.slice(0, 8)}/eu-west-1/storagegateway/aws4_request`);
    assert.match(identity.signature, /^[0-9a-f]{64}$/);
    assert.equal(identity.signingKey.length, 32);
  });

  it('keeps no verdict between requests: after a key of the same scope was derived, a changed secret or a next day still decides', async () => {
    assert.equal(failureKind(() => verifySignature(signedRight, secrets, NOW)), 'accepted');
    // The lab's secret for this key id changes (another lab on the same state): the cached key of the old secret must not serve.
    assert.equal(failureKind(() => verifySignature(signedRight, () => 'rotated', NOW)), 'signature');
    assert.equal(failureKind(() => verifySignature(signedWrong, secrets, NOW)), 'signature');
    const nextDay = new Date(NOW.getTime() + 24 * 3600 * 1000);
    const [rightNextDay, wrongNextDay] = [await sign('test', nextDay), await sign('nope', nextDay)];
    assert.equal(failureKind(() => verifySignature(rightNextDay, secrets, nextDay)), 'accepted');
    assert.equal(failureKind(() => verifySignature(wrongNextDay, secrets, nextDay)), 'signature');
  });

  it('accepts a signed query string with characters that need encoding', async () => {
    const identity = verifySignature(await sign('test', NOW, '', { b: 'x y', a: 'ü/*' }), secrets, NOW);
    assert.equal(identity.region, 'eu-west-1');
  });

  it('refuses a wrong secret, a changed body, a missing header, an unknown key, and a stale date', async () => {
    assert.equal(failureKind(() => verifySignature(signedWrong, secrets, NOW)), 'signature');
    const tampered = { ...signedRight, body: Buffer.from('{"Limit":1}') };
    assert.equal(failureKind(() => verifySignature(tampered, secrets, NOW)), 'signature');
    const { authorization: _omit, ...unsignedHeaders } = signedRight.headers;
    assert.equal(failureKind(() => verifySignature({ ...signedRight, headers: unsignedHeaders }, secrets, NOW)), 'missing');
    assert.equal(failureKind(() => verifySignature(signedRight, () => undefined, NOW)), 'unknownKey');
    assert.equal(failureKind(() => verifySignature(signedRight, secrets, new Date(NOW.getTime() + 16 * 60_000))), 'expired');
    const garbled = { ...signedRight, headers: { ...signedRight.headers, authorization: 'AWS4-HMAC-SHA256 Credential=test' } };
    assert.equal(failureKind(() => verifySignature(garbled, secrets, NOW)), 'incomplete');
  });

  it('words the expiry as AWS does', () => {
    try {
      verifySignature(signedRight, secrets, new Date(NOW.getTime() + 20 * 60_000));
      assert.fail('expected expiry');
    } catch (error) {
      assert.ok(error instanceof AuthFailure);
      assert.equal(error.message, 'Signature expired: 20261126T070000Z is now earlier than 20261126T070500Z (20261126T072000Z - 15 min.)');
    }
  });
});

