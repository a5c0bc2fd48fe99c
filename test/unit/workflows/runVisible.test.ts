// runVisible against a fake shell channel (one command at a time, timeouts) and TapeWorkflows' failure sentences.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runVisible } from '../../../src/extension/workflows/runVisible';
import type { ShellChannel } from '../../../src/extension/workflows/ShellChannel';
import { TapeWorkflows, WorkflowError } from '../../../src/extension/workflows/TapeWorkflows';
import type { MarkedResult } from '../../../src/tape/shellMarker';

/** Answers each typed marked line like sh would, with the output and status `answer` gives. */
function fakeShell(answer: (command: string) => { output: string; status: number } | undefined): ShellChannel & { typed: string[]; end(sentence: string): void } {
  const listeners = new Set<(text: string) => void>();
  const endListeners = new Set<(sentence: string) => void>();
  const typed: string[] = [];
  let ended: string | undefined;
  return {
    typed,
    end(sentence) {
      ended = sentence;
      endListeners.forEach((listener) => listener(sentence));
    },
    onEnd(listener) {
      endListeners.add(listener);
      return { dispose: () => endListeners.delete(listener) };
    },
    sendText(text) {
      if (ended) throw new Error(ended);
      typed.push(text);
      const match = /^(.*); echo "__tgw""_(\d+)_end_\$\?"\r$/.exec(text);
      const reply = match ? answer(match[1]) : undefined;
      if (!match || !reply) return;
      const out = `${text}\n${reply.output}__tgw_${match[2]}_end_${reply.status}\r\nsh-4.2$ `;
      setImmediate(() => listeners.forEach((listener) => listener(out)));
    },
    onOutput(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
}

describe('runVisible', () => {
  test('types one command at a time and resolves each with its own status and output', async () => {
    const shell = fakeShell((command) => ({ output: `ran ${command}\r\n`, status: command === 'false' ? 1 : 0 }));
    const [first, second] = await Promise.all([runVisible(shell, 'true'), runVisible(shell, 'false')]);
    assert.deepEqual(first, { exitCode: 0, output: 'ran true\n' });
    assert.deepEqual(second, { exitCode: 1, output: 'ran false\n' });
    assert.equal(shell.typed.length, 2);
  });

  test('fails with a sentence when the end marker never comes, and the next command still runs', async () => {
    const shell = fakeShell((command) => (command === 'sleep 100' ? undefined : { output: '', status: 0 }));
    await assert.rejects(runVisible(shell, 'sleep 100', { timeoutMs: 20 }), /`sleep 100` did not finish within 0 s\. Look at the terminal/);
    assert.equal((await runVisible(shell, 'true')).exitCode, 0);
  });

  test('a session that ends mid-command rejects at once with the reason, and so does the next command', async () => {
    const shell = fakeShell((command) => (command === 'sleep 100' ? undefined : { output: '', status: 0 }));
    const running = runVisible(shell, 'sleep 100', { timeoutMs: 60_000 });
    setImmediate(() => shell.end('The terminal on i-0123456789abcdef0 was closed.'));
    await assert.rejects(running, /^SessionEndedError: `sleep 100` was interrupted: The terminal on i-0123456789abcdef0 was closed\./);
    await assert.rejects(runVisible(shell, 'true'), /The terminal on i-0123456789abcdef0 was closed\./);
  });
});

describe('TapeWorkflows failures', () => {
  const gatewayArn = 'arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-3C52BB55';
  const portal = { address: '10.0.2.143', port: 3260 };
  const targets = { gatewayArn, changer: { iqn: 'iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger', portal }, drives: [{ iqn: 'iqn.1997-05.com.amazon:sgw-3c52bb55-tapedrive-01', portal, element: 0 }] };
  const runner = (answers: Record<string, MarkedResult>) => async (command: string) => answers[command.split(' ')[1] ?? ''] ?? { exitCode: 0, output: '' };

  test('a missing mtx names the package to install', async () => {
    const workflows = new TapeWorkflows(runner({ mtx: { exitCode: 127, output: 'sudo: mtx: command not found\n' } }), targets);
    await assert.rejects(workflows.load(1601, 0), (error: WorkflowError) => error.missingTool === 'mtx' && /Install the package mtx/.test(error.message));
  });

  test('the bootstrap status file reports missing tools before anything runs', async () => {
    const workflows = new TapeWorkflows(runner({ '/var/log/tapegw-bootstrap.status': { exitCode: 0, output: 'iscsiadm=present\nmt=missing\nmtx=missing\n' } }), targets);
    await assert.rejects(workflows.checkTools(), /no mt\. Install the package mt-st.*no mtx\. Install the package mtx/);
  });

  test('a second login (exit 15) is harmless; another failure says which step failed', async () => {
    const login = { exitCode: 15, output: 'iscsiadm: default: 1 session requested, but 1 already present.\n' };
    const links = { exitCode: 0, output: `ip-10.0.2.143:3260-iscsi-${targets.changer.iqn}-lun-0-changer -> ../../sg0\n` };
    const ok = new TapeWorkflows(async (command) => (command.includes('--login') ? login : command.startsWith('ls -l') ? links : { exitCode: 0, output: '' }), targets);
    await ok.connect([0]);
    const failing = new TapeWorkflows(async (command) => (command.includes('discovery') ? { exitCode: 4, output: 'iscsiadm: cannot make connection to 10.0.2.143: Connection refused\n' } : { exitCode: 0, output: '' }), targets);
    await assert.rejects(failing.connect([0]), /^Error: iSCSI discovery failed \(exit status 4\): iscsiadm: cannot make connection/);
  });

  test('no tape in the drive is said plainly instead of guessing a block size', async () => {
    const noTape = 'SCSI 2 tape drive:\nFile number=-1, block number=-1, partition=0.\nTape block size 0 bytes. Density code 0x0 (default).\nSoft error count since last status=0\nGeneral status bits on (50000):\n DR_OPEN IM_REP_EN\n';
    const workflows = new TapeWorkflows(async () => ({ exitCode: 0, output: noTape }), targets);
    await assert.rejects(workflows.write(0, ['/tmp/x']), /Drive 0 has no tape\. Load a tape into it first\./);
  });
});
