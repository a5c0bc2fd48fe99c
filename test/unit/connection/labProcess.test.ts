// LabProcess against small stand-in scripts: the ready line (unknown fields ignored), the log, a death, a failed start, stop().
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LabProcess, LabStartFailed, parseLabReady } from '../../../src/extension/connection/LabProcess';

const dir = mkdtempSync(join(tmpdir(), 'lab-process-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const READY = { endpoint: 'http://127.0.0.1:4566', region: 'eu-west-1', accessKeyId: 'test', secretAccessKey: 'test', stateDir: '/tmp/state', adminToken: 'abc' };

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

function start(path: string, log: (line: string) => void = () => undefined, readyTimeoutMs?: number): Promise<LabProcess> {
  return LabProcess.start({ script: path, nodePath: process.execPath, stateDir: join(dir, 'state'), port: 0, region: 'eu-west-1', timeScale: 0, log, readyTimeoutMs });
}

const serving = script('serving.js', `
process.on('SIGTERM', () => { process.stderr.write('stopping\\n'); process.exit(0); });
process.stderr.write('args ' + process.argv.slice(2).join(' ') + '\\n');
process.stdout.write(${JSON.stringify(JSON.stringify(READY))} + '\\n');
setInterval(() => undefined, 1000);
`);

test('reads the ready line (ignoring fields it does not know), forwards the log, and passes the state folder', async () => {
  const lines: string[] = [];
  const lab = await start(serving, (line) => lines.push(line));
  try {
    assert.deepEqual(lab.ready, { endpoint: READY.endpoint, region: READY.region, accessKeyId: 'test', secretAccessKey: 'test', stateDir: '/tmp/state' });
    assert.ok(lab.running);
  } finally {
    await lab.stop();
  }
  assert.equal(lab.running, false);
  assert.match(lines[0] ?? '', /--port 0 --state-dir .*state --region eu-west-1 --time-scale 0 --exit-with-parent$/);
  assert.ok(lines.includes('stopping'), `SIGTERM lets the lab stop by itself: ${JSON.stringify(lines)}`);
});

test('a lab killed from outside reports its exit once, with a sentence that says how to restart it', async () => {
  const lab = await start(serving);
  const exit = new Promise<string>((resolve) => lab.onExit((e) => resolve(e.message)));
  process.kill(lab.pid ?? 0, 'SIGKILL');
  assert.match(await exit, /^The local lab was stopped by SIGKILL\. Its state is kept on disk: restart it with "Tape Gateway: Start Local Lab"\.$/);
  assert.equal(lab.running, false);
});

test('a lab that exits before it is ready fails the start with its last log line', async () => {
  const failing = script('failing.js', `process.stderr.write('tape-gateway-lab: --state-dir is not writable\\n'); process.exit(2);`);
  await assert.rejects(start(failing), (error: Error) => error instanceof LabStartFailed && /stopped before it was ready \(exit code 2\): tape-gateway-lab: --state-dir is not writable/.test(error.message));
});

test('something other than the ready line, or no line at all, fails with a sentence', async () => {
  const chatty = script('chatty.js', `process.stdout.write('hello\\n'); setInterval(() => undefined, 1000);`);
  await assert.rejects(start(chatty), /printed "hello" instead of its ready line/);
  const silent = script('silent.js', `setInterval(() => undefined, 1000);`);
  await assert.rejects(start(silent, () => undefined, 300), /did not report ready within 0 s/);
  assert.throws(() => parseLabReady('{"endpoint":"http://127.0.0.1:1"}'), /ready line has no "region"/);
});

test('a Node that cannot be run is named in the sentence', async () => {
  await assert.rejects(
    LabProcess.start({ script: serving, nodePath: join(dir, 'no-such-node'), stateDir: dir, port: 0, region: 'us-east-1', timeScale: 1, log: () => undefined }),
    /could not be started with .*no-such-node: .*ENOENT.*tapeGateway\.lab\.nodePath/,
  );
});
