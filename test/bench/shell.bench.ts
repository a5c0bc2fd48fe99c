// Benchmark: the client shell (just-bash): `cat` of 64 MiB through `| wc -c`, 1 GiB through `tar -cf - | dd` to a tape (MB/s, lab RSS growth), a 20-line script through Run Command, and keystroke echo in a terminal.
import { writeWholeFile } from '../../src/lab/shell/fileIo';
import { BenchFigure } from './BenchFigure';
import { walkthrough } from '../lab/shell/walkthroughFixture';

const CAT_BYTES = 64 * 1024 * 1024;
const RUNS = 3;
const KEYSTROKES = 200;
const TAPE_BYTES = 1024 * 1024 * 1024;
const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';

/** Runs `action` and reports how far the process's RSS rose above where it started (sampled every 5 ms). */
async function rssGrowth(action: () => Promise<unknown>): Promise<{ ms: number; mib: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const ms = await timed(action);
    return { ms, mib: (Math.max(peak, process.memoryUsage().rss) - start) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

/** 1 GiB through a streaming pipeline to a tape, against the same archive written by tar straight to the tape. */
async function tapePipeline(): Promise<BenchFigure[]> {
  const w = walkthrough();
  try {
    const ok = async (line: string) => {
      const result = await w.run(line);
      if (result.status !== 0) throw new Error(`${line}: ${result.stderr}`);
    };
    for (const line of [
      'sudo iscsiadm -m discovery -t st -p 10.0.2.143:3260',
      `sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`,
      `sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -l`,
      'sudo mtx -f /dev/sg0 load 1601 0',
      `dd if=/dev/zero of=/tmp/gig bs=1M count=${TAPE_BYTES / 1024 / 1024} 2>/dev/null`,
    ]) await ok(line);
    const direct = await rssGrowth(() => ok('sudo tar -c --record-size=65536 -f /dev/st0 /tmp/gig 2>/dev/null'));
    const piped = await rssGrowth(() => ok('sudo tar -c --record-size=65536 -f - /tmp/gig 2>/dev/null | sudo dd of=/dev/st0 bs=64k 2>/dev/null'));
    const back = await rssGrowth(() => ok('mkdir -p /tmp/back && cd /tmp/back && sudo dd if=/dev/st0 bs=64k 2>/dev/null | sudo tar -x --record-size=65536 -f -'));
    const rate = (ms: number) => TAPE_BYTES / 1e6 / (ms / 1000);
    return [
      { name: '1 GiB `tar -cf - | dd of=/dev/st0 bs=64k` (streamed pipe) to a tape', unit: 'MB/s', samples: [rate(piped.ms)], note: `${(rate(piped.ms) / rate(direct.ms)).toFixed(2)}x tar -f /dev/st0 in the same run (${rate(direct.ms).toFixed(0)} MB/s); lab RSS grew ${piped.mib.toFixed(0)} MiB (direct: ${direct.mib.toFixed(0)} MiB)` },
      { name: '1 GiB `dd if=/dev/st0 bs=64k | tar -xf -` (streamed pipe) from a tape', unit: 'MB/s', samples: [rate(back.ms)], note: `lab RSS grew ${back.mib.toFixed(0)} MiB` },
    ];
  } finally {
    w.dispose();
  }
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

export async function run(): Promise<BenchFigure[]> {
  const w = walkthrough();
  try {
    await writeWholeFile(w.host.environment.fs, '/home/ssm-user/big.bin', '/', Buffer.alloc(CAT_BYTES, 0x61), 'ssm-user');
    const cat: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      let out = '';
      cat.push(
        await timed(async () => {
          out = (await w.run('cat big.bin | wc -c')).stdout;
        }),
      );
      if (out.trim() !== String(CAT_BYTES)) throw new Error(`wc -c printed ${out}`);
    }
    const script = Array.from({ length: 20 }, (_, i) => `x${i}=$(( ${i} * 2 )); echo "line ${i} $x${i}" | tr a-z A-Z > /dev/null`).join('\n');
    const runCommand: number[] = [];
    for (let i = 0; i < RUNS; i += 1) runCommand.push(await timed(() => w.host.runner.run(script)));

    // Keystroke echo: time from write() of one printable key to its echo reaching the output listener.
    const shell = w.host.openSession({ columns: 80, rows: 24 });
    let resolveEcho: (() => void) | undefined;
    shell.onOutput(() => resolveEcho?.());
    const echo: number[] = [];
    for (let i = 0; i < KEYSTROKES; i += 1) {
      const arrived = new Promise<void>((resolve) => (resolveEcho = resolve));
      const started = performance.now();
      shell.write(Buffer.from('a'));
      await arrived;
      echo.push(performance.now() - started);
    }
    shell.close();
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const catRss = await rssGrowth(() => w.run('cat big.bin | wc -c'));
    return [
      ...(await tapePipeline()),
      { name: '`cat` of 64 MiB through `| wc -c` in the lab shell', unit: 'ms', samples: cat, note: `${(CAT_BYTES / 1e6 / (median(cat) / 1000)).toFixed(0)} MB/s; lab RSS grew ${catRss.mib.toFixed(0)} MiB` },
      { name: 'Run Command: a 20-line script with substitutions and pipes', unit: 'ms', samples: runCommand },
      { name: `Keystroke echo in an interactive session (${KEYSTROKES} keys)`, unit: 'ms', samples: echo, note: `median ${median(echo).toFixed(3)} ms` },
    ];
  } finally {
    w.dispose();
  }
}
