// Pipelines whose stages can stream move their data through a bounded pipe: tar | dd to and from a tape and cat | wc hold
// at most the pipe's capacity and one write, a reader that stops early ends the writer as SIGPIPE does, and Ctrl-C ends every stage.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PIPE_CAPACITY } from '../../../src/lab/shell/pipes/LabPipe';
import { markPipelines } from '../../../src/lab/shell/pipes/markPipelines';
import type { ShellSession } from '../../../src/lab/shell/ShellSession';
import { LOAD_TAPE_LINES, Walkthrough, walkthrough } from './walkthroughFixture';

const MIB = 1024 * 1024;
/** What a pipe may hold at most: its capacity, plus the one write that filled it (a 64 KiB dd record at most here). */
const PIPE_BOUND = PIPE_CAPACITY + 64 * 1024;
/** tar -c waits after the records of each 1 MiB it reads from a member, so its pipe holds up to that much more. */
const TAR_PIPE_BOUND = PIPE_CAPACITY + MIB;
let w: Walkthrough;
let root: ShellSession;

interface Line {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

async function run(line: string, signal?: AbortSignal): Promise<Line> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => ({ write: (chunk: string | Uint8Array) => append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1')) });
  const status = await root.executeLine(line, { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)), ...(signal ? { signal } : {}) });
  return { stdout, stderr, status };
}

async function ok(line: string): Promise<string> {
  const result = await run(line);
  assert.equal(result.status, 0, `${line}: ${result.stderr}`);
  return result.stdout;
}

/** Runs `line` and reports how many pipes it opened and the most any of them held. */
async function measured(line: string): Promise<Line & { pipes: number; peak: number }> {
  const [opened, before] = [root.pipes.opened, root.pipes.peakBytes];
  root.pipes.peakBytes = 0;
  const result = await run(line);
  const peak = root.pipes.peakBytes;
  root.pipes.peakBytes = Math.max(before, peak);
  return { ...result, pipes: root.pipes.opened - opened, peak };
}

before(async () => {
  w = walkthrough();
  root = w.host.newShell('root');
  for (const line of [
    ...LOAD_TAPE_LINES,
    'mkdir -p /data/sub && dd if=/dev/urandom of=/data/big bs=1M count=24 2>/dev/null && seq 1 20000 > /data/sub/n',
  ]) await ok(line);
});
after(() => w.dispose());

test('cat | wc -c of a 24 MiB file moves it through one pipe that never holds more than its capacity and one write', async () => {
  const result = await measured('cat /data/big | wc -c; echo "${PIPESTATUS[@]}"');
  assert.deepEqual([result.stdout, result.pipes], [`${24 * MIB}\n0 0\n`, 1]);
  assert.ok(result.peak > 0 && result.peak <= PIPE_BOUND, `peak ${result.peak}`);
  const chain = await measured('cat /data/big | cat | md5sum; md5sum < /data/big');
  const [streamed, whole] = chain.stdout.split('\n');
  assert.equal(streamed, whole);
  assert.equal(chain.pipes, 2);
  assert.ok(chain.peak <= PIPE_BOUND, `peak ${chain.peak}`);
});

test('tar -cf - | dd to a tape and dd from it | tar -xf - stream both ways, also under sudo', async () => {
  const out = await measured('tar -c --record-size=65536 -f - /data | dd of=/dev/st0 bs=64k; echo "${PIPESTATUS[@]}"');
  assert.equal(out.stdout, '0 0\n', out.stderr);
  assert.match(out.stderr, /^tar: Removing leading `\/' from member names\n\d+\+\d+ records in\n/);
  assert.deepEqual([out.pipes, out.peak <= TAR_PIPE_BOUND], [1, true], `peak ${out.peak}`);
  const back = await measured('mkdir -p /restore && cd /restore && dd if=/dev/st0 bs=64k 2>/dev/null | tar -x --record-size=65536 -f -; echo "${PIPESTATUS[@]}"');
  assert.equal(back.stdout, '0 0\n');
  assert.deepEqual([back.pipes, back.peak <= PIPE_BOUND], [1, true], `peak ${back.peak}`);
  assert.equal(await ok('cmp /data/big /restore/data/big && cmp /data/sub/n /restore/data/sub/n && echo same'), 'same\n');
  const sudo = await measured('sudo tar -c -b 128 -f - /data/sub | sudo dd of=/dev/st0 bs=64k 2>/dev/null; echo "${PIPESTATUS[@]}"');
  assert.deepEqual([sudo.stdout, sudo.pipes], ['0 0\n', 1]);
});

test('a reader that stops early ends its writers with 141 and no message from them; pipefail sees it', async () => {
  const result = await measured('dd if=/dev/zero bs=64k count=100000 | cat | head -c 10 | wc -c; echo "${PIPESTATUS[@]}"');
  assert.deepEqual([result.stdout, result.stderr, result.pipes], ['10\n141 141 0 0\n', '', 3]);
  assert.equal((await run('set -o pipefail; cat /data/big | head -n 1 > /dev/null; echo $?; set +o pipefail')).stdout, '141\n');
  // Output that fits in the pipe was written before the reader left: its writer ends normally.
  assert.equal((await run('seq 1 1000 > /tmp/small; cat /tmp/small | head -n 1; echo "${PIPESTATUS[@]}"')).stdout, '1\n0 0\n');
});

test('Ctrl-C ends every stage of a streaming pipeline', async () => {
  const controller = new AbortController();
  const opened = root.pipes.opened;
  const line = run('dd if=/dev/zero bs=64k count=10000000 | dd of=/dev/null bs=64k', controller.signal);
  while (root.pipes.opened === opened) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  assert.equal((await line).status, 130);
  assert.equal(await ok('echo after'), 'after\n');
});

test('only adjacent stream-capable stages are paired; the script keeps its text, and functions are never paired', () => {
  const marked = markPipelines('x=${v:1:2}; cat f | wc -c') ?? '';
  assert.match(marked, /^x=\$\{v:1:2\}; __lab_pipe_out=(\d+) cat f \| __lab_pipe_in=\1 wc -c$/);
  assert.equal(markPipelines('cat f | grep x | sort'), undefined);
  assert.equal(markPipelines('cat f > out | wc -c; cat f | wc -c < g; cat f |& wc -l; cat f 2>&1 | wc -c'), undefined);
  assert.equal(markPipelines('wc() { echo mine; }; cat f | wc'), undefined);
  assert.equal(markPipelines('cat f | wc', new Set(['cat'])), undefined);
  assert.match(markPipelines('dd if=/dev/nst0 2>/dev/null | sudo tar -xf -') ?? '', /^__lab_pipe_out=(\d+) __lab_pipe_err=null dd if=\/dev\/nst0 2>\/dev\/null \| __lab_pipe_in=\1 sudo tar -xf -$/);
  assert.match(markPipelines('for f in *; do cat "$f" | md5sum; done') ?? '', /do __lab_pipe_out=\d+ cat "\$f" \| __lab_pipe_in=\d+ md5sum; done/);
});

test('a buffered neighbour keeps today\'s behaviour: nothing streams, output and statuses are whole', async () => {
  const result = await measured('cat /data/sub/n | grep -c 7 | cat; echo "${PIPESTATUS[@]}"');
  assert.deepEqual([result.stdout, result.pipes], ['6878\n0 0 0\n', 0]);
});
