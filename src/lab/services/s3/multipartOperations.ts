// S3 multipart upload keyed by AWS names: CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts.
import { createHash, randomBytes } from 'node:crypto';
import { AwsError } from '../../http/AwsError';
import { malformedXml, parseXmlDocument } from '../../http/restXml';
import { checksumHeader, compositeChecksum, createChecksum, parseChecksumAlgorithm, type ChecksumAlgorithm } from './checksums';
import { checkKey, storedHeaders, userMetadata } from './objectHeaders';
import { storeObject } from './objectOperations';
import { receiveBody } from './receiveBody';
import { invalidArgument, noSuchUpload } from './s3Errors';
import type { PartRecord, StoredChecksum, UploadRecord } from './S3Metadata';
import { readSegments } from './S3Response';
import { existingBucket, readDocument, removeDataFiles, type S3Call, type S3Operation, type S3Store } from './S3Store';

/** Every part but the last must be at least 5 MiB. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export function existingUpload(call: S3Call, store: S3Store): UploadRecord {
  const bucket = existingBucket(call, store);
  const uploadId = call.address.query.get('uploadId') ?? '';
  const upload = store.metadata.upload(uploadId);
  if (!upload || upload.bucket !== bucket.name || upload.key !== call.address.key) throw noSuchUpload(uploadId);
  return upload;
}

export function partNumberOf(call: S3Call): number {
  const text = call.address.query.get('partNumber') ?? '';
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < 1 || number > 10000) throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', text);
  return number;
}

/** Records a part, replacing an earlier upload of the same number. */
export async function storePart(store: S3Store, upload: UploadRecord, part: PartRecord): Promise<void> {
  const old = upload.parts[String(part.partNumber)];
  await store.metadata.putPart(upload.uploadId, part);
  if (old) await removeDataFiles(store, [old.file]);
}

