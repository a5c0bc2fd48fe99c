// Linux st semantics of the emulated drive and durability of the media under the state dir.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { TapeDeviceError } from '../../../src/lab/library/TapeDeviceError';
import { TapeDeviceRegistry } from '../../../src/lab/library/TapeDeviceRegistry';
import { TapeMediaStore } from '../../../src/lab/library/TapeMediaStore';
import { InMemoryLibrary } from './InMemoryLibrary';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup(options: { readOnly?: boolean; worm?: boolean } = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), 'tape-drive-'));
  dirs.push(stateDir);
  const library = new InMemoryLibrary();
  library.addTape('TEST000001', options);
  library.moveMedium({ kind: 'slot', index: 1601 }, { kind: 'drive', index: 0 });
  const registry = new TapeDeviceRegistry(stateDir);
  const drive = registry.devicesFor(library).drives[0];
  return { stateDir, library, registry, drive };
}

const block = (fill: number, size = 65536) => Buffer.alloc(size, fill);
const errno = (code: string) => (error: unknown) => error instanceof TapeDeviceError && error.errno === code;

test('fixed 64 KiB blocks: non-multiple writes fail EINVAL, reads of any size re-block', () => {
  const { drive, library } = setup();
  const out = drive.open({ rewindOnClose: true, write: true });
  assert.throws(() => out.write(Buffer.alloc(10240)), errno('EINVAL'));
  out.write(Buffer.concat([block(1), block(2)]));
  out.close();
  assert.equal(library.usage.get('TEST000001'), 131072);
  assert.deepEqual(drive.status().bits, ['ONLINE', 'IM_REP_EN', 'BOT']);
  const input = drive.open({ rewindOnClose: false, write: false });
  const first = input.read(10240);
  assert.equal(first.length, 10240);
  assert.equal(first[0], 1);
  let total = first.length;
  for (let chunk = input.read(10240); chunk.length > 0; chunk = input.read(10240)) total += chunk.length;
  assert.equal(total, 131072);
  assert.deepEqual([drive.status().fileNumber, drive.status().blockNumber, drive.status().bits.includes('EOF')], [1, 0, true]);
  assert.equal(input.read(10240).length, 0, 'EOD reads 0 once');
  assert.throws(() => input.read(10240), errno('EIO'));
  input.close();
});

test('nst keeps position, filemark on close, fsf/bsf/eod/tell and weof', () => {
  const { drive } = setup();
  for (const fill of [1, 2]) {
    const h = drive.open({ rewindOnClose: false, write: true });
    h.write(block(fill));
    h.close();
  }
  const h = drive.open({ rewindOnClose: false, write: false });
  assert.deepEqual([drive.status().fileNumber, drive.status().blockNumber], [2, 0]);
  assert.equal(drive.tell(), 4);
  drive.rewind();
  drive.forwardFiles(1);
  assert.equal(h.read(65536)[0], 2);
  drive.backFiles(1);
  assert.deepEqual([drive.status().fileNumber, drive.status().blockNumber], [0, -1]);
  drive.toEndOfData();
  assert.deepEqual([drive.status().fileNumber, drive.status().blockNumber, drive.status().bits], [2, -1, ['ONLINE', 'IM_REP_EN', 'EOD']]);
  drive.rewind();
  assert.throws(() => drive.forwardFiles(3), errno('EIO'));
  assert.deepEqual([drive.status().fileNumber, drive.status().blockNumber], [2, -1]);
  drive.rewind();
  assert.throws(() => drive.backFiles(1), errno('EIO'));
  drive.writeFilemarks(1);
  assert.equal(drive.tell(), 1);
  h.close();
});

test('variable mode: one block per write, ENOMEM for a small read buffer', () => {
  const { drive } = setup();
  const h = drive.open({ rewindOnClose: true, write: true });
  drive.setBlockSize(0);
  h.write(Buffer.alloc(65536, 7));
  h.write(Buffer.alloc(1000, 8));
  drive.rewind();
  assert.throws(() => h.read(10240), errno('ENOMEM'));
  assert.equal(h.read(10240).length, 1000);
  h.close();
});

test('no tape, offline, read-only and WORM', () => {
  const { drive, registry, library } = setup();
  const { changer } = registry.devicesFor(library);
  const handle = drive.open({ rewindOnClose: false, write: false });
  drive.takeOffline();
  handle.close();
  assert.throws(() => drive.open({ rewindOnClose: true, write: false }), errno('ENOMEDIUM'));
  assert.deepEqual(drive.status().bits, ['DR_OPEN', 'IM_REP_EN']);
  changer.move({ kind: 'drive', index: 0 }, { kind: 'slot', index: 1 });
  changer.move({ kind: 'slot', index: 1 }, { kind: 'drive', index: 0 });
  assert.equal(drive.status().blockSize, 65536, 'a new load brings the drive back online');
  const ro = setup({ readOnly: true });
  assert.throws(() => ro.drive.open({ rewindOnClose: true, write: true }), errno('EROFS'));
  assert.ok(ro.drive.status().bits.includes('WR_PROT'));
  const worm = setup({ worm: true });
  const h = worm.drive.open({ rewindOnClose: false, write: true });
  h.write(block(1));
  h.close();
  const again = worm.drive.open({ rewindOnClose: false, write: true });
  again.write(block(2)); // appending after the filemark is allowed
  worm.drive.rewind();
  assert.throws(() => again.write(block(3)), errno('EIO'));
  again.close();
});

test('media survives a crash: unsynced store reopened, torn journal record and stray data ignored', () => {
  const { drive, stateDir } = setup();
  const h = drive.open({ rewindOnClose: true, write: true });
  h.write(Buffer.concat([block(1), block(2)]));
  h.close();
  // No store.close(): the process "dies" here.
  const dir = join(stateDir, 'tape-media', 'TEST000001');
  appendFileSync(join(dir, 'journal'), Buffer.alloc(7, 1));
  appendFileSync(join(dir, 'data'), Buffer.alloc(4096, 9));
  const media = new TapeMediaStore(stateDir).media('TEST000001');
  assert.equal(media.objectCount, 3);
  assert.equal(media.usedBytes, 131072);
  assert.equal(media.readBlock(1)[0], 2);
  assert.equal(media.objectAt(2)?.kind, 'filemark');
});
