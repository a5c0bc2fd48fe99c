// mt status formatter/parser against the mt-st outputs observed on a tape gateway's drives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MtStatus, formatMtStatus, parseMtStatus } from '../../../src/tape/mtStatus';
import { formatMtTell, mtArgs, parseMtTell } from '../../../src/tape/mtCommand';

const walkthrough =
  'SCSI 2 tape drive:\nFile number=0, block number=0, partition=0.\nTape block size 65536 bytes. Density code 0x0 (default).\n' +
  'Soft error count since last status=0\nGeneral status bits on (41010000):\n BOT ONLINE IM_REP_EN\n';

function status(fileNumber: number, blockNumber: number, blockSize: number, bits: MtStatus['bits']): MtStatus {
  return { fileNumber, blockNumber, partition: 0, blockSize, densityCode: 0, softErrors: 0, bits };
}

test('BOT status is the walkthrough output', () => {
  assert.equal(formatMtStatus(status(0, 0, 65536, ['ONLINE', 'IM_REP_EN', 'BOT'])), walkthrough);
  assert.deepEqual(parseMtStatus(walkthrough), status(0, 0, 65536, ['BOT', 'ONLINE', 'IM_REP_EN']));
});

test('status words print %lx without leading zeros, in mt-st bit order', () => {
  const cases: [MtStatus, string, string][] = [
    [status(1, 0, 65536, ['EOF', 'ONLINE', 'IM_REP_EN']), '81010000', ' EOF ONLINE IM_REP_EN'],
    [status(1, -1, 65536, ['EOD', 'ONLINE', 'IM_REP_EN']), '9010000', ' EOD ONLINE IM_REP_EN'],
    [status(0, 2, 65536, ['ONLINE', 'IM_REP_EN']), '1010000', ' ONLINE IM_REP_EN'],
    [status(-1, -1, 0, ['DR_OPEN', 'IM_REP_EN']), '50000', ' DR_OPEN IM_REP_EN'],
  ];
  for (const [value, word, names] of cases) {
    const text = formatMtStatus(value);
    assert.ok(text.includes(`General status bits on (${word}):\n${names}\n`), text);
    assert.deepEqual(parseMtStatus(text), value);
  }
  assert.match(formatMtStatus(status(-1, -1, 0, ['DR_OPEN', 'IM_REP_EN'])), /File number=-1, block number=-1, partition=0\.\nTape block size 0 bytes/);
});

test('tell and argv', () => {
  assert.equal(formatMtTell(5), 'At block 5.\n');
  assert.equal(parseMtTell('At block 5.\n'), 5);
  assert.deepEqual(mtArgs('/dev/nst0', 'fsf', 1), ['mt', '-f', '/dev/nst0', 'fsf', '1']);
});
