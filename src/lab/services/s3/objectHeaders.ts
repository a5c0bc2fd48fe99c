// Object headers S3 stores and returns: standard content headers, x-amz-meta-*, checksums, Range and conditional reads.
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../../http/AwsError';
import { checksumHeader, type ChecksumAlgorithm } from './checksums';
import { keyTooLong, preconditionFailed } from './s3Errors';
import type { ObjectRecord } from './S3Metadata';
import { httpDate } from './S3Store';

const STORED_HEADERS = ['content-type', 'content-encoding', 'cache-control', 'content-disposition', 'content-language', 'expires'];
/** S3 limits user metadata (names and values of x-amz-meta-*) to 2 KB. */
const MAX_METADATA_BYTES = 2048;

export function checkKey(key: string): void {
  const size = Buffer.byteLength(key, 'utf8');
  if (size > 1024) throw keyTooLong(size);
}

/** The content headers to store; aws-chunked is transfer framing, not the object's encoding. */
export function storedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = req.headers[name];
    if (typeof value !== 'string') continue;
    const cleaned = name === 'content-encoding' ? value.split(',').map((part) => part.trim()).filter((part) => part !== 'aws-chunked' && part !== '').join(',') : value;
    if (cleaned !== '') headers[name] = cleaned;
  }
  headers['content-type'] ??= 'binary/octet-stream';
  return headers;
}

export function userMetadata(req: IncomingMessage): Record<string, string> {
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(req.headers)) {
    if (!name.startsWith('x-amz-meta-') || typeof value !== 'string') continue;
    const key = name.slice('x-amz-meta-'.length);
    metadata[key] = value;
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes > MAX_METADATA_BYTES) throw new AwsError('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', { body: { Size: bytes, MaxSizeAllowed: MAX_METADATA_BYTES } });
  return metadata;
}

/** What GetObject and HeadObject send about an object. */
export function objectHeaders(object: ObjectRecord, checksumMode: boolean): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    'Last-Modified': httpDate(object.lastModified),
    ETag: object.etag,
    'Accept-Ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  for (const [name, value] of Object.entries(object.headers)) headers[name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase())] = value;
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  if (object.partsCount !== undefined && object.partsCount > 0 && checksumMode && object.checksum) headers['x-amz-checksum-type'] = object.checksum.type;
  if (checksumMode && object.checksum) headers[checksumHeader(object.checksum.algorithm as ChecksumAlgorithm)] = object.checksum.value;
  return headers;
}

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * `bytes=a-b`, `bytes=a-` or `bytes=-n`. A header S3 cannot read is ignored (the whole object is sent);
 * a range that starts past the end is InvalidRange (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) throw invalidRange(header, size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return undefined;
  }
  if (start >= size) throw invalidRange(header, size);
  return { start, end };
}

function invalidRange(header: string, size: number): AwsError {
  return new AwsError('InvalidRange', 'The requested range is not satisfiable', { status: 416, body: { RangeRequested: header, ActualObjectSize: size } });
}

/** If-Match / If-None-Match / If-Modified-Since / If-Unmodified-Since, evaluated in S3's order. Returns 304 when not modified. */
export function checkConditions(req: IncomingMessage, object: ObjectRecord): 304 | undefined {
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  const modified = new Date(object.lastModified).getTime();
  const seconds = (value: string | undefined) => (value === undefined ? Number.NaN : Date.parse(value));
  if (typeof ifMatch === 'string' && !etagMatches(ifMatch, object.etag)) throw preconditionFailed('If-Match');
  const unmodifiedSince = seconds(req.headers['if-unmodified-since']);
  if (ifMatch === undefined && !Number.isNaN(unmodifiedSince) && Math.floor(modified / 1000) * 1000 > unmodifiedSince) throw preconditionFailed('If-Unmodified-Since');
  if (typeof ifNoneMatch === 'string' && etagMatches(ifNoneMatch, object.etag)) return 304;
  const modifiedSince = seconds(req.headers['if-modified-since']);
  if (ifNoneMatch === undefined && !Number.isNaN(modifiedSince) && Math.floor(modified / 1000) * 1000 <= modifiedSince) return 304;
  return undefined;
}

function etagMatches(header: string, etag: string): boolean {
  return header.split(',').some((candidate) => {
    const trimmed = candidate.trim();
    return trimmed === '*' || trimmed === etag || `"${trimmed}"` === etag;
  });
}