export const multipartOperations: Record<string, S3Operation> = {
  async CreateMultipartUpload(call, store) {
    const bucket = existingBucket(call, store);
    const key = call.address.key ?? '';
    checkKey(key);
    const algorithmHeader = call.req.headers['x-amz-checksum-algorithm'];
    const checksumAlgorithm = typeof algorithmHeader === 'string' ? parseChecksumAlgorithm(algorithmHeader) : undefined;
    const uploadId = randomBytes(48).toString('base64url');
    await store.metadata.putUpload({ uploadId, bucket: bucket.name, key, initiated: call.ctx.now().toISOString(), headers: storedHeaders(call.req), metadata: userMetadata(call.req), ...(checksumAlgorithm ? { checksumAlgorithm } : {}), parts: {} });
    return {
      headers: { 'x-amz-server-side-encryption': 'AES256', ...(checksumAlgorithm ? { 'x-amz-checksum-algorithm': checksumAlgorithm, 'x-amz-checksum-type': checksumAlgorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE' } : {}) },
      document: { root: 'InitiateMultipartUploadResult', content: { Bucket: bucket.name, Key: key, UploadId: uploadId } },
    };
  },

  async UploadPart(call, store) {
    const upload = existingUpload(call, store);
    const partNumber = partNumberOf(call);
    const received = await receiveBody(call.req, call.identity, store.dataDir, upload.checksumAlgorithm);
    const etag = `"${received.md5Hex}"`;
    await storePart(store, upload, { partNumber, etag, size: received.size, file: received.file, lastModified: call.ctx.now().toISOString(), ...(received.checksum ? { checksum: received.checksum.value } : {}) });
    return { headers: { ETag: etag, 'x-amz-server-side-encryption': 'AES256', ...(received.checksum ? { [checksumHeader(received.checksum.algorithm)]: received.checksum.value } : {}) } };
  },

  async CompleteMultipartUpload(call, store) {
    const upload = existingUpload(call, store);
    const root = parseXmlDocument(await readDocument(call, store)).CompleteMultipartUpload;
    const listed = root !== null && typeof root === 'object' ? (root as Record<string, unknown>).Part : undefined;
    const entries = listed === undefined ? [] : Array.isArray(listed) ? listed : [listed];
    if (entries.length === 0) throw malformedXml();
    const parts: PartRecord[] = [];
    for (const entry of entries) {
      const fields = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
      const number = Number(fields.PartNumber);
      const etag = typeof fields.ETag === 'string' ? fields.ETag.trim() : '';
      if (!Number.isInteger(number)) throw malformedXml();
      if (parts.length > 0 && number <= (parts.at(-1)?.partNumber ?? 0)) throw new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.', { body: { UploadId: upload.uploadId } });
      const part = upload.parts[String(number)];
      if (!part || (part.etag !== etag && part.etag !== `"${etag}"`)) {
        throw new AwsError('InvalidPart', "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.", { body: { UploadId: upload.uploadId, PartNumber: number, ETag: etag } });
      }
      parts.push(part);
    }
    const small = parts.slice(0, -1).find((part) => part.size < MIN_PART_BYTES);
    if (small) throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', { body: { ProposedSize: small.size, MinSizeAllowed: MIN_PART_BYTES, PartNumber: small.partNumber, ETag: small.etag } });
    const md5 = createHash('md5');
    for (const part of parts) md5.update(Buffer.from(part.etag.replace(/"/g, ''), 'hex'));
    const etag = `"${md5.digest('hex')}-${parts.length}"`;
    const segments = parts.map((part) => ({ file: part.file, size: part.size }));
    const size = segments.reduce((sum, segment) => sum + segment.size, 0);
    const checksum = await objectChecksum(store, upload, parts, segments);
    await storeObject(store, upload.bucket, { key: upload.key, size, etag, lastModified: call.ctx.now().toISOString(), headers: upload.headers, metadata: upload.metadata, ...(checksum ? { checksum } : {}), segments, partsCount: parts.length });
    const used = new Set(parts.map((part) => part.file));
    await store.metadata.dropUpload(upload.uploadId);
    await removeDataFiles(store, Object.values(upload.parts).map((part) => part.file).filter((file) => !used.has(file)));
    const host = call.req.headers.host ?? 'localhost';
    return {
      headers: { 'x-amz-server-side-encryption': 'AES256' },
      document: {
        root: 'CompleteMultipartUploadResult',
        content: {
          Location: `http://${host}/${upload.bucket}/${encodeURI(upload.key)}`,
          Bucket: upload.bucket,
          Key: upload.key,
          ETag: etag,
          ...(checksum ? { [`Checksum${checksum.algorithm}`]: checksum.value, ChecksumType: checksum.type } : {}),
        },
      },
    };
  },

  async AbortMultipartUpload(call, store) {
    const upload = existingUpload(call, store);
    await store.metadata.dropUpload(upload.uploadId);
    await removeDataFiles(store, Object.values(upload.parts).map((part) => part.file));
    return { status: 204 };
  },

  async ListParts(call, store) {
    const upload = existingUpload(call, store);
    const parts = Object.values(upload.parts).sort((a, b) => a.partNumber - b.partNumber);
    return {
      document: {
        root: 'ListPartsResult',
        content: {
          Bucket: upload.bucket,
          Key: upload.key,
          UploadId: upload.uploadId,
          StorageClass: 'STANDARD',
          IsTruncated: false,
          MaxParts: 1000,
          ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: upload.checksumAlgorithm } : {}),
          Part: parts.map((part) => ({ PartNumber: part.partNumber, LastModified: new Date(part.lastModified), ETag: part.etag, Size: part.size, ...(part.checksum && upload.checksumAlgorithm ? { [`Checksum${upload.checksumAlgorithm}`]: part.checksum } : {}) })),
        },
      },
    };
  },
};

/** COMPOSITE checksums come from the parts' checksums; CRC64NVME is FULL_OBJECT, computed over the stored data. */
async function objectChecksum(store: S3Store, upload: UploadRecord, parts: readonly PartRecord[], segments: { file: string; size: number }[]): Promise<StoredChecksum | undefined> {
  if (upload.checksumAlgorithm === undefined) return undefined;
  const algorithm = upload.checksumAlgorithm as ChecksumAlgorithm;
  if (algorithm === 'CRC64NVME') {
    const checksum = createChecksum(algorithm);
    const size = segments.reduce((sum, segment) => sum + segment.size, 0);
    for await (const chunk of readSegments(store.dataDir, segments, 0, size - 1)) checksum.update(chunk);
    return { algorithm, value: await checksum.digest(), type: 'FULL_OBJECT' };
  }
  if (parts.some((part) => part.checksum === undefined)) return undefined;
  return { algorithm, value: await compositeChecksum(algorithm, parts.map((part) => part.checksum ?? '')), type: 'COMPOSITE' };
}
