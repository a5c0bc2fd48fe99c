import { copyFile } from 'node:fs/promises';
import { openRegionTables } from '../src/lab/services/storageGateway/regionTables';
async function main() {
  await copyFile('/tmp/st16/storagegateway/123456789012_us-east-1.journal', '/tmp/st16-copy.journal');
  const s = performance.now();
  const t2 = await openRegionTables('/tmp/st16-copy.journal', '/nonexistent', console.log);
  console.log('open full', (performance.now() - s).toFixed(0));
  await t2.store.close();
}
void main();
