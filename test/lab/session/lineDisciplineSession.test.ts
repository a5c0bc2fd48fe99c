// A `sh-4.2$` session end to end: native client -> lab data channel -> line discipline -> host runner.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ClientHost } from '../../../src/lab/hosts/ClientHost';
import { LineDiscipline } from '../../../src/lab/terminal/LineDiscipline';
import { runnerLineShell } from '../../../src/lab/terminal/LineShell';
import type { SessionEnd } from '../../../src/session';
import { collectOutput, INSTANCE_ID, startSessionLab, type SessionLab } from './support/sessionLab';

const scripts: string[] = [];
const host: ClientHost = {
  instanceId: INSTANCE_ID,
  privateIp: '10.0.1.10',
  hostname: 'ip-10-0-1-10.ec2.internal',
  runner: { run: async (script) => (scripts.push(script), { stdout: `you ran: ${script}\n`, stderr: '', exitCode: 0 }) },
  openSession: (size) => new LineDiscipline(runnerLineShell(host.runner), size),
};

let lab: SessionLab;
before(async () => {
  lab = await startSessionLab({ resolveClientHost: (id) => (id === INSTANCE_ID ? host : undefined) });
});
after(() => lab.stop());

test('the prompt, editing, history and Ctrl-D work through the data channel', async () => {
  const { channel, sessionId } = await lab.openChannel();
  const output = collectOutput(channel);
  const end = new Promise<SessionEnd>((resolve) => channel.onEnd(resolve));
  await channel.open();
  await output.waitFor(/^sh-4\.2\$ $/);
  channel.sendInput('mtx statux\x7fs\r');
  await output.waitFor(/you ran: mtx status\r\nsh-4\.2\$ $/);
  channel.sendInput('\x1b[A\r');
  await output.waitFor((text) => text.split('you ran: mtx status').length === 3);
  channel.sendInput('\x04');
  const result = await end;
  assert.equal(result.message, `Exiting session with sessionId: ${sessionId}.`);
  assert.deepEqual(scripts, ['mtx status', 'mtx status']);
  assert.match(output.text(), /exit\r\n$/);
});
