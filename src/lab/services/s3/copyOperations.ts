// S3 server-side copies keyed by AWS names: CopyObject and UploadPartCopy (what `aws s3 cp s3://… s3://…` sends).
import { createHash, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { AwsError } from '../../http/AwsError';
import { checkKey, parseRange, storedHeaders, userMetadata } from './objectHeaders';
import { storeObject } from './objectOperations';
import { existingUpload, partNumberOf, storePart } from './multipartOperations';
import { noSuchBucket, noSuchKey } from './s3Errors';
import type { ObjectRecord, Segment } from './S3Metadata';
import { readSegments } from './S3Response';
import { existingBucket, type S3Call, type S3Operation, type S3Store } from './S3Store';

/** CopyObject copies at most 5 GiB; larger objects are copied part by part. */
const MAX_COPY_BYTES = 5 * 1024 ** 3;

/** x-amz-copy-source: `[/]bucket/key[?versionId=…]`, URL-encoded. */
function copySource(call: S3Call, store: S3Store): { bucket: string; object: ObjectRecord } {
  const header = String(call.req.headers['x-amz-copy-source'] ?? '');
  const withoutVersion = header.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutVersion.replace(/^\//, ''));
  } catch {
    throw new AwsError('InvalidArgument', 'Invalid copy source encoding', { body: { ArgumentName: 'x-amz-copy-source', ArgumentValue: header } });
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw new AwsError('InvalidArgument', 'Invalid copy source object key', { body: { ArgumentName: 'x-amz-copy-source', ArgumentValue: header } });
  const bucket = decoded.slice(0, slash);
  const key = decoded.slice(slash + 1);
  if (!store.metadata.bucket(bucket)) throw noSuchBucket(bucket);
  const object = store.metadata.object(bucket, key);
  if (!object) throw noSuchKey(key);
  return { bucket, object };
}

/** Copies bytes start..end of the segments into a new data file; returns its name and MD5. */
async function copyBytes(store: S3Store, segments: readonly Segment[], start: number, end: number): Promise<{ file: string; size: number; md5Hex: string }> {
  const file = randomBytes(16).toString('hex');
  const handle = await open(join(store.dataDir, file), 'w', 0o600);
  const md5 = createHash('md5');
  let size = 0;
  try {
    for await (const chunk of readSegments(store.dataDir, segments, start, end)) {
      md5.update(chunk);
      size += chunk.length;
      await handle.write(chunk);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { file, size, md5Hex: md5.digest('hex') };
}

export const copyOperations: Record<string, S3Operation> = {
  async CopyObject(call, store) {
    const bucket = existingBucket(call, store);
    const key = call.address.key ?? '';
    checkKey(key);
    const source = copySource(call, store);
    if (source.object.size > MAX_COPY_BYTES) throw new AwsError('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_BYTES}`);
    const replace = call.req.headers['x-amz-metadata-directive'] === 'REPLACE';
    if (source.bucket === bucket.name && source.object.key === key && !replace) {
      throw new AwsError('InvalidRequest', "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
    }
    const copied = await copyBytes(store, source.object.segments, 0, source.object.size - 1);
    const etag = `"${copied.md5Hex}"`;
    const lastModified = call.ctx.now().toISOString();
    await storeObject(store, bucket.name, {
      key,
      size: copied.size,
      etag,
      lastModified,
      headers: replace ? storedHeaders(call.req) : source.object.headers,
      metadata: replace ? userMetadata(call.req) : source.object.metadata,
      ...(source.object.checksum?.type === 'FULL_OBJECT' ? { checksum: source.object.checksum } : {}),
      segments: [{ file: copied.file, size: copied.size }],
    });
    return { headers: { 'x-amz-server-side-encryption': 'AES256' }, document: { root: 'CopyObjectResult', content: { ETag: etag, LastModified: new Date(lastModified) } } };
  },

  async UploadPartCopy(call, store) {
    const upload = existingUpload(call, store);
    const partNumber = partNumberOf(call);
    const source = copySource(call, store);
    const rangeHeader = call.req.headers['x-amz-copy-source-range'];
    const range = typeof rangeHeader === 'string' ? parseRange(rangeHeader, source.object.size) : undefined;
    if (typeof rangeHeader === 'string' && !range) throw new AwsError('InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', { body: { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: rangeHeader } });
    const copied = await copyBytes(store, source.object.segments, range?.start ?? 0, range?.end ?? source.object.size - 1);
    const etag = `"${copied.md5Hex}"`;
    const lastModified = call.ctx.now().toISOString();
    await storePart(store, upload, { partNumber, etag, size: copied.size, file: copied.file, lastModified });
    return { document: { root: 'CopyPartResult', content: { ETag: etag, LastModified: new Date(lastModified) } } };
  },
};
