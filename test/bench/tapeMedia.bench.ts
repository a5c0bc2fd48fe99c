// Benchmark: 256 MiB written with the emulated tar to a virtual tape and read back, beside plain fs write+read of the same bytes.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readWholeFile, writeWholeFile } from '../../src/lab/shell/fileIo';
import { BenchFigure } from './BenchFigure';
import { walkthrough } from '../lab/shell/walkthroughFixture';

const SIZE = 256 * 1024 * 1024;
const RUNS = 3;
const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';

function mbPerSecond(bytes: number, milliseconds: number): number {
  return bytes / 1e6 / (milliseconds / 1000);
}

async function timed(action: () => Promise<void> | void): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

export async function run(): Promise<BenchFigure[]> {
  const data = randomBytes(SIZE);
  const tapeWrite: number[] = [];
  const tapeRead: number[] = [];
  const fsWrite: number[] = [];
  const fsRead: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const w = walkthrough();
    try {
      for (const line of [
        'sudo iscsiadm -m discovery -t st -p 10.0.2.143',
        `sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`,
        `sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -l`,
        'sudo mtx -f /dev/sg0 load 1601 0',
        'mkdir restore',
      ]) await w.run(line);
      await writeWholeFile(w.host.environment.fs, '/home/ssm-user/big.bin', '/', data, 'ssm-user');
      const check = async (line: string) => {
        const result = await w.run(line);
        if (result.status !== 0) throw new Error(`${line}: ${result.stderr}`);
      };
      tapeWrite.push(mbPerSecond(SIZE, await timed(() => check('sudo tar -c --record-size=65536 -f /dev/st0 big.bin'))));
      tapeRead.push(mbPerSecond(SIZE, await timed(() => check('sudo tar -x --record-size=65536 -C restore -f /dev/st0'))));
      const restored = w.host.environment.fs.resolve('/home/ssm-user/restore/big.bin', '/').node;
      if (restored.kind !== 'file' || !(await readWholeFile(w.host.environment.fs, restored)).equals(data)) throw new Error('the tape did not give back the bytes written');

      // Baseline: the same bytes written in 64 KiB writes with fsync, then read, in the same state folder.
      const dir = mkdtempSync(join(w.stateDir, 'plain-'));
      const path = join(dir, 'plain.bin');
      fsWrite.push(
        mbPerSecond(
          SIZE,
          await timed(() => {
            const fd = openSync(path, 'w');
            for (let offset = 0; offset < SIZE; offset += 65536) writeSync(fd, data, offset, 65536, offset);
            fsyncSync(fd);
            closeSync(fd);
          }),
        ),
      );
      fsRead.push(mbPerSecond(SIZE, await timed(() => void readFileSync(path))));
      rmSync(dir, { recursive: true, force: true });
    } finally {
      w.dispose();
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
  return [
    { name: 'Emulated tar write to virtual tape (256 MiB, 64 KiB records)', unit: 'MB/s', samples: tapeWrite, note: `${ratio(tapeWrite, fsWrite)}x plain fs write` },
    { name: 'Emulated tar read back from virtual tape (256 MiB)', unit: 'MB/s', samples: tapeRead, note: `${ratio(tapeRead, fsRead)}x plain fs read` },
    { name: 'Plain fs write of the same bytes (64 KiB writes + fsync)', unit: 'MB/s', samples: fsWrite },
    { name: 'Plain fs read of the same bytes', unit: 'MB/s', samples: fsRead },
  ];
}
