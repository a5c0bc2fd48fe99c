// SigV4 verification of a lab request: recomputes the signature from the raw request and the lab's secret.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type AuthFailureKind = 'missing' | 'incomplete' | 'unknownKey' | 'signature' | 'expired';

export class AuthFailure extends Error {
  constructor(readonly kind: AuthFailureKind, message: string) {
    super(message);
  }
}

export interface SignedRequest {
  readonly method: string;
  /** Path and query exactly as received, e.g. "/?Action=X". */
  readonly rawUrl: string;
  readonly headers: IncomingHttpHeaders;
  /**
   * The whole body, checked against x-amz-content-sha256 here; or `streamed` when the service reads the
   * body itself afterwards (S3): the declared payload hash is then signed as given and checked while streaming.
   */
  readonly body: Buffer | 'streamed';
}

export interface VerifiedIdentity {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly amzDate: string;
  /** `<date>/<region>/<service>/aws4_request`. */
  readonly scope: string;
  /** The request's signature (hex): the seed of aws-chunked chunk signatures. */
  readonly signature: string;
  /** The derived SigV4 signing key, for verifying chunk and trailer signatures. */
  readonly signingKey: Buffer;
}

/** AWS allows a request time to differ from the server's by at most 15 minutes. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTH_PREFIX = 'AWS4-HMAC-SHA256';

export function verifySignature(
  request: SignedRequest,
  secretFor: (accessKeyId: string) => string | undefined,
  now: Date,
): VerifiedIdentity {
  const authorization = headerValue(request.headers, 'authorization');
  const presigned = authorization === undefined ? presignedAuthorization(request.rawUrl) : undefined;
  if (!authorization && !presigned) throw new AuthFailure('missing', 'Missing Authentication Token');
  const parsed = presigned ?? parseAuthorization(authorization ?? '');
  const amzDate = presigned ? presigned.amzDate : headerValue(request.headers, 'x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw new AuthFailure('incomplete', `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${(authorization ?? '').split(',')[0]}`);
  }
  const [scopeDate, region, service, terminator] = parsed.scope;
  if (!scopeDate || !region || !service || terminator !== 'aws4_request' || parsed.scope.length !== 4) {
    throw new AuthFailure('incomplete', `Credential should be scoped to a valid region. `);
  }
  requireSignedHeaders(request.headers, parsed.signedHeaders);
  const secret = secretFor(parsed.accessKeyId);
  if (secret === undefined) throw new AuthFailure('unknownKey', 'The security token included in the request is invalid.');

  const requestTime = parseAmzDate(amzDate);
  const skew = requestTime.getTime() - now.getTime();
  // A presigned URL is good from its date for X-Amz-Expires seconds (at most 7 days), not ±15 minutes.
  if (presigned && (now.getTime() > requestTime.getTime() + presigned.expiresSeconds * 1000 || skew > MAX_CLOCK_SKEW_MS)) throw new AuthFailure('missing', 'Request has expired');
  if (!presigned && Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    const bound = new Date(now.getTime() + (skew < 0 ? -MAX_CLOCK_SKEW_MS : MAX_CLOCK_SKEW_MS));
    const relation = skew < 0 ? 'earlier' : 'later';
    const sign = skew < 0 ? '-' : '+';
    throw new AuthFailure('expired', `Signature expired: ${amzDate} is now ${relation} than ${formatAmzDate(bound)} (${formatAmzDate(now)} ${sign} 15 min.)`);
  }
  if (scopeDate !== amzDate.slice(0, 8)) {
    throw new AuthFailure('signature', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }

  const canonical = canonicalRequest(request, parsed.signedHeaders, presigned !== undefined);
  const stringToSign = [AUTH_PREFIX, amzDate, parsed.scope.join('/'), sha256Hex(canonical)].join('\n');
  const signingKey = derivedSigningKey(secret, scopeDate, region, service);
  const expected = hmac(signingKey, stringToSign);
  const given = Buffer.from(parsed.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AuthFailure(
      'signature',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { accessKeyId: parsed.accessKeyId, region, service, amzDate, scope: parsed.scope.join('/'), signature: parsed.signature, signingKey };
}

/**
 * As AWS requires: `host` is always signed, and so is every `x-amz-*` header the request carries (X-Amz-Target,
 * X-Amz-Security-Token, ...), so no header that selects or authorizes the operation can be changed after signing.
 * Other headers (user-agent, amz-sdk-*, content-type) may stay unsigned, as the SDKs leave some of them.
 */
function requireSignedHeaders(headers: IncomingHttpHeaders, signedHeaders: readonly string[]): void {
  const signed = new Set(signedHeaders);
  if (!signed.has('host')) throw new AuthFailure('incomplete', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const unsigned = Object.keys(headers).filter((name) => name.startsWith('x-amz-') && !signed.has(name)).sort();
  if (unsigned.length > 0) throw new AuthFailure('signature', `There were headers present in the request which were not signed: ${unsigned.join(', ')}. Sign every x-amz-* header the request carries.`);
}

interface ParsedAuthorization {
  accessKeyId: string;
  scope: string[];
  signedHeaders: string[];
  signature: string;
}

interface PresignedAuthorization extends ParsedAuthorization {
  amzDate: string;
  expiresSeconds: number;
}

/** Query-string authentication (a presigned URL): X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders, -Signature. */
function presignedAuthorization(rawUrl: string): PresignedAuthorization | undefined {
  const queryStart = rawUrl.indexOf('?');
  const query = new URLSearchParams(queryStart < 0 ? '' : rawUrl.slice(queryStart + 1));
  if (query.get('X-Amz-Algorithm') === null) return undefined;
  if (query.get('X-Amz-Algorithm') !== AUTH_PREFIX) throw new AuthFailure('incomplete', `X-Amz-Algorithm only supports "${AUTH_PREFIX}"`);
  const credential = (query.get('X-Amz-Credential') ?? '').split('/');
  const signature = query.get('X-Amz-Signature') ?? '';
  const expires = Number(query.get('X-Amz-Expires') ?? 'NaN');
  if (credential.length < 2 || !/^[0-9a-f]{64}$/.test(signature) || !Number.isInteger(expires) || expires < 1 || expires > 604_800) {
    throw new AuthFailure('incomplete', 'Query-string authentication requires the X-Amz-Credential, X-Amz-Date, X-Amz-Expires (1 to 604800 seconds), X-Amz-SignedHeaders and X-Amz-Signature parameters.');
  }
  return { accessKeyId: credential[0] ?? '', scope: credential.slice(1), signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';'), signature, amzDate: query.get('X-Amz-Date') ?? '', expiresSeconds: expires };
}

