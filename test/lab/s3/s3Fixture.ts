// Test fixture: a lab, the AWS SDK's S3 client and the real AWS CLI v2 pointed at it, and SigV4-signed raw S3 requests.
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { startLab, type RunningLab } from '../../../src/lab';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface S3Lab {
  readonly lab: RunningLab;
  readonly dir: string;
  client(region?: string, options?: { forcePathStyle?: boolean }): S3Client;
  /** /usr/bin/aws with the lab as endpoint (and, through AWS_DATA_PATH, as the S3 endpoint of commands that ignore --endpoint-url). */
  aws(args: readonly string[], options?: { region?: string; cwd?: string }): Promise<CliResult>;
  close(): Promise<void>;
}

/**
 * `aws cloudformation package` builds its S3 client without --endpoint-url (CLI 2.9 has no per-service endpoint
 * setting), so the tests give botocore an endpoint rule set that sends S3 to the lab, path-style, through
 * AWS_DATA_PATH: the CLI's own upload code then runs unchanged against the lab.
 */
async function writeS3EndpointRules(dataDir: string, endpoint: string): Promise<void> {
  const model = '/usr/lib/python3/dist-packages/awscli/botocore/data/s3/2006-03-01/endpoint-rule-set-1.json';
  const original = JSON.parse(await readFile(model, 'utf8')) as { version: string; parameters: unknown };
  const auth = { authSchemes: [{ name: 'sigv4', signingName: 's3', signingRegion: '{Region}', disableDoubleEncoding: true }] };
  const rules = {
    version: original.version,
    parameters: original.parameters,
    rules: [
      { type: 'endpoint', conditions: [{ fn: 'isSet', argv: [{ ref: 'Bucket' }] }], endpoint: { url: `${endpoint}/{Bucket}`, properties: auth, headers: {} } },
      { type: 'endpoint', conditions: [], endpoint: { url: endpoint, properties: auth, headers: {} } },
    ],
  };
  const folder = join(dataDir, 's3', '2006-03-01');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'endpoint-rule-set-1.json'), JSON.stringify(rules));
}

export async function startS3Lab(options: { dir?: string; keep?: boolean; timeScale?: number } = {}): Promise<S3Lab> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 's3-lab-')));
  const lab = await startLab({ port: 0, stateDir: join(dir, 'state'), timeScale: options.timeScale ?? 0 });
  const config = join(dir, 'aws-config');
  await writeFile(config, '');
  await writeS3EndpointRules(join(dir, 'botocore-data'), lab.endpoint);
  const clients: S3Client[] = [];
  return {
    lab,
    dir,
    client(region = 'us-east-1', clientOptions = {}) {
      const client = new S3Client({ endpoint: lab.endpoint, region, forcePathStyle: clientOptions.forcePathStyle ?? true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
      clients.push(client);
      return client;
    },
    aws(args, cliOptions = {}) {
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_DEFAULT_REGION: cliOptions.region ?? 'us-east-1',
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: config,
        AWS_DATA_PATH: join(dir, 'botocore-data'),
        AWS_PAGER: '',
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      return new Promise((resolve) => {
        execFile('/usr/bin/aws', [...args, '--endpoint-url', lab.endpoint], { env, cwd: cliOptions.cwd ?? dir, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
      });
    },
    async close() {
      for (const client of clients) client.destroy();
      await lab.stop();
      if (!options.keep) await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RawS3Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface RawS3Request {
  readonly method: string;
  /** Path (already URI-encoded) and query. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
  /** Signed by @smithy/signature-v4 as S3 requests are (no double encoding); unsigned when false. */
  readonly sign?: boolean;
  readonly region?: string;
  /** Host header to send (virtual-hosted requests), the TCP connection still goes to the lab. */
  readonly host?: string;
  /** x-amz-content-sha256 to declare instead of the body's hash (UNSIGNED-PAYLOAD, a wrong hash, ...). */
  readonly payloadHash?: string;
  /** Builds the body from the request's signature once it is signed (aws-chunked chunk signatures). */
  readonly bodyAfterSigning?: (seedSignature: string, amzDate: string, scope: string) => Buffer;
}

export async function rawS3(lab: RunningLab, raw: RawS3Request): Promise<RawS3Answer> {
  const url = new URL(lab.endpoint);
  let body = typeof raw.body === 'string' ? Buffer.from(raw.body) : (raw.body ?? Buffer.alloc(0));
  const queryStart = raw.path.indexOf('?');
  const path = queryStart < 0 ? raw.path : raw.path.slice(0, queryStart);
  const query = Object.fromEntries(new URLSearchParams(queryStart < 0 ? '' : raw.path.slice(queryStart + 1)));
  let headers: Record<string, string> = { host: raw.host ?? url.host, 'content-length': String(raw.bodyAfterSigning ? raw.bodyAfterSigning('0'.repeat(64), '', '').length : body.length), ...raw.headers };
  if (raw.sign !== false) {
    headers['x-amz-content-sha256'] = raw.payloadHash ?? createHash('sha256').update(body).digest('hex');
    const signer = new SignatureV4({ service: 's3', region: raw.region ?? 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
    // S3 signs the path as sent, already URI-encoded (uriEscapePath: false keeps it as it is).
    const signed = await signer.sign({ method: raw.method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path, query, headers, body });
    headers = signed.headers;
    if (raw.bodyAfterSigning) {
      const authorization = headers.authorization ?? '';
      const scope = /Credential=test\/([^,]+)/.exec(authorization)?.[1] ?? '';
      body = raw.bodyAfterSigning(/Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? '', headers['x-amz-date'] ?? '', scope);
    }
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: Number(url.port), method: raw.method, path: raw.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * An aws-chunked body signed chunk by chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]), built here from the
 * published algorithm so that the lab's decoder is checked against an independent implementation.
 */
export function signedChunks(seedSignature: string, amzDate: string, scope: string, chunks: readonly Buffer[], trailer?: string): Buffer {
  const kDate = createHmac('sha256', 'AWS4test').update(scope.split('/')[0] ?? '').digest();
  const kRegion = createHmac('sha256', kDate).update(scope.split('/')[1] ?? '').digest();
  const kService = createHmac('sha256', kRegion).update('s3').digest();
  const key = createHmac('sha256', kService).update('aws4_request').digest();
  const empty = createHash('sha256').update('').digest('hex');
  let previous = seedSignature;
  const parts: Buffer[] = [];
  for (const chunk of [...chunks, Buffer.alloc(0)]) {
    const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, empty, createHash('sha256').update(chunk).digest('hex')].join('\n');
    previous = createHmac('sha256', key).update(toSign).digest('hex');
    parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), chunk);
    if (chunk.length > 0) parts.push(Buffer.from('\r\n'));
  }
  if (trailer === undefined) return Buffer.concat([...parts, Buffer.from('\r\n')]);
  const trailerSignature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256-TRAILER', amzDate, scope, previous, createHash('sha256').update(`${trailer}\n`).digest('hex')].join('\n')).digest('hex');
  return Buffer.concat([...parts, Buffer.from(`${trailer}\r\nx-amz-trailer-signature:${trailerSignature}\r\n\r\n`)]);
}
