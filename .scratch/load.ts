import { readFile } from 'node:fs/promises';
import { openRegionTables } from '../src/lab/services/storageGateway/regionTables';
import { parseJournal } from '../src/lab/state/journalFormat';
async function main() {
  const p = '/tmp/st16/storagegateway/123456789012_us-east-1.journal';
  let s = performance.now();
  const text = await readFile(p, 'utf8');
  console.log('read', (performance.now() - s).toFixed(0));
  s = performance.now();
  const parsed = parseJournal(text, p);
  console.log('parse', (performance.now() - s).toFixed(0), parsed.batches.length, 'lines');
  s = performance.now();
  const t = await openRegionTables('/tmp/st16-copy.journal', '/nonexistent', console.log);
  console.log('open fresh', (performance.now() - s).toFixed(0));
  await t.store.close();
  const { copyFile } = await import('node:fs/promises');
  await copyFile(p, '/tmp/st16-copy.journal');
  s = performance.now();
  const t2 = await openRegionTables('/tmp/st16-copy.journal', '/nonexistent', console.log);
  console.log('open full', (performance.now() - s).toFixed(0), t2.store.footprint());
  await t2.store.close();
}
void main();
