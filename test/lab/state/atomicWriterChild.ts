// Child process for the kill -9 test: saves a growing document through DurableDocument as fast as it can.
import { DurableDocument } from '../../../src/lab/state/DurableDocument';

interface Counter {
  count: number;
  payload: string[];
}

async function main(): Promise<void> {
  const path = process.argv[2] ?? '';
  const document = await DurableDocument.open<Counter>(path, () => ({ count: 0, payload: [] }), (raw): raw is Counter => typeof (raw as Counter).count === 'number');
  process.stdout.write(`started ${document.value.count}\n`);
  for (;;) {
    document.value.count += 1;
    document.value.payload = Array.from({ length: 2000 }, () => `entry-${document.value.count}`);
    await document.save();
  }
}

void main();
