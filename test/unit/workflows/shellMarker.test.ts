// Marker capture and the terminal filter: exit status and output from raw session output, markers never shown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MarkerCapture, MarkerFilter, markedCommandLine } from '../../../src/tape/shellMarker';

const PROMPT = 'sh-4.2$ ';

/** What a shell prints for a marked command: the echo of the typed line, the markers and the output. */
function sessionOutput(id: number, command: string, output: string, status: number): string {
  return `${markedCommandLine(command, id)}\r\n${output}__tgw_${id}_end_${status}\r\n${PROMPT}`;
}

describe('markedCommandLine', () => {
  test('appends an end echo whose typed text cannot match the marker line', () => {
    const line = markedCommandLine('sudo mtx -f /dev/sg0 status', 7);
    assert.equal(line, 'sudo mtx -f /dev/sg0 status; echo "__tgw""_7_end_$?"');
    assert.ok(!line.includes('__tgw_7_end_'));
  });
});

describe('MarkerCapture', () => {
  test('returns the exit status and the output between the markers, whatever the chunking', () => {
    const raw = sessionOutput(42, 'sudo mtx -f /dev/sg0 load 1601 0', 'Loading media from Storage Element 1601 into drive 0...done\r\n', 0);
    for (const size of [1, 3, 17, raw.length]) {
      const capture = new MarkerCapture(42);
      let result;
      for (let i = 0; i < raw.length && !result; i += size) result = capture.push(raw.slice(i, i + size));
      assert.deepEqual(result, { exitCode: 0, output: 'Loading media from Storage Element 1601 into drive 0...done\n' }, `chunks of ${size}`);
    }
  });

  test('reports a failing status and ignores another command\'s markers', () => {
    const capture = new MarkerCapture(8);
    assert.equal(capture.push(sessionOutput(80, 'true', '', 0)), undefined);
    const result = capture.push(sessionOutput(8, 'mtx', 'sh: mtx: command not found\r\n', 127));
    assert.deepEqual(result, { exitCode: 127, output: 'sh: mtx: command not found\n' });
  });

  test('waits for the end marker\'s line end so a status is never cut short', () => {
    const capture = new MarkerCapture(3);
    assert.equal(capture.push(`x; echo "__tgw""_3_end_$?"\r\nout\r\n__tgw_3_end_1`), undefined);
    assert.deepEqual(capture.push('5\r\n'), { exitCode: 15, output: 'out\n' });
  });

  test('drops ANSI sequences from the captured output', () => {
    const capture = new MarkerCapture(1);
    assert.deepEqual(capture.push('x; echo "__tgw""_1_end_$?"\r\n\x1b[1mbold\x1b[0m\r\n__tgw_1_end_0\r\n'), { exitCode: 0, output: 'bold\n' });
  });
});

describe('MarkerFilter', () => {
  test('shows the command and its output but not the markers, in any chunking', () => {
    const raw = PROMPT + sessionOutput(5, 'sudo mt -f /dev/nst0 status', 'SCSI 2 tape drive:\r\n', 0);
    const expected = `${PROMPT}sudo mt -f /dev/nst0 status\r\nSCSI 2 tape drive:\r\n${PROMPT}`;
    for (const size of [1, 2, 5, 11, raw.length]) {
      const filter = new MarkerFilter();
      let shown = '';
      for (let i = 0; i < raw.length; i += size) shown += filter.push(raw.slice(i, i + size));
      shown += filter.flush();
      assert.equal(shown, expected, `chunks of ${size}`);
    }
  });

  test('holds back a possible marker start and releases it on flush', () => {
    const filter = new MarkerFilter();
    assert.equal(filter.push('ls; e'), 'ls');
    assert.ok(filter.holding);
    assert.equal(filter.flush(), '; e');
    assert.equal(filter.push('hello world\r\n'), 'hello world\r\n');
  });

  test('hides a suffix the line editor wrapped (" \\r" at the margin), in any chunking', () => {
    const typed = markedCommandLine('ls', 12);
    for (let wrapAt = 1; wrapAt < typed.length; wrapAt += 1) {
      const echoed = `${typed.slice(0, wrapAt)} \r${typed.slice(wrapAt)}`;
      const raw = `${PROMPT}${echoed}\r\nfile\r\n__tgw_12_end_0\r\n${PROMPT}`;
      const expected = wrapAt <= 2 ? `${PROMPT}${echoed.slice(0, 4)}\r\nfile\r\n${PROMPT}` : `${PROMPT}ls\r\nfile\r\n${PROMPT}`;
      for (const size of [1, 4, raw.length]) {
        const filter = new MarkerFilter();
        let shown = '';
        for (let i = 0; i < raw.length; i += size) shown += filter.push(raw.slice(i, i + size));
        shown += filter.flush();
        assert.equal(shown, expected, `wrap after ${wrapAt}, chunks of ${size}`);
      }
      const capture = new MarkerCapture(12);
      assert.deepEqual(capture.push(raw), { exitCode: 0, output: 'file\n' }, `capture with wrap after ${wrapAt}`);
    }
  });

  test('keeps text that only looks like a marker', () => {
    const filter = new MarkerFilter();
    assert.equal(filter.push('__tgw_notes.txt\r\n') + filter.flush(), '__tgw_notes.txt\r\n');
  });
});
