// S3 listings keyed by AWS names: ListObjectsV2, ListObjects (prefix, delimiter, paging) and ListMultipartUploads.
import type { RestXmlValue } from '../../http/restXml';
import { invalidArgument } from './s3Errors';
import { compareUtf8, endOfPrefix, firstAfter, firstAtOrAfter } from './keyOrder';
import type { ObjectRecord } from './S3Metadata';
import { existingBucket, ownerOf, type S3Operation, type S3Store } from './S3Store';

export interface ListPage {
  readonly contents: ObjectRecord[];
  readonly commonPrefixes: string[];
  readonly truncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  readonly last?: string;
}

/**
 * Walks the keys in order after `marker`, rolling keys that contain `delimiter` after `prefix` into common
 * prefixes; each key and each common prefix counts once against `maxKeys`. The walk starts where the prefix (or the
 * marker) falls in the bucket's sorted keys and jumps over the keys a common prefix stands for, so a page costs what it
 * returns, not what the bucket holds.
 */
export function listPage(store: S3Store, bucket: string, prefix: string, delimiter: string, marker: string, maxKeys: number): ListPage {
  const contents: ObjectRecord[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let count = 0;
  const keys = store.metadata.sortedKeys(bucket);
  let at = marker !== '' && compareUtf8(marker, prefix) >= 0 ? firstAfter(keys, marker) : firstAtOrAfter(keys, prefix);
  // A marker that is a common prefix stands for every key under it.
  if (marker !== '' && delimiter !== '' && marker.endsWith(delimiter)) at = endOfPrefix(keys, marker, at);
  while (at < keys.length) {
    const key = keys[at] as string;
    if (!key.startsWith(prefix)) break;
    const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const rolled = cut < 0 ? undefined : key.slice(0, cut + delimiter.length);
    if (count === maxKeys) return { contents, commonPrefixes, truncated: true, last };
    count += 1;
    if (rolled !== undefined) {
      commonPrefixes.push(rolled);
      last = rolled;
      at = endOfPrefix(keys, rolled, at);
      continue;
    }
    const object = store.metadata.object(bucket, key);
    if (object) contents.push(object);
    last = key;
    at += 1;
  }
  return { contents, commonPrefixes, truncated: false, last };
}

function maxKeysOf(text: string | null): number {
  if (text === null) return 1000;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < 0) throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', text);
  return Math.min(value, 1000);
}

/** encoding-type=url: keys and prefixes URL-encoded, "/" kept, as S3 does for keys XML cannot carry. */
function encoder(encodingType: string | null): (text: string) => string {
  if (encodingType === null) return (text) => text;
  if (encodingType !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  return (text) => encodeURIComponent(text).replace(/%2F/g, '/');
}

function contentsView(object: ObjectRecord, encode: (text: string) => string, owner: RestXmlValue | undefined): RestXmlValue {
  return {
    Key: encode(object.key),
    LastModified: new Date(object.lastModified),
    ETag: object.etag,
    ...(object.checksum ? { ChecksumAlgorithm: object.checksum.algorithm } : {}),
    Size: object.size,
    ...(owner ? { Owner: owner } : {}),
    StorageClass: 'STANDARD',
  };
}

export const listOperations: Record<string, S3Operation> = {
  async ListObjectsV2(call, store) {
    const bucket = existingBucket(call, store);
    const query = call.address.query;
    const prefix = query.get('prefix') ?? '';
    const delimiter = query.get('delimiter') ?? '';
    const maxKeys = maxKeysOf(query.get('max-keys'));
    const encode = encoder(query.get('encoding-type'));
    const token = query.get('continuation-token');
    let marker = query.get('start-after') ?? '';
    if (token !== null) {
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      if (!decoded.startsWith('1:')) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
      marker = decoded.slice(2);
    }
    const page = listPage(store, bucket.name, prefix, delimiter, marker, maxKeys);
    const owner = query.get('fetch-owner') === 'true' ? ownerOf(call.ctx.accountId) : undefined;
    return {
      document: {
        root: 'ListBucketResult',
        content: {
          Name: bucket.name,
          Prefix: encode(prefix),
          ...(delimiter !== '' ? { Delimiter: encode(delimiter) } : {}),
          MaxKeys: maxKeys,
          ...(query.has('encoding-type') ? { EncodingType: 'url' } : {}),
          IsTruncated: page.truncated,
          ...(token !== null ? { ContinuationToken: token } : {}),
          ...(page.truncated && page.last !== undefined ? { NextContinuationToken: Buffer.from(`1:${page.last}`, 'utf8').toString('base64') } : {}),
          ...(query.has('start-after') ? { StartAfter: encode(query.get('start-after') ?? '') } : {}),
          KeyCount: page.contents.length + page.commonPrefixes.length,
          Contents: page.contents.map((object) => contentsView(object, encode, owner)),
          CommonPrefixes: page.commonPrefixes.map((common) => ({ Prefix: encode(common) })),
        },
      },
    };
  },

  async ListObjects(call, store) {
    const bucket = existingBucket(call, store);
    const query = call.address.query;
    const prefix = query.get('prefix') ?? '';
    const delimiter = query.get('delimiter') ?? '';
    const marker = query.get('marker') ?? '';
    const maxKeys = maxKeysOf(query.get('max-keys'));
    const encode = encoder(query.get('encoding-type'));
    const page = listPage(store, bucket.name, prefix, delimiter, marker, maxKeys);
    const owner = ownerOf(call.ctx.accountId);
    return {
      document: {
        root: 'ListBucketResult',
        content: {
          Name: bucket.name,
          Prefix: encode(prefix),
          Marker: encode(marker),
          ...(page.truncated && delimiter !== '' && page.last !== undefined ? { NextMarker: encode(page.last) } : {}),
          MaxKeys: maxKeys,
          ...(delimiter !== '' ? { Delimiter: encode(delimiter) } : {}),
          ...(query.has('encoding-type') ? { EncodingType: 'url' } : {}),
          IsTruncated: page.truncated,
          Contents: page.contents.map((object) => contentsView(object, encode, owner)),
          CommonPrefixes: page.commonPrefixes.map((common) => ({ Prefix: encode(common) })),
        },
      },
    };
  },

  async ListMultipartUploads(call, store) {
    const bucket = existingBucket(call, store);
    const prefix = call.address.query.get('prefix') ?? '';
    const uploads = store.metadata.uploads(bucket.name).filter((upload) => upload.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated < b.initiated ? -1 : 1));
    const owner = ownerOf(call.ctx.accountId);
    return {
      document: {
        root: 'ListMultipartUploadsResult',
        content: {
          Bucket: bucket.name,
          KeyMarker: '',
          UploadIdMarker: '',
          Prefix: prefix,
          MaxUploads: 1000,
          IsTruncated: false,
          Upload: uploads.map((upload) => ({ Key: upload.key, UploadId: upload.uploadId, Initiator: owner, Owner: owner, StorageClass: 'STANDARD', Initiated: new Date(upload.initiated) })),
        },
      },
    };
  },
};
