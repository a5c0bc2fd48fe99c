// Child process for the journal kill -9 test: commits batches (a counter and every item set to it) as fast as it can,
// with compaction forced often, and prints each counter value once it is durable.
import { StateStore } from '../../../src/lab/state/StateStore';

const ITEMS = 50;

async function main(): Promise<void> {
  const store = new StateStore(process.argv[2] ?? '', { compactionRatio: 1.1, compactionSlackBytes: 2048 });
  const counter = store.table<number>('counter');
  const items = store.table<{ round: number; pad: string }>('items', { indexes: { round: (item) => String(item.round) } });
  await store.open();
  let round = counter.get('round') ?? 0;
  process.stdout.write(`started ${round}\n`);
  for (;;) {
    round += 1;
    counter.put('round', round);
    for (let i = 0; i < ITEMS; i += 1) items.put(`item-${i}`, { round, pad: 'x'.repeat(40) });
    await store.durable();
    process.stdout.write(`durable ${round}\n`);
  }
}

void main();
