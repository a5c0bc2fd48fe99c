// What every S3 operation works with: the metadata, the data folder, the account's owner identity, and the request being served.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { AwsError } from '../../http/AwsError';
import type { RequestContext } from '../../http/types';
import type { VerifiedIdentity } from '../../http/verifySignature';
import { receiveBody } from './receiveBody';
import { noSuchBucket, wrongRegion } from './s3Errors';
import type { BucketRecord, S3Metadata } from './S3Metadata';
import type { S3Address } from './s3Request';
import type { S3Response } from './S3Response';

/** Request documents (DeleteObjects, CompleteMultipartUpload, CreateBucket) are small; S3 caps them too. */
const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export interface S3Store {
  readonly metadata: S3Metadata;
  readonly dataDir: string;
  readonly now: () => Date;
}

export interface S3Call {
  readonly req: IncomingMessage;
  readonly method: string;
  readonly ctx: RequestContext;
  readonly identity: VerifiedIdentity;
  readonly address: S3Address;
}

export type S3Operation = (call: S3Call, store: S3Store) => Promise<S3Response>;

/** The canonical user id S3 shows as Owner.ID: 64 hex characters, stable per account. */
export function ownerOf(accountId: string): { ID: string; DisplayName: string } {
  return { ID: createHash('sha256').update(`lab-owner:${accountId}`).digest('hex'), DisplayName: 'lab' };
}

/** The bucket a call names, which must exist and be in the region the request was signed for. */
export function existingBucket(call: S3Call, store: S3Store): BucketRecord {
  const name = call.address.bucket ?? '';
  const bucket = store.metadata.bucket(name);
  if (!bucket) throw noSuchBucket(name);
  if (bucket.region !== call.ctx.region) throw wrongRegion(call.ctx.region, bucket.region);
  return bucket;
}

/** Reads a small request document, verified like any payload. */
export async function readDocument(call: S3Call, store: S3Store): Promise<string> {
  const length = Number(call.req.headers['x-amz-decoded-content-length'] ?? call.req.headers['content-length'] ?? 0);
  if (length > MAX_DOCUMENT_BYTES) throw new AwsError('MaxMessageLengthExceeded', 'Your request was too big.');
  const received = await receiveBody(call.req, call.identity, store.dataDir);
  const path = join(store.dataDir, received.file);
  try {
    return await readFile(path, 'utf8');
  } finally {
    await rm(path, { force: true });
  }
}

/** Removes data files no record refers to any more; a reader may still hold one open (Windows), then the next start removes it. */
export async function removeDataFiles(store: S3Store, files: readonly string[]): Promise<void> {
  await Promise.all(files.map((file) => rm(join(store.dataDir, file), { force: true }).catch(() => undefined)));
}

export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
