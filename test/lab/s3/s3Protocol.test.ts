// S3 on the wire: SDK v3 checksums and trailers, signed aws-chunked uploads, virtual-hosted requests, S3's XML errors.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import {
  CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteBucketCommand, GetObjectCommand, HeadObjectCommand,
  ListObjectsV2Command, PutObjectCommand, UploadPartCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { XMLParser } from 'fast-xml-parser';
import { rawS3, signedChunks, startS3Lab, type S3Lab } from './s3Fixture';

let s3: S3Lab;
let client: S3Client;
const xml = new XMLParser({ parseTagValue: false });

before(async () => {
  s3 = await startS3Lab();
  client = s3.client();
  await client.send(new CreateBucketCommand({ Bucket: 'wire' }));
});
after(() => s3.close());

function errorOf(body: string): Record<string, string> {
  return (xml.parse(body) as { Error: Record<string, string> }).Error;
}

async function dataFiles(): Promise<string[]> {
  return (await readdir(join(s3.dir, 'state', 's3', 'data'))).sort();
}

test('the SDK streams with STREAMING-UNSIGNED-PAYLOAD-TRAILER and a CRC32 trailer; CRC64NVME is kept and returned', async () => {
  const data = Buffer.from('streamed through aws-chunked\n'.repeat(5000));
  const put = await client.send(new PutObjectCommand({ Bucket: 'wire', Key: 'streamed.txt', Body: Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]), ContentLength: data.length }));
  assert.equal(put.ETag, `"${createHash('md5').update(data).digest('hex')}"`);
  assert.ok(put.ChecksumCRC32, 'the CRC32 of the trailer is echoed');
  const nvme = await client.send(new PutObjectCommand({ Bucket: 'wire', Key: 'nvme.txt', Body: 'hello world', ChecksumAlgorithm: 'CRC64NVME' }));
  assert.equal(nvme.ChecksumCRC64NVME, 'jSnVw/bqjr4=');
  const head = await client.send(new HeadObjectCommand({ Bucket: 'wire', Key: 'nvme.txt', ChecksumMode: 'ENABLED' }));
  assert.equal(head.ChecksumCRC64NVME, 'jSnVw/bqjr4=');
  const got = await client.send(new GetObjectCommand({ Bucket: 'wire', Key: 'streamed.txt' }));
  assert.equal(Buffer.from(await got.Body?.transformToByteArray() ?? []).equals(data), true);
});

