// Benchmark: 256 MiB written with the emulated tar to a virtual tape and read back, in-process (no session), each run
// paired with the plain file write or read the tape benches share (test/bench/support/plainFile.ts).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readWholeFile, writeWholeFile } from '../../src/lab/shell/fileIo';
import { BenchFigure } from './BenchFigure';
import { dropFile, median, megabytesPerSecond, plainRead, plainWrite } from './support/plainFile';
import { walkthrough } from '../lab/shell/walkthroughFixture';

const SIZE = 256 * 1024 * 1024;
const PAIRS = 5;
const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';
/** The archive of big.bin: its header, the data, two zero blocks, padded to whole 64 KiB records. */
const ARCHIVE_BYTES = Math.ceil((512 + SIZE + 1024) / 65536) * 65536;

async function timed(action: () => Promise<void> | void): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

export async function run(): Promise<BenchFigure[]> {
  const data = randomBytes(SIZE);
  const archiveSized = Buffer.concat([data, Buffer.alloc(ARCHIVE_BYTES - SIZE)]);
  const tapeWrite: number[] = [];
  const tapeRead: number[] = [];
  const fsWrite: number[] = [];
  const fsRead: number[] = [];
  const w = walkthrough();
  try {
    for (const line of [
      'sudo iscsiadm -m discovery -t st -p 10.0.2.143',
      `sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`,
      `sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -l`,
      'sudo mtx -f /dev/sg0 load 1601 0',
    ]) await w.run(line);
    await writeWholeFile(w.host.environment.fs, '/home/ssm-user/big.bin', '/', data, 'ssm-user');
    const check = async (line: string) => {
      const result = await w.run(line);
      if (result.status !== 0) throw new Error(`${line}: ${result.stderr}`);
    };
    const plainPath = join(w.stateDir, 'plain.bin');
    // A first pair warms up and is not counted; the order within a pair alternates.
    for (let pair = 0; pair <= PAIRS; pair += 1) {
      await check('sudo mt -f /dev/nst0 rewind && sudo mt -f /dev/nst0 weof 1 && sudo mt -f /dev/nst0 rewind && rm -rf restore && mkdir restore');
      dropFile(plainPath);
      const tarFirst = pair % 2 === 0;
      let plainWriteMs = tarFirst ? 0 : plainWrite(plainPath, archiveSized);
      const writeMs = await timed(() => check('sudo tar -c --record-size=65536 -f /dev/st0 big.bin'));
      if (tarFirst) plainWriteMs = plainWrite(plainPath, archiveSized);
      let plainReadMs = tarFirst ? 0 : plainRead(plainPath);
      const readMs = await timed(() => check('sudo tar -x --record-size=65536 -C restore -f /dev/st0'));
      if (tarFirst) plainReadMs = plainRead(plainPath);
      const restored = w.host.environment.fs.resolve('/home/ssm-user/restore/big.bin', '/').node;
      if (restored.kind !== 'file' || !(await readWholeFile(w.host.environment.fs, restored)).equals(data)) throw new Error('the tape did not give back the bytes written');
      if (pair === 0) continue;
      tapeWrite.push(megabytesPerSecond(ARCHIVE_BYTES, writeMs));
      fsWrite.push(megabytesPerSecond(ARCHIVE_BYTES, plainWriteMs));
      tapeRead.push(megabytesPerSecond(ARCHIVE_BYTES, readMs));
      fsRead.push(megabytesPerSecond(ARCHIVE_BYTES, plainReadMs));
    }
    dropFile(plainPath);
  } finally {
    w.dispose();
  }
  const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
  return [
    { name: 'Emulated tar write to virtual tape (256 MiB, 64 KiB records)', unit: 'MB/s', samples: tapeWrite, note: `${ratio(tapeWrite, fsWrite)}x plain file write, ratio of medians over ${PAIRS} interleaved pairs` },
    { name: 'Emulated tar read back from virtual tape (256 MiB) to a client file', unit: 'MB/s', samples: tapeRead, note: `${ratio(tapeRead, fsRead)}x plain read (which writes no file)` },
    { name: 'Plain file write of the same bytes (a new file, 64 KiB writes, one fsync)', unit: 'MB/s', samples: fsWrite },
    { name: 'Plain read of the same bytes (64 KiB reads)', unit: 'MB/s', samples: fsRead },
  ];
}
