// Raw HTTP to the lab for fuzzing: any method, path, headers and bytes, optionally SigV4-signed by @smithy/signature-v4
// (not the lab's code); plus the checks that an answer is a well-formed AWS error of the right protocol.
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 / HMAC for the signer from node:crypto (the pure-JS hash is too slow for thousands of fuzz bodies). */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

export interface RawRequest {
  readonly method?: string;
  /** Path and query, sent as given. */
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
  /** Sign with this service name and secret (default: unsigned). */
  readonly sign?: {
    readonly service: string;
    readonly secretAccessKey?: string;
    readonly region?: string;
    readonly signingDate?: Date;
    /** Headers sent but left out of SignedHeaders (lower case). */
    readonly unsigned?: readonly string[];
    readonly sessionToken?: string;
  };
  /** Declare a longer Content-Length and close the socket after the bytes (a truncated upload); no answer is expected. */
  readonly truncate?: boolean;
}

export async function sendRaw(endpoint: string, raw: RawRequest): Promise<RawAnswer | undefined> {
  const url = new URL(endpoint);
  const body = typeof raw.body === 'string' ? Buffer.from(raw.body, 'utf8') : (raw.body ?? Buffer.alloc(0));
  const path = raw.path ?? '/';
  let headers: Record<string, string> = { host: url.host, ...raw.headers };
  if (raw.sign) {
    const queryStart = path.indexOf('?');
    const query = Object.fromEntries(new URLSearchParams(queryStart < 0 ? '' : path.slice(queryStart + 1)));
    const signer = new SignatureV4({ service: raw.sign.service, region: raw.sign.region ?? 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: raw.sign.secretAccessKey ?? 'test', sessionToken: raw.sign.sessionToken }, sha256: NodeSha256 });
    const signed = await signer.sign(
      { method: raw.method ?? 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: queryStart < 0 ? path : path.slice(0, queryStart), query, headers, body },
      { ...(raw.sign.signingDate ? { signingDate: raw.sign.signingDate } : {}), ...(raw.sign.unsigned ? { unsignableHeaders: new Set(raw.sign.unsigned) } : {}) },
    );
    headers = signed.headers;
  }
  const length = raw.truncate ? body.length + 100 : body.length;
  return new Promise((resolveAnswer, reject) => {
    const req = request({ host: url.hostname, port: Number(url.port), method: raw.method ?? 'POST', path, headers: { ...headers, 'content-length': String(length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => (raw.truncate ? resolveAnswer(undefined) : reject(error)));
    if (raw.truncate) {
      req.write(body);
      setTimeout(() => {
        req.destroy();
        resolveAnswer(undefined);
      }, 20);
      return;
    }
    req.end(body);
  });
}

/** A JSON 1.1 error: JSON object with a string __type and a request id header; or a JSON object on success. */
export function assertJsonProtocolAnswer(answer: RawAnswer, what: string): void {
  let value: unknown;
  try {
    value = JSON.parse(answer.body.toString('utf8'));
  } catch {
    assert.fail(`${what}: status ${answer.status} with a body that is not JSON: ${answer.body.subarray(0, 200).toString('utf8')}`);
  }
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${what}: the body is not a JSON object`);
  assert.match(String(answer.headers['x-amzn-requestid'] ?? ''), /^[0-9a-f-]{36}$/, `${what}: no x-amzn-RequestId`);
  if (answer.status === 200) return;
  assert.ok(answer.status >= 400 && answer.status < 600, `${what}: status ${answer.status}`);
  assert.equal(typeof (value as { __type?: unknown }).__type, 'string', `${what}: error without __type: ${answer.body.toString('utf8').slice(0, 200)}`);
}

const xmlParser = new XMLParser();

/** XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
function isForbiddenInXml(code: number): boolean {
  if (code === 0x9 || code === 0xa || code === 0xd) return false;
  return code < 0x20 || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff || code > 0x10ffff;
}

/** A query-protocol answer: well-formed XML; an error is an ErrorResponse with Code and Message (EC2's Response/Errors/Error for EC2). Returns the error code. */
export function assertQueryProtocolAnswer(answer: RawAnswer, what: string): string | undefined {
  const text = answer.body.toString('utf8');
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, `${what}: status ${answer.status}, XML not well-formed (${JSON.stringify(valid)}): ${text.slice(0, 300)}`);
  // XML 1.0 forbids most control characters even as references; a strict parser (the SDKs' in some languages) rejects them.
  const forbidden = [...text].find((c) => isForbiddenInXml(c.codePointAt(0) ?? 0));
  assert.equal(forbidden, undefined, `${what}: XML carries U+${(forbidden?.codePointAt(0) ?? 0).toString(16)}, which XML 1.0 does not allow`);
  for (const reference of text.matchAll(/&#(x[0-9a-f]+|[0-9]+);/gi)) {
    const code = reference[1]?.startsWith('x') || reference[1]?.startsWith('X') ? Number.parseInt(reference[1].slice(1), 16) : Number(reference[1]);
    assert.ok(!isForbiddenInXml(code), `${what}: XML refers to character ${code}, which XML 1.0 does not allow`);
  }
  if (answer.status === 200) return undefined;
  const parsed = xmlParser.parse(text) as {
    ErrorResponse?: { Error?: { Code?: unknown; Message?: unknown }; RequestId?: unknown };
    Response?: { Errors?: { Error?: { Code?: unknown; Message?: unknown } }; RequestID?: unknown };
  };
  // A request signed for service "ec2" reaches the EC2 service, which answers with EC2's own error document.
  const ec2Error = parsed.Response?.Errors?.Error;
  if (ec2Error && typeof ec2Error.Code === 'string' && ec2Error.Code !== '') {
    assert.ok(parsed.Response?.RequestID, `${what}: EC2 error Response without a RequestID`);
    return ec2Error.Code;
  }
  const error = parsed.ErrorResponse?.Error;
  assert.ok(error && typeof error.Code === 'string' && error.Code !== '', `${what}: status ${answer.status} without an ErrorResponse/Error/Code: ${text.slice(0, 300)}`);
  assert.ok(parsed.ErrorResponse?.RequestId, `${what}: ErrorResponse without a RequestId`);
  return error.Code;
}
