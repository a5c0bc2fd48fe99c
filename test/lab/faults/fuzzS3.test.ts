// Seeded fuzzing of S3: random methods, paths, sub-resources, headers, bodies and aws-chunked framing, signed and unsigned.
// Every answer is S3's well-formed XML error (or a success), never a 5xx, and S3 still works afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { XMLValidator } from 'fast-xml-parser';
import { rawS3, startS3Lab, type S3Lab } from '../s3/s3Fixture';
import { HOSTILE_STRINGS, randomString } from './support/randomInput';
import { faultSeed, seededRandom, type SeededRandom } from './support/seededRandom';

const REQUESTS = 300;
const SEED = faultSeed(1313);
let s3: S3Lab;

before(async () => {
  s3 = await startS3Lab();
  const created = await rawS3(s3.lab, { method: 'PUT', path: '/fuzz' });
  assert.equal(created.status, 200, created.body);
  await s3.client().send(new PutObjectCommand({ Bucket: 'fuzz', Key: 'kept.txt', Body: 'kept' }));
});
after(() => s3.close());

const SUBRESOURCES = ['', '?uploads', '?uploadId=nope', '?partNumber=0&uploadId=x', '?list-type=2&max-keys=-1', '?list-type=2&continuation-token=%%%', '?delete', '?location', '?tagging', '?acl', '?versioning', '?list-type=2&encoding-type=xml', '?max-keys=abc'];

function segment(random: SeededRandom): string {
  return random.chance(0.5) ? random.pick(['fuzz', 'kept.txt', 'no-such', 'UPPER', 'a..b', '192.168.0.1', '']) : encodeURIComponent(Buffer.from(randomString(random), 'utf8').toString('utf8')).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function body(random: SeededRandom): Buffer {
  switch (random.int(0, 5)) {
    case 0:
      return Buffer.alloc(0);
    case 1:
      return Buffer.from(`<Delete><Object><Key>${random.pick(HOSTILE_STRINGS).replace(/[<&]/g, '')}</Key></Object></Delete>`);
    case 2:
      return Buffer.from(`<CompleteMultipartUpload><Part><PartNumber>${random.int(-1, 3)}</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>`);
    case 3:
      return Buffer.from(`${random.int(0, 20).toString(16)}\r\n${randomString(random)}\r\n0\r\nx-amz-checksum-crc32:${randomString(random)}\r\n\r\n`);
    case 4:
      return Buffer.from('<CreateBucketConfiguration><LocationConstraint>' + random.pick(['us-east-1', 'eu-west-1', 'mars-1', '']) + '</LocationConstraint></CreateBucketConfiguration>');
    default:
      return random.bytes(random.int(0, 300));
  }
}

test(`${REQUESTS} fuzzed S3 requests get S3's XML errors and never a 5xx (seed ${SEED})`, async () => {
  const random = seededRandom(SEED);
  const serverErrors: string[] = [];
  const codes = new Map<string, number>();
  for (let n = 0; n < REQUESTS; n += 1) {
    const method = random.pick(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PUT', 'GET']);
    const path = `/${segment(random)}${random.chance(0.6) ? `/${segment(random)}` : ''}${random.pick(SUBRESOURCES)}`;
    const headers: Record<string, string> = {};
    if (random.chance(0.2)) headers['x-amz-copy-source'] = random.pick(['/fuzz/kept.txt', 'fuzz', '%zz', '/no/such']);
    if (random.chance(0.2)) headers.range = random.pick(['bytes=0-1', 'bytes=99-', 'bytes=-0', 'lines=1-2', 'bytes=5-1']);
    if (random.chance(0.15)) headers['content-md5'] = random.pick(['nope', 'AAAAAAAAAAAAAAAAAAAAAA==']);
    if (random.chance(0.15)) headers['x-amz-checksum-crc32'] = random.pick(['AAAAAA==', 'not base64']);
    if (random.chance(0.1)) headers['x-amz-checksum-algorithm'] = random.pick(['CRC32', 'MD4']);
    const streaming = random.chance(0.15);
    if (streaming) {
      headers['content-encoding'] = 'aws-chunked';
      headers['x-amz-decoded-content-length'] = String(random.int(0, 30));
      if (random.chance(0.5)) headers['x-amz-trailer'] = random.pick(['x-amz-checksum-crc32', 'x-amz-checksum-md4']);
    }
    const sign = random.chance(0.85);
    const payloadHash = streaming ? random.pick(['STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD']) : random.chance(0.1) ? random.pick(['UNSIGNED-PAYLOAD', 'garbage', '0'.repeat(64)]) : undefined;
    const what = `request ${n} (FAULT_SEED=${SEED}) ${method} ${path} ${JSON.stringify(headers)}`;
    const answer = await rawS3(s3.lab, { method, path, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body(random), sign, ...(payloadHash ? { payloadHash } : {}) });
    if (answer.status >= 500 && !(answer.status === 501 && (method === 'HEAD' || answer.body.includes('<Code>NotImplemented</Code>')))) serverErrors.push(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
    if (method !== 'HEAD' && answer.body !== '') {
      assert.equal(XMLValidator.validate(answer.body), true, `${what}: ${answer.body.slice(0, 300)}`);
      const code = /<Code>([^<]+)<\/Code>/.exec(answer.body)?.[1] ?? (answer.status < 300 ? 'OK' : 'missing');
      assert.notEqual(code, 'missing', `${what}: error without a Code: ${answer.body.slice(0, 300)}`);
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  }
  assert.deepEqual(serverErrors, []);
  assert.ok((codes.get('AccessDenied') ?? 0) > 5 && codes.size > 4, JSON.stringify([...codes]));
  const got = await s3.client().send(new GetObjectCommand({ Bucket: 'fuzz', Key: 'kept.txt' }));
  assert.equal(await got.Body?.transformToString(), 'kept');
});
