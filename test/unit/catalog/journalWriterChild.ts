// Child process for the kill test: appends catalog records as fast as it can until it is killed.
import { CatalogJournal } from '../../../src/extension/catalog/CatalogJournal';
import { archive } from './catalogFixture';

async function main(): Promise<void> {
  const { journal } = await CatalogJournal.open(process.argv[2] ?? '');
  for (let i = 0; ; i += 1) {
    // Large records make it likely that the kill lands inside a write.
    await journal.append([archive(`TAPE${String(i % 50).padStart(4, '0')}`, i, Array.from({ length: 200 }, (_, m) => `dir${i}/file${m}.bin`))]);
    if (i === 0) process.stdout.write('started\n');
  }
}

void main();
