// S3 object operations keyed by their AWS names: PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects.
import { AwsError } from '../../http/AwsError';
import { malformedXml, parseXmlDocument, type RestXmlValue } from '../../http/restXml';
import { checksumHeader, type ChecksumAlgorithm } from './checksums';
import { checkConditions, checkKey, objectHeaders, parseRange, storedHeaders, userMetadata } from './objectHeaders';
import { receiveBody } from './receiveBody';
import { noSuchKey } from './s3Errors';
import type { ObjectRecord } from './S3Metadata';
import { existingBucket, readDocument, removeDataFiles, type S3Call, type S3Operation, type S3Store } from './S3Store';

/** Records an object (replacing any with that key) and removes the data the old one used. */
export async function storeObject(store: S3Store, bucket: string, object: ObjectRecord): Promise<void> {
  const old = store.metadata.object(bucket, object.key);
  await store.metadata.putObject(bucket, object);
  if (old) await removeDataFiles(store, old.segments.map((segment) => segment.file).filter((file) => !object.segments.some((kept) => kept.file === file)));
}

export async function dropObject(store: S3Store, bucket: string, key: string): Promise<void> {
  const old = store.metadata.object(bucket, key);
  if (!old) return;
  await store.metadata.dropObject(bucket, key);
  await removeDataFiles(store, old.segments.map((segment) => segment.file));
}

function existingObject(call: S3Call, store: S3Store): ObjectRecord {
  const bucket = existingBucket(call, store);
  const key = call.address.key ?? '';
  const object = store.metadata.object(bucket.name, key);
  if (!object) throw noSuchKey(key);
  return object;
}

async function readObject(call: S3Call, store: S3Store) {
  const object = existingObject(call, store);
  const checksumMode = call.req.headers['x-amz-checksum-mode'] === 'ENABLED';
  const headers = objectHeaders(object, checksumMode);
  if (checkConditions(call.req, object) === 304) return { status: 304, headers: { ETag: object.etag, 'Last-Modified': headers['Last-Modified'] } };
  const range = parseRange(typeof call.req.headers.range === 'string' ? call.req.headers.range : undefined, object.size);
  if (!range) return { headers, bytes: { segments: object.segments, start: 0, end: object.size - 1 } };
  // A part of the object carries no whole-object checksum.
  const { [checksumHeader((object.checksum?.algorithm ?? 'CRC32') as ChecksumAlgorithm)]: _dropped, ...partial } = headers;
  return { status: 206, headers: { ...partial, 'Content-Range': `bytes ${range.start}-${range.end}/${object.size}` }, bytes: { segments: object.segments, ...range } };
}

export const objectOperations: Record<string, S3Operation> = {
  async PutObject(call, store) {
    const bucket = existingBucket(call, store);
    const key = call.address.key ?? '';
    checkKey(key);
    const headers = storedHeaders(call.req);
    const metadata = userMetadata(call.req);
    const received = await receiveBody(call.req, call.identity, store.dataDir);
    const etag = `"${received.md5Hex}"`;
    await storeObject(store, bucket.name, {
      key,
      size: received.size,
      etag,
      lastModified: call.ctx.now().toISOString(),
      headers,
      metadata,
      ...(received.checksum ? { checksum: { ...received.checksum, type: 'FULL_OBJECT' as const } } : {}),
      segments: [{ file: received.file, size: received.size }],
    });
    return {
      headers: {
        ETag: etag,
        'x-amz-server-side-encryption': 'AES256',
        ...(received.checksum ? { [checksumHeader(received.checksum.algorithm)]: received.checksum.value, 'x-amz-checksum-type': 'FULL_OBJECT' } : {}),
      },
    };
  },

  GetObject: (call, store) => readObject(call, store),
  HeadObject: (call, store) => readObject(call, store),

  /** The lab keeps no object tags: every object has an empty tag set (what `aws s3 cp` reads before copying). */
  async GetObjectTagging(call, store) {
    existingObject(call, store);
    return { document: { root: 'Tagging', content: { TagSet: {} } } };
  },

  async DeleteObject(call, store) {
    const bucket = existingBucket(call, store);
    await dropObject(store, bucket.name, call.address.key ?? '');
    return { status: 204 };
  },

  async DeleteObjects(call, store) {
    const bucket = existingBucket(call, store);
    const hasDigest = call.req.headers['content-md5'] !== undefined || Object.keys(call.req.headers).some((name) => name.startsWith('x-amz-checksum-') || name === 'x-amz-sdk-checksum-algorithm' || name === 'x-amz-trailer');
    if (!hasDigest) throw new AwsError('InvalidRequest', 'Missing required header for this request: Content-MD5 OR x-amz-checksum-*');
    const document = parseXmlDocument(await readDocument(call, store)).Delete;
    if (document === null || typeof document !== 'object') throw malformedXml();
    const fields = document as Record<string, unknown>;
    const entries = fields.Object === undefined ? [] : Array.isArray(fields.Object) ? fields.Object : [fields.Object];
    if (entries.length === 0 || entries.length > 1000) throw malformedXml();
    const quiet = fields.Quiet === 'true';
    const deleted: RestXmlValue[] = [];
    for (const entry of entries) {
      const key = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).Key : undefined;
      if (typeof key !== 'string') throw malformedXml();
      await dropObject(store, bucket.name, key);
      if (!quiet) deleted.push({ Key: key });
    }
    return { document: { root: 'DeleteResult', content: { Deleted: deleted } } };
  },
};
