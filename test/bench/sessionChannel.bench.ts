// Benchmark: 64 MiB of shell output through the lab's data channel to the native client (and to the official plugin when it is
// installed) vs a raw loopback WebSocket; keystroke echo round trip; memory while a shell that honours the output flow prints 256 MiB.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import type { BenchFigure } from './BenchFigure';
import type { SessionChannel } from '../../src/session';
import { startSessionLab } from '../lab/session/support/sessionLab';
import { catBytes, PROMPT } from '../lab/session/support/TestShell';
import { findSessionManagerPlugin, pluginTransfer } from './support/pluginTransfer';

const TOTAL_BYTES = 64 * 1024 * 1024;
const RUNS = 3;
const ECHO_SAMPLES = 200;
const FLOW_BYTES = 256 * 1024 * 1024;

function megabytesPerSecond(bytes: number, milliseconds: number): number {
  return bytes / 1e6 / (milliseconds / 1000);
}

/** The same bytes over a bare `ws` connection on loopback, in messages of `messageBytes`. */
async function rawWebSocketTransfer(data: Buffer, messageBytes: number): Promise<number> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  wss.on('connection', (socket) => {
    socket.once('message', () => {
      for (let offset = 0; offset < data.length; offset += messageBytes) socket.send(data.subarray(offset, offset + messageBytes));
    });
  });
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
  await new Promise((resolve) => client.once('open', resolve));
  const started = performance.now();
  const finished = new Promise<void>((resolve) => {
    let received = 0;
    client.on('message', (message: Buffer) => {
      received += message.length;
      if (received >= data.length) resolve();
    });
  });
  client.send('go');
  await finished;
  const elapsed = performance.now() - started;
  client.terminate();
  wss.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return megabytesPerSecond(data.length, elapsed);
}

/** Counts output bytes without keeping them; `until(n)` resolves once n bytes in total have arrived. */
function byteCounter(channel: SessionChannel): { count: () => number; until: (total: number) => Promise<void> } {
  let count = 0;
  let waiter: { total: number; resolve: () => void } | undefined;
  channel.onData((data) => {
    count += data.length;
    if (waiter && count >= waiter.total) {
      const { resolve } = waiter;
      waiter = undefined;
      resolve();
    }
  });
  return {
    count: () => count,
    until: (total) => (count >= total ? Promise.resolve() : new Promise((resolve) => (waiter = { total, resolve }))),
  };
}

export async function run(): Promise<BenchFigure[]> {
  const data = catBytes(TOTAL_BYTES);
  const session = await startSessionLab();
  const channelRates: number[] = [];
  const raw1k: number[] = [];
  const raw64k: number[] = [];
  const echoMs: number[] = [];
  const pluginRates: number[] = [];
  const plugin = findSessionManagerPlugin();
  let rssGrowth = NaN;
  try {
    const { channel } = await session.openChannel();
    const output = byteCounter(channel);
    await channel.open();
    await output.until(PROMPT.length);
    // One run not counted first: it warms the JIT on both ends (the first run is about half as fast).
    for (let run = -1; run < RUNS; run += 1) {
      const command = `cat ${TOTAL_BYTES}\r`;
      const target = output.count() + command.length + 1 + TOTAL_BYTES + PROMPT.length;
      const started = performance.now();
      channel.sendInput(command);
      await output.until(target);
      if (run < 0) continue;
      channelRates.push(megabytesPerSecond(TOTAL_BYTES, performance.now() - started));
      if ('path' in plugin) pluginRates.push(await pluginTransfer(plugin.path, session, TOTAL_BYTES));
      raw1k.push(await rawWebSocketTransfer(data, 1024));
      raw64k.push(await rawWebSocketTransfer(data, 64 * 1024));
    }
    for (let i = 0; i < ECHO_SAMPLES; i += 1) {
      const target = output.count() + 1;
      const started = performance.now();
      channel.sendInput('x');
      await output.until(target);
      echoMs.push(performance.now() - started);
    }
    // Enter after the echoed keystrokes: the test shell answers with the line it got and a prompt.
    const flushed = output.count() + 2 + ECHO_SAMPLES + 2 + PROMPT.length;
    channel.sendInput('\r');
    await output.until(flushed);
    // Memory while 256 MiB go through: the shell (TestShell, which awaits the output flow) is paused while the client is behind.
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const command = `cat ${FLOW_BYTES}\r`;
    const target = output.count() + command.length + 1 + FLOW_BYTES + PROMPT.length;
    channel.sendInput(command);
    await output.until(target);
    clearInterval(sampler);
    rssGrowth = (peak - before) / 2 ** 20;
    await channel.close();
  } finally {
    await session.stop();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const versusRaw = `${(median(channelRates) / median(raw64k)).toFixed(2)}x a raw WebSocket with 64 KiB messages, ${(median(channelRates) / median(raw1k)).toFixed(2)}x raw with 1 KiB messages (same run)`;
  const pluginRow: BenchFigure =
    'path' in plugin
      ? { name: 'Session data channel: the same 64 MiB to the official session-manager-plugin (stdout piped)', unit: 'MB/s', samples: pluginRates, note: `native client = ${(median(channelRates) / median(pluginRates)).toFixed(2)}x the plugin on the same lab stream, same run` }
      : { name: 'Session data channel: the same 64 MiB to the official session-manager-plugin', unit: 'MB/s', samples: [], note: `skipped: ${plugin.skip}` };
  return [
    { name: 'Session data channel: 64 MiB shell output to the native client (payloads up to 64 KiB, acked)', unit: 'MB/s', samples: channelRates, note: `${versusRaw}; lab and client share this process; goal >= 100 MB/s` },
    pluginRow,
    { name: 'Raw loopback WebSocket, same 64 MiB in 1 KiB messages', unit: 'MB/s', samples: raw1k },
    { name: 'Raw loopback WebSocket, same 64 MiB in 64 KiB messages', unit: 'MB/s', samples: raw64k },
    { name: 'Keystroke echo round trip through the lab data channel (median; goal <= 1 ms)', unit: 'ms', samples: echoMs },
    {
      name: `RSS growth while a shell prints ${FLOW_BYTES / 2 ** 20} MiB through the data channel (output flow honoured)`,
      unit: 'MiB',
      samples: [rssGrowth],
      note: 'peak RSS of the process holding lab and client, sampled every 20 ms; the channel pauses the shell above 1 MiB queued behind its 2 MiB unacked window (goal: < 64 MiB)',
    },
  ];
}
