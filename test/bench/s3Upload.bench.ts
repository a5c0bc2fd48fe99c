// Bench: `aws s3 cp` of 1 GiB into the lab (a separate dist/lab.js process) against a plain file copy, and the lab's
// RSS growth while it receives the upload.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BenchFigure } from './BenchFigure';

const ROOT = resolve(__dirname, '..', '..');
const GIB = 1024 ** 3;
const RUNS = 3;

function startLabProcess(stateDir: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'lab.js'), '--port', '0', '--state-dir', stateDir, '--time-scale', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveStart, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const line = text.split('\n')[0];
      if (text.includes('\n') && line) resolveStart({ child, endpoint: (JSON.parse(line) as { endpoint: string }).endpoint });
    });
    child.once('exit', (code) => reject(new Error(`the lab exited with ${code} before it was ready`)));
  });
}

/** Resident set size of a process in bytes (Linux /proc). */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

function runAws(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolveRun, reject) => execFile('/usr/bin/aws', args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolveRun())));
}

async function plainCopy(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from, { highWaterMark: 1024 * 1024 }), createWriteStream(to, { flush: true }));
}

async function bigFile(path: string): Promise<void> {
  const block = Buffer.alloc(1024 * 1024);
  for (let index = 0; index < block.length; index += 4) block.writeUInt32LE((index * 2654435761) >>> 0, index);
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < GIB; written += block.length) await handle.write(block);
  } finally {
    await handle.close();
  }
}

export async function run(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 's3-bench-'));
  const source = join(dir, 'one-gib.bin');
  await bigFile(source);
  const { child, endpoint } = await startLabProcess(join(dir, 'state'));
  const env = { PATH: process.env.PATH, HOME: dir, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_PAGER: '' };
  const copy: number[] = [];
  const upload: number[] = [];
  const ratio: number[] = [];
  const rssGrowth: number[] = [];
  try {
    await runAws(['--endpoint-url', endpoint, 's3', 'mb', 's3://bench'], env);
    for (let index = 0; index < RUNS; index += 1) {
      let start = performance.now();
      await plainCopy(source, join(dir, 'copy.bin'));
      copy.push((performance.now() - start) / 1000);
      await rm(join(dir, 'copy.bin'));
      const before = rssOf(child.pid ?? 0);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid ?? 0))), 50);
      start = performance.now();
      await runAws(['--endpoint-url', endpoint, 's3', 'cp', source, `s3://bench/one-gib-${index}.bin`], env);
      upload.push((performance.now() - start) / 1000);
      clearInterval(sampler);
      rssGrowth.push((peak - before) / 1024 ** 2);
      ratio.push((upload.at(-1) ?? 0) / (copy.at(-1) ?? 1));
      await runAws(['--endpoint-url', endpoint, 's3', 'rm', `s3://bench/one-gib-${index}.bin`], env);
    }
    await rm(source);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolveExit) => child.once('exit', resolveExit));
    await rm(dir, { recursive: true, force: true });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  return [
    { name: 'plain file copy of 1 GiB (stream + fsync)', unit: 's', samples: copy },
    { name: '`aws s3 cp` of 1 GiB into the lab (multipart, fsync)', unit: 's', samples: upload, note: `median ${median(ratio).toFixed(2)}× the plain copy in the same run` },
    { name: 'lab RSS growth during the 1 GiB upload (goal < 64 MiB)', unit: 'MiB', samples: rssGrowth },
  ];
}
