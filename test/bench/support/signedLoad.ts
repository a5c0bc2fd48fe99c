// A load generator that is not the bottleneck: one SigV4-signed request (signed here, verified by the server on every
// call) replayed over keep-alive connections from several client processes, started together; returns requests per second.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LabReady } from './labProcess';

/** Each client process, run with `node -e`: waits for "go" on stdin, sends its share, prints how many failed. */
const CLIENT_SOURCE = `
const http = require('node:http');
const spec = JSON.parse(process.env.LOAD_SPEC);
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
let next = 0;
let failed = 0;
let firstFailure = '';
function one() {
  return new Promise((resolve) => {
    const request = http.request({ host: spec.host, port: spec.port, method: 'POST', path: '/', headers: spec.headers, agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => { bytes += chunk.length; });
      response.on('end', () => {
        if (response.statusCode !== 200 || bytes === 0) { failed += 1; firstFailure ||= 'HTTP ' + response.statusCode; }
        resolve();
      });
    });
    request.on('error', (error) => { failed += 1; firstFailure ||= error.message; resolve(); });
    request.end(spec.body);
  });
}
async function worker() {
  while (next < spec.count) { next += 1; await one(); }
}
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  await Promise.all(Array.from({ length: spec.connections }, worker));
  process.stdout.write(JSON.stringify({ failed, firstFailure }) + '\\n');
  agent.destroy();
  process.exit(0);
});
`;

export interface SignedLoadOptions {
  readonly endpoint: string;
  readonly lab: LabReady;
  /** X-Amz-Target, e.g. StorageGateway_20130630.ListTapes. */
  readonly target: string;
  readonly body: string;
  readonly requests: number;
  /** Connections in flight in all, split evenly over the processes. */
  readonly concurrency: number;
  readonly processes: number;
}

/** Headers of one signed JSON 1.1 request to `endpoint` (valid for the 15 minutes AWS allows a signature). */
export async function signedJsonHeaders(endpoint: string, lab: LabReady, target: string, body: string): Promise<Record<string, string>> {
  const url = new URL(endpoint);
  const service = target.startsWith('StorageGateway_') ? 'storagegateway' : target.split('.')[0]?.toLowerCase() ?? '';
  const signer = new SignatureV4({ service, region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey }, sha256: Sha256 });
  const headers = { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, 'content-length': String(Buffer.byteLength(body)) };
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body });
  return signed.headers;
}

/** Runs the load once; throws if any request failed (a refused signature would count here). */
export async function signedLoadRate(options: SignedLoadOptions): Promise<number> {
  const url = new URL(options.endpoint);
  const headers = await signedJsonHeaders(options.endpoint, options.lab, options.target, options.body);
  const children: ChildProcess[] = [];
  try {
    const results: Promise<string>[] = [];
    const ready: Promise<void>[] = [];
    const starts: (() => void)[] = [];
    for (let p = 0; p < options.processes; p += 1) {
      const count = Math.floor(options.requests / options.processes) + (p < options.requests % options.processes ? 1 : 0);
      const connections = Math.max(1, Math.round(options.concurrency / options.processes));
      const spec = { host: url.hostname, port: Number(url.port), headers, body: options.body, count, connections };
      const child = spawn(process.execPath, ['-e', CLIENT_SOURCE], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, LOAD_SPEC: JSON.stringify(spec) } });
      children.push(child);
      const { stdout, stdin } = child;
      if (!stdout || !stdin) throw new Error('a load client has no stdio');
      const lines = createInterface({ input: stdout });
      const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`a load client exited (${code}) before reporting`))));
      exited.catch(() => undefined);
      const isReady = Promise.race([new Promise<void>((resolve) => lines.once('line', () => resolve())), exited]);
      ready.push(isReady);
      results.push(isReady.then(() => Promise.race([new Promise<string>((resolve) => lines.once('line', resolve)), exited])));
      starts.push(() => stdin.write('go\n'));
    }
    await Promise.all(ready);
    const start = performance.now();
    for (const go of starts) go();
    const reports = (await Promise.all(results)).map((line) => JSON.parse(line) as { failed: number; firstFailure: string });
    const seconds = (performance.now() - start) / 1000;
    const failed = reports.reduce((sum, report) => sum + report.failed, 0);
    if (failed > 0) throw new Error(`${failed} of ${options.requests} signed requests failed (${reports.find((r) => r.failed > 0)?.firstFailure ?? ''})`);
    return options.requests / seconds;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}
