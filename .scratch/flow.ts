import { performance } from 'node:perf_hooks';
import { startSessionLab } from '../test/lab/session/support/sessionLab';
import { PROMPT } from '../test/lab/session/support/TestShell';
async function main() {
  const session = await startSessionLab();
  const { channel } = await session.openChannel();
  let count = 0; let waiter: (() => void) | undefined; let target = 0;
  channel.onData((d) => { count += d.length; if (waiter && count >= target) { const w = waiter; waiter = undefined; w(); } });
  const until = (t: number) => new Promise<void>((r) => { target = t; if (count >= t) r(); else waiter = r; });
  await channel.open();
  await until(PROMPT.length);
  for (let i = 0; i < 3; i++) {
    const TOTAL = 64 * 1024 * 1024;
    const cmd = `cat ${TOTAL}\r`;
    const t = count + cmd.length + 1 + TOTAL + PROMPT.length;
    const s = performance.now();
    const timer = setInterval(() => console.log('progress', count, session.host.shells[0]?.producedBytes, session.host.shells[0]?.waitingForRoom), 2000);
    channel.sendInput(cmd);
    await until(t);
    clearInterval(timer);
    console.log('MB/s', (TOTAL / 1e6 / ((performance.now() - s) / 1000)).toFixed(1));
  }
  await channel.close();
  await session.stop();
}
void main();