function parseAuthorization(value: string): ParsedAuthorization {
  if (!value.startsWith(`${AUTH_PREFIX} `)) {
    throw new AuthFailure('incomplete', `Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${value.split(' ')[0]}`);
  }
  const fields = new Map<string, string>();
  for (const part of value.slice(AUTH_PREFIX.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !fields.get(k));
  if (missing.length > 0) {
    throw new AuthFailure('incomplete', `${missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ')} Authorization=${AUTH_PREFIX}`);
  }
  const credential = (fields.get('Credential') ?? '').split('/');
  const signature = fields.get('Signature') ?? '';
  if (!/^[0-9a-f]{64}$/.test(signature) || credential.length < 2) {
    throw new AuthFailure('incomplete', 'The request signature is malformed.');
  }
  return {
    accessKeyId: credential[0] ?? '',
    scope: credential.slice(1),
    signedHeaders: (fields.get('SignedHeaders') ?? '').split(';'),
    signature,
  };
}

function canonicalRequest(request: SignedRequest, signedHeaders: string[], presigned: boolean): string {
  const queryStart = request.rawUrl.indexOf('?');
  const rawPath = queryStart < 0 ? request.rawUrl : request.rawUrl.slice(0, queryStart);
  const fullQuery = queryStart < 0 ? '' : request.rawUrl.slice(queryStart + 1);
  // A presigned URL signs every query parameter but its own signature.
  const rawQuery = presigned ? fullQuery.split('&').filter((pair) => !pair.startsWith('X-Amz-Signature=')).join('&') : fullQuery;
  const headerLines = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}\n`).join('');
  const declared = headerValue(request.headers, 'x-amz-content-sha256');
  if (request.body === 'streamed') {
    // S3 signs the declared payload hash (a hex digest, UNSIGNED-PAYLOAD or a STREAMING-* mode) and its path encoded once.
    if (declared === undefined && !presigned) throw new AuthFailure('incomplete', 'Missing required header for this request: x-amz-content-sha256');
    return [request.method, singleEncodedPath(rawPath), canonicalQuery(rawQuery), headerLines, signedHeaders.join(';'), declared ?? 'UNSIGNED-PAYLOAD'].join('\n');
  }
  // A declared payload hash is signed, but must also match the body actually received (no UNSIGNED-PAYLOAD here).
  const bodyHash = sha256Hex(request.body);
  if (declared !== undefined && declared !== bodyHash) {
    throw new AuthFailure('signature', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const payloadHash = declared ?? bodyHash;
  return [request.method, canonicalPath(rawPath), canonicalQuery(rawQuery), headerLines, signedHeaders.join(';'), payloadHash].join('\n');
}

/** Non-S3 services encode each path segment of the already-encoded path once more. */
function canonicalPath(rawPath: string): string {
  if (rawPath === '' || rawPath === '/') return '/';
  return rawPath.split('/').map((segment) => rfc3986(segment)).join('/');
}

/** S3 signs the path as sent, each segment URI-encoded exactly once and nothing normalised (`a//b` stays). */
function singleEncodedPath(rawPath: string): string {
  if (rawPath === '') return '/';
  return rawPath.split('/').map((segment) => rfc3986(safeDecodePath(segment))).join('/');
}

function safeDecodePath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    return [rfc3986(safeDecode(key)), rfc3986(safeDecode(value))] as const;
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return text;
  }
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Signing keys already derived, by secret and scope: a key changes only with the date, so each is derived once a day. */
const signingKeys = new Map<string, Buffer>();
/** More scopes than any lab sees in a day; past it the cache starts over rather than grow. */
const MAX_SIGNING_KEYS = 256;

/** The SigV4 signing key: HMAC chain of "AWS4" + secret over the scope's date, region, service and "aws4_request". */
function derivedSigningKey(secret: string, scopeDate: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\0${scopeDate}\0${region}\0${service}`;
  let key = signingKeys.get(cacheKey);
  if (key === undefined) {
    key = [scopeDate, region, service, 'aws4_request'].reduce<Buffer>((derived, part) => hmac(derived, part), Buffer.from(`AWS4${secret}`, 'utf8'));
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.clear();
    signingKeys.set(cacheKey, key);
  }
  return key;
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function parseAmzDate(value: string): Date {
  return new Date(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`);
}

/** HMAC-SHA256 with the derived signing key, hex: how chunk and trailer signatures are made. */
export function signWithKey(signingKey: Buffer, stringToSign: string): string {
  return hmac(signingKey, stringToSign).toString('hex');
}

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
