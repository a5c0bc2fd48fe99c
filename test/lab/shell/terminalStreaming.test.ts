// A command printing to the terminal streams: dd from tape writes records to the session as it reads them, waits while
// the session's output flow is paused (the client is behind), goes on when it drains, and Ctrl-C stops it (^C, 130).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { InteractiveShell, OutputFlow } from '../../../src/lab/hosts/ClientHost';
import { markTerminalStdout, TERMINAL_STREAMING_COMMANDS } from '../../../src/lab/shell/terminalStdout';
import { Walkthrough, walkthrough } from './walkthroughFixture';
import { eventually } from '../../eventually';

const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';
const RECORD = 64 * 1024;
const RECORDS = 64;
let w: Walkthrough;

/** An output flow the test opens and closes by hand. */
class ManualFlow implements OutputFlow {
  paused = true;
  private waiters: (() => void)[] = [];
  whenWritable(): Promise<void> {
    return this.paused ? new Promise<void>((resolve) => this.waiters.push(resolve)) : Promise.resolve();
  }
  open(): void {
    this.paused = false;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

async function ok(line: string): Promise<string> {
  const result = await w.run(line);
  assert.equal(result.status, 0, `${line}: ${result.stderr}`);
  return result.stdout;
}

async function settle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Waits (by the clock, not a count of turns: file reads go through the disk) until the screen ends with `tail`. */
async function untilScreenEndsWith(t: { text: () => string }, tail: string): Promise<void> {
  await eventually(`the screen to end with ${JSON.stringify(tail)}`, () => (t.text().endsWith(tail) ? true : undefined), 20_000, 5);
}

function terminal(flow: OutputFlow): { shell: InteractiveShell; bytes: () => number; text: () => string } {
  const shell = w.host.openSession({ columns: 80, rows: 24 });
  const chunks: Buffer[] = [];
  let count = 0;
  shell.onOutput((data) => {
    count += data.length;
    chunks.push(Buffer.from(data));
  });
  shell.useOutputFlow?.(flow);
  return { shell, bytes: () => count, text: () => Buffer.concat(chunks).toString('latin1') };
}

before(async () => {
  w = walkthrough();
  await ok('sudo iscsiadm -m discovery -t st -p 10.0.2.143:3260');
  await ok(`sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`);
  await ok(`sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -l`);
  await ok('sudo mtx -f /dev/sg0 load 1601 0');
  await ok(`sudo dd if=/dev/zero of=/dev/st0 bs=${RECORD} count=${RECORDS} status=none`);
});
after(() => w.dispose());

test('only commands whose stdout is the terminal are marked', () => {
  const mark = (line: string) => markTerminalStdout(line, TERMINAL_STREAMING_COMMANDS);
  assert.equal(mark('sudo dd if=/dev/nst0 bs=64k'), '__lab_tty=1 sudo dd if=/dev/nst0 bs=64k');
  assert.equal(mark('sudo -u root LANG=C dd if=/dev/nst0'), '__lab_tty=1 sudo -u root LANG=C dd if=/dev/nst0');
  // Lines with nothing that streams run exactly as typed (not re-serialised).
  assert.equal(mark('echo hi; ls'), undefined);
  assert.equal(mark("sudo tee /tmp/x <<'EOF'\nhello $USER\nEOF"), undefined);
  for (const line of ['sudo dd if=/dev/st0 | wc -c', 'dd if=/dev/st0 > out', 'dd if=/dev/st0 &> out', 'echo $(dd if=/dev/st0)', 'f() { dd if=/dev/st0; }', '{ dd if=/dev/st0; } > out', 'dd if=/dev/st0 >&2']) {
    assert.equal(mark(line), undefined, line);
  }
  // The mark goes in before the command's name; the rest of the line stays as typed.
  assert.equal(mark('if true; then dd if=/dev/st0; fi'), 'if true; then __lab_tty=1 dd if=/dev/st0; fi');
  assert.equal(mark('dd if=/dev/st0 2>&1 | cat; dd if=/dev/st0 2>/dev/null'), 'dd if=/dev/st0 2>&1 | __lab_tty=1 cat; __lab_tty=1 dd if=/dev/st0 2>/dev/null');
  assert.equal(mark('echo "dd" ${v:1:2}; tar -cf - .'), 'echo "dd" ${v:1:2}; __lab_tty=1 tar -cf - .');
});

test('dd from tape to the terminal waits while the flow is paused, then streams the rest', async () => {
  const flow = new ManualFlow();
  const t = terminal(flow);
  t.shell.write(Buffer.from(`sudo dd if=/dev/st0 bs=${RECORD}\r`));
  await eventually('the first records to reach the screen', () => (t.bytes() >= RECORD ? true : undefined), 20_000, 5);
  await settle();
  const whilePaused = t.bytes();
  // Up to the 64 KiB held before streaming starts plus the record that crossed it: the rest waits for room.
  assert.ok(whilePaused >= RECORD && whilePaused <= 3 * RECORD, `${whilePaused} bytes reached the screen while paused`);
  await settle();
  assert.equal(t.bytes(), whilePaused, 'nothing more is produced while the flow stays paused');
  flow.open();
  await untilScreenEndsWith(t, '$ ');
  const text = t.text();
  assert.match(text, new RegExp(`\\x00${RECORDS}\\+0 records in\\r\\n${RECORDS}\\+0 records out\\r\\n${RECORDS * RECORD} bytes \\(4\\.2 MB\\) copied, [^\\r]*\\r\\nsh-4\\.2\\$ $`));
  assert.equal(text.split('\0').length - 1, RECORDS * RECORD, 'every record reached the screen once');
  t.shell.close();
});

test('Ctrl-C stops a paused dd at once: ^C, then status 130', async () => {
  const flow = new ManualFlow();
  const t = terminal(flow);
  t.shell.write(Buffer.from(`sudo dd if=/dev/st0 bs=${RECORD}\r`));
  await settle();
  const before = t.bytes();
  t.shell.write(Buffer.from('\x03'));
  await untilScreenEndsWith(t, '$ ');
  assert.ok(t.bytes() - before < 2 * RECORD, 'no more records after Ctrl-C');
  assert.match(t.text(), /\^C[^]*sh-4\.2\$ $/);
  flow.open();
  t.shell.write(Buffer.from('echo $?\r'));
  await untilScreenEndsWith(t, '130\r\nsh-4.2$ ');
  assert.ok(t.text().endsWith('echo $?\r\n130\r\nsh-4.2$ '), JSON.stringify(t.text().slice(-80)));
  t.shell.close();
});

test('output of earlier commands of the line reaches the screen before a command that streams, later output after it', async () => {
  const flow = new ManualFlow();
  flow.open();
  const t = terminal(flow);
  const line = `echo start; sudo dd if=/dev/st0 bs=${RECORD} status=none; echo end`;
  t.shell.write(Buffer.from(`${line}\r`));
  await untilScreenEndsWith(t, '$ ');
  const text = t.text();
  assert.ok(text.startsWith(`sh-4.2$ ${line}\r\nstart\r\n\0`), JSON.stringify(text.slice(0, 120)));
  assert.ok(text.endsWith('\0end\r\nsh-4.2$ '), JSON.stringify(text.slice(-40)));
  assert.equal(text.split('\0').length - 1, RECORDS * RECORD);
  t.shell.close();
});

test('cat and tar -cf - printing to the terminal stream with its flow control', async () => {
  await ok('dd if=/dev/zero of=/tmp/zeros bs=1M count=4 2>/dev/null');
  for (const line of ['cat /tmp/zeros', 'tar -cf - /tmp/zeros']) {
    const flow = new ManualFlow();
    const t = terminal(flow);
    t.shell.write(Buffer.from(`${line}\r`));
    await eventually(`${line}: output to reach the screen`, () => (t.bytes() >= RECORD ? true : undefined), 20_000, 5);
    await settle();
    const whilePaused = t.bytes();
    // What is held before streaming starts, plus what one write brings (tar: the records of 1 MiB it read).
    assert.ok(whilePaused <= 1.25 * 1024 * 1024, `${line}: ${whilePaused} bytes reached the screen while paused`);
    flow.open();
    await untilScreenEndsWith(t, '$ ');
    assert.ok(t.bytes() > 4 * 1024 * 1024, `${line}: ${t.bytes()} bytes in all`);
    t.shell.close();
  }
});

test('through a pipe, dd streams into the pipe (not to the terminal) and the pipe gets every byte', async () => {
  assert.equal((await ok(`sudo dd if=/dev/st0 bs=${RECORD} status=none | wc -c`)).trim(), String(RECORDS * RECORD));
});

test('streamed output gets the terminal ONLCR: "\\n" becomes "\\r\\n", an existing "\\r\\n" stays', async () => {
  await ok("printf 'a\\nb\\r\\n%.0s' $(seq 1 30000) > /tmp/lines");
  const flow = new ManualFlow();
  flow.open();
  const t = terminal(flow);
  t.shell.write(Buffer.from('dd if=/tmp/lines bs=64k status=none\r'));
  await untilScreenEndsWith(t, '$ ');
  assert.equal(t.text(), `sh-4.2$ dd if=/tmp/lines bs=64k status=none\r\n${'a\r\nb\r\n'.repeat(30000)}sh-4.2$ `);
  t.shell.close();
});

test('set -x does not show the mark a streaming command carries', async () => {
  const flow = new ManualFlow();
  flow.open();
  const t = terminal(flow);
  t.shell.write(Buffer.from('set -x; dd if=/dev/null status=none\r'));
  await untilScreenEndsWith(t, '$ ');
  assert.equal(t.text(), 'sh-4.2$ set -x; dd if=/dev/null status=none\r\n+ dd if=/dev/null status=none\r\nsh-4.2$ ');
  t.shell.close();
});
