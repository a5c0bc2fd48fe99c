// Where an S3 request points: bucket and key from a path-style or virtual-hosted request, and which operation it is.
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../../http/AwsError';

export interface S3Address {
  readonly bucket?: string;
  /** Decoded object key; undefined for bucket-level requests. */
  readonly key?: string;
  readonly query: URLSearchParams;
}

export function headerText(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The bucket named by the Host header of a virtual-hosted request: `BUCKET.localhost[:port]`,
 * `BUCKET.s3.localhost`, `BUCKET.s3[.REGION].localhost`, or the AWS forms `BUCKET.s3[.-]REGION.amazonaws.com`
 * and `BUCKET.s3.amazonaws.com`. IP addresses, `localhost` and `s3.…` hosts are path-style.
 */
export function bucketFromHost(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const hostname = hostHeader.replace(/:\d+$/, '').toLowerCase();
  if (hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(hostname)) return undefined;
  let prefix: string | undefined;
  if (hostname.endsWith('.localhost')) prefix = hostname.slice(0, -'.localhost'.length).replace(/\.s3(\.[a-z0-9-]+)?$/, '');
  else {
    const aws = /^(.+?)\.s3(?:[.-](?:[a-z0-9-]+))?\.amazonaws\.com$/.exec(hostname);
    prefix = aws?.[1];
  }
  if (prefix === undefined || prefix === '' || prefix === 's3' || /^s3[.-]/.test(prefix)) return undefined;
  return prefix;
}

/** Whether a request is meant for S3, decided before its body is read. */
export function isS3Request(req: IncomingMessage, url: URL): boolean {
  const authorization = headerText(req, 'authorization');
  if (authorization !== undefined) return /Credential=[^/,\s]+\/\d{8}\/[^/]+\/s3\/aws4_request/.test(authorization);
  if (url.searchParams.get('X-Amz-Credential')?.includes('/s3/')) return true;
  if (bucketFromHost(headerText(req, 'host')) !== undefined) return true;
  if (url.searchParams.has('Action')) return false;
  // Query-protocol services take POST / with a form; everything else unsigned on this endpoint is an S3 request.
  return !(req.method === 'POST' && url.pathname === '/');
}

export function parseS3Address(req: IncomingMessage): S3Address {
  const rawUrl = req.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : rawUrl.slice(queryStart + 1));
  const hostBucket = bucketFromHost(headerText(req, 'host'));
  const path = decodePath(rawPath.startsWith('/') ? rawPath.slice(1) : rawPath);
  if (hostBucket !== undefined) return { bucket: hostBucket, ...(path === '' ? {} : { key: path }), query };
  if (path === '') return { query };
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: path, query };
  const key = path.slice(slash + 1);
  return { bucket: path.slice(0, slash), ...(key === '' ? {} : { key }), query };
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.");
  }
}

/** The operation an S3 request names, from its method, whether it has a key, and its sub-resource parameters. */
export function s3OperationName(method: string, address: S3Address, copySource: boolean): string | undefined {
  const { bucket, key } = address;
  // A presigned URL's X-Amz-* authentication parameters name no sub-resource.
  const query = new URLSearchParams([...address.query].filter(([name]) => !/^x-amz-/i.test(name)));
  if (bucket === undefined) return method === 'GET' ? 'ListBuckets' : undefined;
  // The JavaScript SDK adds x-id=<Operation> to some requests; it names no sub-resource.
  const plain = [...query.keys()].every((name) => name === 'x-id');
  if (key === undefined) {
    switch (method) {
      case 'PUT':
        return plain ? 'CreateBucket' : undefined;
      case 'HEAD':
        return 'HeadBucket';
      case 'DELETE':
        return plain ? 'DeleteBucket' : undefined;
      case 'POST':
        return query.has('delete') ? 'DeleteObjects' : undefined;
      case 'GET':
        if (query.has('location')) return 'GetBucketLocation';
        if (query.has('uploads')) return 'ListMultipartUploads';
        if (query.get('list-type') === '2') return 'ListObjectsV2';
        return [...query.keys()].every((name) => LIST_PARAMETERS.has(name)) ? 'ListObjects' : undefined;
      default:
        return undefined;
    }
  }
  const uploadId = query.has('uploadId');
  if (query.has('tagging')) return method === 'GET' ? 'GetObjectTagging' : undefined;
  if ([...query.keys()].some((name) => !OBJECT_PARAMETERS.has(name) && !name.startsWith('response-'))) return undefined;
  switch (method) {
    case 'PUT':
      if (uploadId && query.has('partNumber')) return copySource ? 'UploadPartCopy' : 'UploadPart';
      return copySource ? 'CopyObject' : 'PutObject';
    case 'GET':
      return uploadId ? 'ListParts' : 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return uploadId ? 'AbortMultipartUpload' : 'DeleteObject';
    case 'POST':
      if (query.has('uploads')) return 'CreateMultipartUpload';
      return uploadId ? 'CompleteMultipartUpload' : undefined;
    default:
      return undefined;
  }
}

/** Query parameters of object operations that name no sub-resource (response-* overrides are allowed too). */
const OBJECT_PARAMETERS = new Set(['uploadId', 'partNumber', 'uploads', 'versionId', 'x-id']);
const LIST_PARAMETERS = new Set(['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type', 'x-id']);
