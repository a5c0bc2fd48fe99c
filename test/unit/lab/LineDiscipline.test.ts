// Terminal line discipline: echo, editing keys, history, Ctrl-C/Ctrl-D and type-ahead over a scripted LineShell.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineDiscipline } from '../../../src/lab/terminal/LineDiscipline';
import { visibleWidth } from '../../../src/lab/terminal/cursorMoves';
import { runnerLineShell, type LineShell } from '../../../src/lab/terminal/LineShell';

const PROMPT = 'sh-4.2$ ';
const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const executed: string[] = [];
  const aborted: string[] = [];
  const shell: LineShell = {
    prompt: () => PROMPT,
    async execute(line, execution) {
      executed.push(line);
      if (line === 'sleep') {
        await new Promise<void>((resolve) => execution.signal.addEventListener('abort', () => resolve()));
        aborted.push(line);
        execution.write('too late\n');
        return undefined;
      }
      if (line.startsWith('exit')) return { exit: 3 };
      if (line) execution.write(`ran ${line}\nsecond line\n`);
      return undefined;
    },
  };
  const terminal = new LineDiscipline(shell, { columns: 80, rows: 24 });
  let screen = '';
  const exits: number[] = [];
  terminal.onOutput((data) => {
    screen += Buffer.from(data).toString('utf8');
  });
  terminal.onExit((code) => exits.push(code));
  const type = async (text: string) => {
    terminal.write(Buffer.from(text, 'utf8'));
    await flush();
  };
  return { terminal, executed, aborted, exits, type, screen: () => screen, clear: () => (screen = '') };
}

test('shows the prompt, echoes keys, runs the line and prints CRLF output then the prompt', async () => {
  const t = setup();
  await flush();
  assert.equal(t.screen(), PROMPT);
  await t.type('ls\r');
  assert.deepEqual(t.executed, ['ls']);
  assert.equal(t.screen(), `${PROMPT}ls\r\nran ls\r\nsecond line\r\n${PROMPT}`);
});

test('backspace and left-arrow editing change the executed line', async () => {
  const t = setup();
  await t.type('lx\x7fs\r');
  await t.type('ac\x1b[Db\r');
  await t.type('xyz\x1b[D\x1b[D\x1b[3~\r');
  assert.deepEqual(t.executed, ['ls', 'abc', 'xz']);
  assert.ok(t.screen().includes('lx\x1b[1D \x1b[1Ds'), 'backspace steps back, blanks the cell and steps back again');
});

test('up and down arrows walk the history and come back to the draft', async () => {
  const t = setup();
  await t.type('one\r');
  await t.type('two\r');
  await t.type('dra\x1b[A\x1b[A\x1b[B\x1b[B\r');
  await t.type('\x1b[A\x1b[A\r');
  assert.deepEqual(t.executed, ['one', 'two', 'dra', 'two']);
});

test('escape sequences and UTF-8 characters split across writes are put back together', async () => {
  const t = setup();
  await t.type('first\r');
  await t.type('\x1b');
  await t.type('[A\r');
  const euro = Buffer.from('€');
  t.terminal.write(euro.subarray(0, 1));
  t.terminal.write(Buffer.concat([euro.subarray(1), Buffer.from('\r')]));
  await flush();
  assert.deepEqual(t.executed, ['first', 'first', '€']);
});

test('Ctrl-C at the prompt discards the line; during a command it aborts it and hides its late output', async () => {
  const t = setup();
  await t.type('abc\x03');
  assert.match(t.screen(), /abc\^C\r\nsh-4\.2\$ $/);
  await t.type('sleep\r');
  t.clear();
  await t.type('\x03');
  assert.deepEqual(t.aborted, ['sleep']);
  assert.equal(t.screen(), `^C\r\n${PROMPT}`);
  await t.type('x\r');
  assert.deepEqual(t.executed, ['sleep', 'x']);
  assert.ok(!t.screen().includes('too late'));
});

test('keys typed while a command runs are handled after it finishes', async () => {
  const t = setup();
  const slow: LineShell = {
    prompt: () => PROMPT,
    execute: async (line, execution) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      execution.write(`done ${line}\n`);
      return undefined;
    },
  };
  const terminal = new LineDiscipline(slow, { columns: 80, rows: 24 });
  let screen = '';
  terminal.onOutput((data) => (screen += Buffer.from(data).toString()));
  terminal.write(Buffer.from('a\rb\r'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(screen, `${PROMPT}a\r\ndone a\r\n${PROMPT}b\r\ndone b\r\n${PROMPT}`);
  assert.equal(t.executed.length, 0);
});

test('Ctrl-D on an empty line exits with 0; an exit command exits with its code', async () => {
  const t = setup();
  await t.type('\x04');
  assert.deepEqual(t.exits, [0]);
  assert.match(t.screen(), /exit\r\n$/);
  const u = setup();
  await u.type('exit\r');
  assert.deepEqual(u.exits, [3]);
});

test('runnerLineShell runs lines through the host runner and understands exit n', async () => {
  const scripts: string[] = [];
  const shell = runnerLineShell({ run: async (script) => (scripts.push(script), { stdout: 'out\n', stderr: 'err\n', exitCode: 1 }) });
  let written = '';
  const execution = { write: (text: string) => (written += text), signal: new AbortController().signal, columns: 80, rows: 24 };
  assert.equal(await shell.execute('mtx status', execution), undefined);
  assert.equal(written, 'out\nerr\n');
  assert.deepEqual(await shell.execute('exit 2', execution), { exit: 2 });
  assert.deepEqual(scripts, ['mtx status']);
  assert.equal(shell.prompt(), PROMPT);
});

test('a coloured prompt takes only its visible width', () => {
  assert.equal(visibleWidth('\x1b[1;32msh-4.2$\x1b[0m '), 8);
});
