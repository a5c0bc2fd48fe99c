// Child process for the kill -9 test: writes tape files through a drive and prints "ack N" after each close returns.
import { TapeDeviceRegistry } from '../../../src/lab/library/TapeDeviceRegistry';
import { InMemoryLibrary } from './InMemoryLibrary';

const stateDir = process.argv[2];
const library = new InMemoryLibrary();
library.addTape('KILL000001');
library.moveMedium({ kind: 'slot', index: 1601 }, { kind: 'drive', index: 0 });
const drive = new TapeDeviceRegistry(stateDir).devicesFor(library).drives[0];
for (let file = 0; ; file += 1) {
  const handle = drive.open({ rewindOnClose: false, write: true });
  // File N holds N+1 blocks filled with the byte N % 256.
  handle.write(Buffer.alloc(65536 * ((file % 4) + 1), file % 256));
  handle.close();
  process.stdout.write(`ack ${file}\n`);
}
