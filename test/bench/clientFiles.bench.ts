// Benchmark: disk-backed client files. RSS growth of the lab process during a 1 GiB dd through Run Command and during a
// 1 GiB tar to a virtual tape and back, and that tar's throughput beside a plain file write of the same size.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BenchFigure } from './BenchFigure';
import { archiveSizedBuffer, plainWrite } from './support/plainFile';
import { walkthrough } from '../lab/shell/walkthroughFixture';

const GIB = 1024 * 1024 * 1024;
const RUNS = 2;
const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';

/** Runs `action` while sampling RSS; returns its duration and the peak RSS growth over the start, in MiB. */
async function measured(action: () => Promise<void>): Promise<{ ms: number; rssGrowthMiB: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  try {
    await action();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms: performance.now() - started, rssGrowthMiB: (peak - start) / 1024 / 1024 };
}

const mbPerSecond = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

export async function run(): Promise<BenchFigure[]> {
  const ddRss: number[] = [];
  const tarRss: number[] = [];
  const tarSpeed: number[] = [];
  const extractRss: number[] = [];
  const extractSpeed: number[] = [];
  const plainSpeed: number[] = [];
  const payload = archiveSizedBuffer(GIB);
  for (let i = 0; i < RUNS; i += 1) {
    const w = walkthrough();
    try {
      for (const line of [
        'sudo iscsiadm -m discovery -t st -p 10.0.2.143',
        `sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`,
        `sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -l`,
        'sudo mtx -f /dev/sg0 load 1601 0',
      ]) await w.run(line);
      const check = async (script: string) => {
        const result = await w.host.runner.run(script);
        if (result.exitCode !== 0) throw new Error(`${script}: ${result.stderr}`);
      };
      const dd = await measured(() => check('dd if=/dev/zero of=/tmp/big bs=1M count=1024'));
      ddRss.push(dd.rssGrowthMiB);
      const tar = await measured(() => check('tar -c --record-size=65536 -f /dev/st0 /tmp/big'));
      tarRss.push(tar.rssGrowthMiB);
      tarSpeed.push(mbPerSecond(GIB, tar.ms));
      const extract = await measured(() => check('mkdir -p /tmp/back && cd /tmp/back && tar -x --record-size=65536 -f /dev/st0 && test "$(stat -c %s /tmp/back/tmp/big)" = 1073741824'));
      extractRss.push(extract.rssGrowthMiB);
      extractSpeed.push(mbPerSecond(GIB, extract.ms));

      // Baseline: the plain file write the tape benches share (a new file on the same disk, 64 KiB writes, one fsync).
      const dir = mkdtempSync(join(w.stateDir, 'plain-'));
      const plain = await measured(async () => void plainWrite(join(dir, 'plain.bin'), payload));
      plainSpeed.push(mbPerSecond(GIB, plain.ms));
      rmSync(dir, { recursive: true, force: true });
    } finally {
      w.dispose();
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return [
    { name: 'RSS growth during dd if=/dev/zero of=/tmp/big bs=1M count=1024 (Run Command)', unit: 'MiB', samples: ddRss, note: 'goal < 64 MiB' },
    { name: 'RSS growth during tar -c of that 1 GiB file to a virtual tape', unit: 'MiB', samples: tarRss, note: 'goal < 64 MiB' },
    { name: 'tar -c of a 1 GiB client file to a virtual tape (64 KiB records)', unit: 'MB/s', samples: tarSpeed, note: `${(median(tarSpeed) / median(plainSpeed)).toFixed(2)}x plain file write (${RUNS} runs, not paired; the tapeSpeed suite has the paired figure)` },
    { name: 'RSS growth during tar -x of it back from the tape', unit: 'MiB', samples: extractRss, note: 'goal < 64 MiB' },
    { name: 'tar -x of 1 GiB from a virtual tape to a client file', unit: 'MB/s', samples: extractSpeed },
    { name: 'Plain file write of 1 GiB (a new file, 64 KiB writes + fsync)', unit: 'MB/s', samples: plainSpeed },
  ];
}
