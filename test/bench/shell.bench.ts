// Benchmark: the client shell (just-bash): `cat` of 64 MiB through `| wc -c`, a 20-line script through Run Command, and keystroke echo in a terminal.
import { writeWholeFile } from '../../src/lab/shell/fileIo';
import { BenchFigure } from './BenchFigure';
import { walkthrough } from '../lab/shell/walkthroughFixture';

const CAT_BYTES = 64 * 1024 * 1024;
const RUNS = 3;
const KEYSTROKES = 200;

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
    return [
      { name: '`cat` of 64 MiB through `| wc -c` in the lab shell', unit: 'ms', samples: cat, note: `${(CAT_BYTES / 1e6 / (median(cat) / 1000)).toFixed(0)} MB/s` },
      { name: 'Run Command: a 20-line script with substitutions and pipes', unit: 'ms', samples: runCommand },
      { name: `Keystroke echo in an interactive session (${KEYSTROKES} keys)`, unit: 'ms', samples: echo, note: `median ${median(echo).toFixed(3)} ms` },
    ];
  } finally {
    w.dispose();
  }
}
