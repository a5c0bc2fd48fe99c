// The lab's own terminal shell under a client that stops acking: dd reading a tape to the terminal stops producing
// within a few MiB while the acks are held, and once they flow again every record arrives, then dd's tally and the prompt.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ClientHost } from '../../../src/lab/hosts/ClientHost';
import { MAX_IN_FLIGHT_BYTES, OUTPUT_HIGH_WATER_BYTES } from '../../../src/lab/services/ssmSessions/AgentDataChannel';
import { MessageType } from '../../../src/session/protocol';
import { Walkthrough, walkthrough } from '../shell/walkthroughFixture';
import { FaultProxy, forward, frameKind, type Send } from './support/FaultProxy';
import { collectOutput, INSTANCE_ID, startSessionLab, type SessionLab } from './support/sessionLab';
import { eventually } from '../../eventually';

const IQN = 'iqn.1997-05.com.amazon:sgw-3c52bb55';
const RECORD = 64 * 1024;
const RECORDS = 256;
const PROMPT = 'sh-4.2$ ';

let w: Walkthrough;
let session: SessionLab;
/** Bytes the terminal shell has handed to the data channel. */
let produced = 0;

before(async () => {
  w = walkthrough();
  for (const line of [
    'sudo iscsiadm -m discovery -t st -p 10.0.2.143:3260',
    `sudo iscsiadm -m node -T ${IQN}-mediachanger -p 10.0.2.143:3260,1 -l`,
    `sudo iscsiadm -m node -T ${IQN}-tapedrive-01 -p 10.0.2.143:3260,1 -l`,
    'sudo mtx -f /dev/sg0 load 1601 0',
    `sudo dd if=/dev/zero of=/dev/st0 bs=${RECORD} count=${RECORDS} status=none`,
  ]) {
    assert.equal((await w.run(line)).status, 0, line);
  }
  // The walkthrough's client as the session target, counting what its shells produce.
  const host: ClientHost = {
    instanceId: INSTANCE_ID,
    privateIp: w.host.privateIp,
    hostname: w.host.hostname,
    runner: w.host.runner,
    openSession: (size) => {
      const shell = w.host.openSession(size);
      // Counted inside the channel's own listener: the shell prints its first prompt to the first listener.
      return {
        write: (data) => shell.write(data),
        resize: (columns, rows) => shell.resize(columns, rows),
        onOutput: (listener) =>
          shell.onOutput((data) => {
            produced += data.length;
            listener(data);
          }),
        onExit: (listener) => shell.onExit(listener),
        close: () => shell.close(),
        useOutputFlow: (flow) => shell.useOutputFlow?.(flow),
      };
    },
  };
  session = await startSessionLab({ resolveClientHost: (id) => (id === INSTANCE_ID ? host : undefined) });
});
after(async () => {
  await session.stop();
  w.dispose();
});

test('dd from tape to the terminal pauses while the client holds its acks, and resumes intact', async () => {
  const proxy = await FaultProxy.start(Number(new URL(session.lab.endpoint).port));
  try {
    const { channel } = await session.openChannel({ mapStreamUrl: (url) => proxy.url(url) });
    const output = collectOutput(channel);
    await channel.open();
    await output.waitFor((text) => text.endsWith(PROMPT));
    const held: { data: Buffer; send: Send }[] = [];
    proxy.toLab = (data, isBinary, send) => {
      if (isBinary && frameKind(data)?.messageType === MessageType.Acknowledge) held.push({ data, send });
      else send(data, isBinary);
    };
    const startedAt = produced;
    channel.sendInput(`sudo dd if=/dev/st0 bs=${RECORD}\r`);
    // Output stops growing well short of the tape's 16 MiB: dd is waiting for the session to drain.
    let last = -1;
    let steady = 0;
    await eventually('the shell to stop producing', () => {
      const now = produced;
      steady = now === last ? steady + 1 : 0;
      last = now;
      return steady >= 5 && now - startedAt > RECORD ? true : undefined;
    }, 20_000, 10);
    const settled = produced;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(produced, settled, 'nothing more is produced while the acks are held');
    const whileHeld = produced - startedAt;
    assert.ok(whileHeld <= MAX_IN_FLIGHT_BYTES + OUTPUT_HIGH_WATER_BYTES + 4 * RECORD, `the shell produced ${whileHeld} bytes with no acks`);
    assert.ok(!output.text().includes('records out'), 'dd has not finished');

    proxy.toLab = forward;
    for (const { data, send } of held.splice(0)) send(data, true);
    const text = await output.waitFor((all) => all.endsWith(PROMPT) && all.includes('records out'), 60_000);
    assert.match(text, new RegExp(`\\x00${RECORDS}\\+0 records in\\r\\n${RECORDS}\\+0 records out\\r\\n${RECORDS * RECORD} bytes `));
    const zeros = output.bytes().reduce((count, byte) => count + (byte === 0 ? 1 : 0), 0);
    assert.equal(zeros, RECORDS * RECORD, 'every record arrives once');
    await channel.close();
  } finally {
    await proxy.stop();
  }
});
