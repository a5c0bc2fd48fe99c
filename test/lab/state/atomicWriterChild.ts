// Child process for the kill -9 test: rewrites a growing document with writeFileAtomic as fast as it can.
import { writeFileAtomic } from '../../../src/lab/state/atomicWrite';
import { readLegacyDocument } from '../../../src/lab/state/legacyDocument';

interface Counter {
  count: number;
  payload: string[];
}

async function main(): Promise<void> {
  const path = process.argv[2] ?? '';
  const saved = await readLegacyDocument<Counter>(path, (raw): raw is Counter => typeof (raw as Counter).count === 'number');
  let count = saved?.count ?? 0;
  process.stdout.write(`started ${count}\n`);
  for (;;) {
    count += 1;
    await writeFileAtomic(path, JSON.stringify({ count, payload: Array.from({ length: 2000 }, () => `entry-${count}`) }));
  }
}

void main();