test('a signed aws-chunked upload (with and without a signed trailer) is decoded; a forged chunk signature is refused', async () => {
  const chunks = [Buffer.alloc(65_536, 'a'), Buffer.alloc(1000, 'b')];
  const length = String(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  const headers = { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': length };
  const plain = await rawS3(s3.lab, { method: 'PUT', path: '/wire/chunked.bin', headers, payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', bodyAfterSigning: (seed, date, scope) => signedChunks(seed, date, scope, chunks) });
  assert.equal(plain.status, 200, plain.body);
  const crc = (await client.send(new PutObjectCommand({ Bucket: 'wire', Key: 'crc-probe', Body: Buffer.concat(chunks), ChecksumAlgorithm: 'CRC32' }))).ChecksumCRC32;
  const trailed = await rawS3(s3.lab, {
    method: 'PUT', path: '/wire/trailed.bin', headers: { ...headers, 'x-amz-trailer': 'x-amz-checksum-crc32' }, payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
    bodyAfterSigning: (seed, date, scope) => signedChunks(seed, date, scope, chunks, `x-amz-checksum-crc32:${crc}`),
  });
  assert.equal(trailed.status, 200, trailed.body);
  assert.equal(trailed.headers['x-amz-checksum-crc32'], crc);
  const before = await dataFiles();
  const forged = await rawS3(s3.lab, { method: 'PUT', path: '/wire/forged.bin', headers, payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', bodyAfterSigning: (seed, date, scope) => signedChunks(seed.replace(/^./, (c) => (c === '0' ? '1' : '0')), date, scope, chunks) });
  assert.equal(forged.status, 403);
  assert.equal(errorOf(forged.body).Code, 'SignatureDoesNotMatch');
  assert.deepEqual(await dataFiles(), before, 'nothing of the refused upload stays on disk');
  const listed = await client.send(new ListObjectsV2Command({ Bucket: 'wire', Prefix: 'forged' }));
  assert.equal(listed.KeyCount, 0);
});

test('a wrong checksum trailer is BadDigest and leaves no object; a wrong payload hash is XAmzContentSHA256Mismatch', async () => {
  const before = await dataFiles();
  const body = Buffer.from('5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n');
  const wrongTrailer = await rawS3(s3.lab, { method: 'PUT', path: '/wire/bad-trailer.txt', body, payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5', 'x-amz-trailer': 'x-amz-checksum-crc32' } });
  assert.equal(wrongTrailer.status, 400);
  assert.deepEqual([errorOf(wrongTrailer.body).Code, errorOf(wrongTrailer.body).Message], ['BadDigest', 'The CRC32 you specified did not match the calculated checksum.']);
  const wrongHash = await rawS3(s3.lab, { method: 'PUT', path: '/wire/bad-hash.txt', body: 'hello', payloadHash: createHash('sha256').update('other').digest('hex') });
  assert.equal(wrongHash.status, 400);
  assert.equal(errorOf(wrongHash.body).Code, 'XAmzContentSHA256Mismatch');
  const wrongMd5 = await rawS3(s3.lab, { method: 'PUT', path: '/wire/bad-md5.txt', body: 'hello', headers: { 'content-md5': createHash('md5').update('other').digest('base64') } });
  assert.equal(errorOf(wrongMd5.body).Code, 'BadDigest');
  for (const key of ['bad-trailer.txt', 'bad-hash.txt', 'bad-md5.txt']) {
    await assert.rejects(client.send(new HeadObjectCommand({ Bucket: 'wire', Key: key })), { name: 'NotFound' });
  }
  assert.deepEqual(await dataFiles(), before);
  const unsignedPayload = await rawS3(s3.lab, { method: 'PUT', path: '/wire/unsigned-payload.txt', body: 'hello', payloadHash: 'UNSIGNED-PAYLOAD' });
  assert.equal(unsignedPayload.status, 200);
});

test('unsigned, wrongly signed and unknown-key requests get S3 errors and change nothing', async () => {
  const unsigned = await rawS3(s3.lab, { method: 'PUT', path: '/wire/anonymous.txt', body: 'x', sign: false });
  assert.equal(unsigned.status, 403);
  assert.deepEqual([errorOf(unsigned.body).Code, errorOf(unsigned.body).Message], ['AccessDenied', 'Access Denied']);
  const unsignedBucket = await rawS3(s3.lab, { method: 'PUT', path: '/anonymous-bucket', sign: false });
  assert.equal(errorOf(unsignedBucket.body).Code, 'AccessDenied');
  const listing = await rawS3(s3.lab, { method: 'GET', path: '/', sign: false });
  assert.equal(errorOf(listing.body).Code, 'AccessDenied');
  await assert.rejects(client.send(new HeadObjectCommand({ Bucket: 'wire', Key: 'anonymous.txt' })), { name: 'NotFound' });
  const buckets = await rawS3(s3.lab, { method: 'GET', path: '/' });
  assert.doesNotMatch(buckets.body, /anonymous-bucket/);
});

test('a sub-resource the lab does not keep is NotImplemented (501), named in a sentence that says where to run it', async () => {
  const acl = await rawS3(s3.lab, { method: 'GET', path: '/wire?acl' });
  assert.equal(acl.status, 501);
  assert.equal(errorOf(acl.body).Code, 'NotImplemented');
  assert.match(String(errorOf(acl.body).Message), /does not serve GET \?acl on a bucket.*Run this request against AWS/);
  const tagging = await rawS3(s3.lab, { method: 'PUT', path: '/wire/some.txt?tagging', body: '<Tagging><TagSet/></Tagging>' });
  assert.equal(tagging.status, 501);
  assert.match(String(errorOf(tagging.body).Message), /PUT \?tagging on an object/);
});

test('virtual-hosted requests (BUCKET.localhost and BUCKET.s3.localhost) reach the same bucket', async () => {
  const port = new URL(s3.lab.endpoint).port;
  const put = await rawS3(s3.lab, { method: 'PUT', path: '/virtual/key.txt', body: 'by host', host: `wire.localhost:${port}` });
  assert.equal(put.status, 200, put.body);
  const got = await rawS3(s3.lab, { method: 'GET', path: '/virtual/key.txt', host: `wire.s3.localhost:${port}` });
  assert.equal(got.body, 'by host');
  const listed = await rawS3(s3.lab, { method: 'GET', path: '/?list-type=2&prefix=virtual%2F', host: `wire.localhost:${port}` });
  assert.match(listed.body, /<Key>virtual\/key.txt<\/Key>/);
  const missing = await rawS3(s3.lab, { method: 'GET', path: '/x', host: `no-such-bucket.localhost:${port}` });
  assert.deepEqual([missing.status, errorOf(missing.body).Code, errorOf(missing.body).BucketName], [404, 'NoSuchBucket', 'no-such-bucket']);
});

test('bucket rules: names, LocationConstraint per region, already owned, not empty', async () => {
  await assert.rejects(client.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })), { name: 'InvalidBucketName' });
  const owned = await client.send(new CreateBucketCommand({ Bucket: 'wire' }));
  assert.equal(owned.$metadata.httpStatusCode, 200, 'us-east-1 answers 200 to re-creating your own bucket');
  const europe = s3.client('eu-west-1');
  // The SDK fills LocationConstraint in from its region; a request without one is sent raw.
  const unspecified = await rawS3(s3.lab, { method: 'PUT', path: '/euro-bucket', region: 'eu-west-1' });
  assert.deepEqual([unspecified.status, errorOf(unspecified.body).Code], [400, 'IllegalLocationConstraintException']);
  const mismatched = await rawS3(s3.lab, { method: 'PUT', path: '/euro-bucket', region: 'eu-west-1', body: '<CreateBucketConfiguration><LocationConstraint>eu-central-1</LocationConstraint></CreateBucketConfiguration>' });
  assert.equal(errorOf(mismatched.body).Message, 'The eu-central-1 location constraint is incompatible for the region specific endpoint this request was sent to.');
  await europe.send(new CreateBucketCommand({ Bucket: 'euro-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  await assert.rejects(europe.send(new CreateBucketCommand({ Bucket: 'euro-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })), { name: 'BucketAlreadyOwnedByYou' });
  const east = await rawS3(s3.lab, { method: 'PUT', path: '/east-bucket', body: '<CreateBucketConfiguration><LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>' });
  assert.deepEqual([east.status, errorOf(east.body).Code], [400, 'InvalidLocationConstraint']);
  await client.send(new PutObjectCommand({ Bucket: 'wire', Key: 'keeps-the-bucket', Body: 'x' }));
  await assert.rejects(client.send(new DeleteBucketCommand({ Bucket: 'wire' })), { name: 'BucketNotEmpty' });
  await assert.rejects(client.send(new GetObjectCommand({ Bucket: 'wire', Key: 'missing' })), (error: Error & { Key?: string }) => error.name === 'NoSuchKey' && error.message === 'The specified key does not exist.');
  await assert.rejects(client.send(new GetObjectCommand({ Bucket: 'missing-bucket', Key: 'k' })), { name: 'NoSuchBucket' });
});

test('multipart upload: parts in order, 5 MiB minimum, ETag of the parts; Range reads across parts', async () => {
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'wire', Key: 'multi.bin' }));
  const part1 = Buffer.alloc(5 * 1024 * 1024, 1);
  const part2 = Buffer.from('tail of the object');
  const first = await client.send(new UploadPartCommand({ Bucket: 'wire', Key: 'multi.bin', UploadId, PartNumber: 1, Body: part1 }));
  const second = await client.send(new UploadPartCommand({ Bucket: 'wire', Key: 'multi.bin', UploadId, PartNumber: 2, Body: part2 }));
  await assert.rejects(client.send(new CompleteMultipartUploadCommand({ Bucket: 'wire', Key: 'multi.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: second.ETag }, { PartNumber: 1, ETag: first.ETag }] } })), { name: 'InvalidPartOrder' });
  await assert.rejects(client.send(new CompleteMultipartUploadCommand({ Bucket: 'wire', Key: 'multi.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"0000"' }] } })), { name: 'InvalidPart' });
  const done = await client.send(new CompleteMultipartUploadCommand({ Bucket: 'wire', Key: 'multi.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: first.ETag }, { PartNumber: 2, ETag: second.ETag }] } }));
  const expected = createHash('md5').update(Buffer.concat([part1, part2].map((part) => createHash('md5').update(part).digest()))).digest('hex');
  assert.equal(done.ETag, `"${expected}-2"`);
  const range = await client.send(new GetObjectCommand({ Bucket: 'wire', Key: 'multi.bin', Range: `bytes=${part1.length - 2}-${part1.length + 3}` }));
  assert.equal(range.ContentRange, `bytes ${part1.length - 2}-${part1.length + 3}/${part1.length + part2.length}`);
  assert.deepEqual([...(await range.Body?.transformToByteArray() ?? [])], [1, 1, ...Buffer.from('tail')]);
  await assert.rejects(client.send(new GetObjectCommand({ Bucket: 'wire', Key: 'multi.bin', Range: 'bytes=999999999-' })), { name: 'InvalidRange' });
  const small = await client.send(new CreateMultipartUploadCommand({ Bucket: 'wire', Key: 'small.bin' }));
  const a = await client.send(new UploadPartCommand({ Bucket: 'wire', Key: 'small.bin', UploadId: small.UploadId, PartNumber: 1, Body: 'a' }));
  const b = await client.send(new UploadPartCommand({ Bucket: 'wire', Key: 'small.bin', UploadId: small.UploadId, PartNumber: 2, Body: 'b' }));
  await assert.rejects(client.send(new CompleteMultipartUploadCommand({ Bucket: 'wire', Key: 'small.bin', UploadId: small.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: a.ETag }, { PartNumber: 2, ETag: b.ETag }] } })), { name: 'EntityTooSmall' });
});

test('ListObjectsV2 pages with a delimiter walk every key and common prefix exactly once', async () => {
  const keys = ['list/a.txt', 'list/b/1.txt', 'list/b/2.txt', 'list/c.txt', 'list/d/1.txt', 'list/e.txt'];
  for (const key of keys) await client.send(new PutObjectCommand({ Bucket: 'wire', Key: key, Body: key }));
  const seen: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: 'wire', Prefix: 'list/', Delimiter: '/', MaxKeys: 2, ContinuationToken: token }));
    seen.push(...(page.Contents ?? []).map((item) => item.Key ?? ''), ...(page.CommonPrefixes ?? []).map((item) => item.Prefix ?? ''));
    assert.ok((page.KeyCount ?? 0) <= 2);
    token = page.NextContinuationToken;
  } while (token);
  assert.deepEqual(seen.sort(), ['list/a.txt', 'list/b/', 'list/c.txt', 'list/d/', 'list/e.txt']);
});

test('objects and buckets survive a lab restart', async () => {
  const dir = s3.dir;
  await s3.lab.stop();
  const again = await startS3Lab({ dir, keep: true });
  try {
    const got = await again.client().send(new GetObjectCommand({ Bucket: 'wire', Key: 'nvme.txt' }));
    assert.equal(await got.Body?.transformToString(), 'hello world');
  } finally {
    await again.close();
  }
  s3 = await startS3Lab({ dir });
  client = s3.client();
});
