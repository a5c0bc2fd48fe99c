// Bench: the lab at scale, started from its CLI (dist/lab.js) in its own process with the SDK in this one: 10 gateways
// x 1,500 tapes. CreateTapes cost as the lab grows, DescribeTapes against the SDK floor, 16 concurrent ListTapes,
// restart to first answer, lab memory and state on disk against the data's own JSON.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ActivateGatewayCommand, AddCacheCommand, CreateTapesCommand, DescribeTapesCommand, ListGatewaysCommand, ListTapesCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { replayJournal } from '../../src/lab/state/journalFormat';
import type { BenchFigure } from './BenchFigure';
import { LabProcess, type LabReady } from './support/labProcess';
import { rawStorageGatewayCall } from './support/rawLabRequest';
import { signedLoadRate } from './support/signedLoad';
import { startTrivialJsonServer } from './support/trivialJsonServer';

const GATEWAYS = 10;
const TAPES_PER_GATEWAY = 1500;
const TAPES_PER_CALL = 10;
const CALLS_COMPARED = 10;
const DESCRIBE_SAMPLES = 300;
const CONCURRENCY = 16;
const LIST_REQUESTS = 3000;
const RUNS = 3;
/** Client processes of the signed load generator: enough that the clients are not what bounds the lab's rate. */
const LOAD_PROCESSES = 3;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const mebibytes = (bytes: number) => bytes / 2 ** 20;

function clientFor(endpoint: string, lab: LabReady, region = lab.region): StorageGatewayClient {
  return new StorageGatewayClient({ endpoint, region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey }, maxAttempts: 1 });
}

async function activatedGateway(lab: LabReady, client: StorageGatewayClient, region: string, name: string): Promise<string> {
  const created = await fetch(`${lab.endpoint}/_lab/appliances`, { method: 'POST', headers: { authorization: `Bearer ${lab.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ region }) });
  const appliance = (await created.json()) as { activationUrl: string };
  const key = await (await fetch(`${appliance.activationUrl}?activationRegion=${region}&no_redirect`)).text();
  const { GatewayARN = '' } = await client.send(new ActivateGatewayCommand({ ActivationKey: key, GatewayName: name, GatewayTimezone: 'GMT', GatewayRegion: region, GatewayType: 'VTL' }));
  await client.send(new AddCacheCommand({ GatewayARN, DiskIds: ['/dev/nvme1n1'] }));
  return GatewayARN;
}

async function createTapes(client: StorageGatewayClient, gatewayArn: string, token: string, prefix: string): Promise<number> {
  const start = performance.now();
  await client.send(new CreateTapesCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * 1024 ** 3, ClientToken: token, NumTapesToCreate: TAPES_PER_CALL, TapeBarcodePrefix: prefix }));
  return performance.now() - start;
}

/** Bytes under `dir`, and the JSON size of what the Storage Gateway journals hold (one document per account and region, as JSON.stringify writes it). */
async function stateSizes(dir: string): Promise<{ disk: number; sgDisk: number; sgJson: number }> {
  let disk = 0;
  let sgDisk = 0;
  let sgJson = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { size } = await stat(path);
    disk += size;
    if (!path.includes('storagegateway') || !entry.name.endsWith('.journal')) continue;
    sgDisk += size;
    const tables = replayJournal(await readFile(path, 'utf8'), path);
    sgJson += JSON.stringify(Object.fromEntries([...tables].map(([name, records]) => [name, Object.fromEntries(records)]))).length;
  }
  return { disk, sgDisk, sgJson };
}

/** `count` requests with `concurrency` in flight; returns requests per second. */
async function loadRate(count: number, concurrency: number, request: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        await request();
      }
    }),
  );
  return count / ((performance.now() - start) / 1000);
}

export async function run(): Promise<BenchFigure[]> {
  const stateDir = await mkdtemp(join(tmpdir(), 'scale-bench-'));
  let lab = await LabProcess.start(stateDir);
  let client = clientFor(lab.ready.endpoint, lab.ready);
  const rssStart = lab.rssBytes() ?? NaN;
  const createCalls: number[] = [];
  const describeLab: number[] = [];
  const describeFloor: number[] = [];
  const listRates: number[] = [];
  const listFloorRates: number[] = [];
  const signedRates: number[] = [];
  const signedFloorRates: number[] = [];
  const restartCpu: number[] = [];
  const emptyCpu: number[] = [];
  const restart: number[] = [];
  const stopMs: number[] = [];
  const restartEmpty: number[] = [];
  let rssAfter = NaN;
  try {
    // The CreateTapes path is warmed in another region first, so the first calls measured are not also the lab's first.
    const warmRegion = 'us-west-2';
    const warmClient = clientFor(lab.ready.endpoint, lab.ready, warmRegion);
    const warmGateway = await activatedGateway(lab.ready, warmClient, warmRegion, 'warm-up');
    for (let call = 0; call < 20; call += 1) await createTapes(warmClient, warmGateway, `warm-${call}`, 'WRM');
    warmClient.destroy();

    const gateways: string[] = [];
    const setupStart = performance.now();
    for (let g = 0; g < GATEWAYS; g += 1) {
      const gatewayArn = await activatedGateway(lab.ready, client, lab.ready.region, `scale-${g}`);
      gateways.push(gatewayArn);
      for (let call = 0; call < TAPES_PER_GATEWAY / TAPES_PER_CALL; call += 1) createCalls.push(await createTapes(client, gatewayArn, `scale-${g}-${call}`, `SC${String.fromCharCode(65 + g)}`));
    }
    const setupMs = performance.now() - setupStart;
    rssAfter = lab.rssBytes() ?? NaN;

    const gatewayArn = gateways[0] ?? '';
    const page = await rawStorageGatewayCall(lab.ready, 'DescribeTapes', { GatewayARN: gatewayArn });
    const listPage = await rawStorageGatewayCall(lab.ready, 'ListTapes', {});
    const floor = await startTrivialJsonServer(page);
    const listFloor = await startTrivialJsonServer(listPage);
    const floorClient = clientFor(floor.endpoint, lab.ready);
    const listFloorClient = clientFor(listFloor.endpoint, lab.ready);
    try {
      for (let i = 0; i < DESCRIBE_SAMPLES; i += 1) {
        // Interleaved, so both see the same machine load.
        let start = performance.now();
        await client.send(new DescribeTapesCommand({ GatewayARN: gatewayArn }));
        describeLab.push(performance.now() - start);
        start = performance.now();
        await floorClient.send(new DescribeTapesCommand({ GatewayARN: gatewayArn }));
        describeFloor.push(performance.now() - start);
      }
      for (let round = 0; round < RUNS; round += 1) {
        listRates.push(await loadRate(LIST_REQUESTS, CONCURRENCY, () => client.send(new ListTapesCommand({}))));
        listFloorRates.push(await loadRate(LIST_REQUESTS, CONCURRENCY, () => listFloorClient.send(new ListTapesCommand({}))));
        const load = { lab: lab.ready, target: 'StorageGateway_20130630.ListTapes', body: '{}', requests: LIST_REQUESTS, concurrency: CONCURRENCY, processes: LOAD_PROCESSES };
        signedRates.push(await signedLoadRate({ ...load, endpoint: lab.ready.endpoint }));
        signedFloorRates.push(await signedLoadRate({ ...load, endpoint: listFloor.endpoint }));
      }
    } finally {
      floorClient.destroy();
      listFloorClient.destroy();
      await floor.stop();
      await listFloor.stop();
    }

    for (let round = 0; round < RUNS; round += 1) {
      client.destroy();
      let start = performance.now();
      await lab.stop();
      stopMs.push(performance.now() - start);
      start = performance.now();
      lab = await LabProcess.start(stateDir);
      client = clientFor(lab.ready.endpoint, lab.ready);
      const listed = await client.send(new ListGatewaysCommand({}));
      restart.push(performance.now() - start);
      restartCpu.push(lab.cpuMs() ?? NaN);
      if (listed.Gateways?.length !== GATEWAYS) throw new Error(`after a restart the lab lists ${listed.Gateways?.length} gateways, not ${GATEWAYS}`);
    }
    client.destroy();
    await lab.stop();
    const sizes = await stateSizes(stateDir);
    // The floor of a restart: the same CLI on an empty state folder, measured the same way.
    for (let round = 0; round < RUNS; round += 1) {
      const emptyDir = await mkdtemp(join(tmpdir(), 'scale-bench-empty-'));
      const start = performance.now();
      const empty = await LabProcess.start(emptyDir);
      const emptyClient = clientFor(empty.ready.endpoint, empty.ready);
      await emptyClient.send(new ListGatewaysCommand({}));
      restartEmpty.push(performance.now() - start);
      emptyCpu.push(empty.cpuMs() ?? NaN);
      emptyClient.destroy();
      await empty.stop();
      await rm(emptyDir, { recursive: true, force: true });
    }

    const total = GATEWAYS * TAPES_PER_GATEWAY;
    const first = createCalls.slice(0, CALLS_COMPARED);
    const last = createCalls.slice(-CALLS_COMPARED);
    const where = `lab: node dist/lab.js --time-scale 0 in its own process; SDK v3 client in the bench process`;
    return [
      { name: `Setup: ${GATEWAYS} gateways activated + ${total / TAPES_PER_CALL} CreateTapes calls (${TAPES_PER_CALL} tapes each)`, unit: 'ms', samples: [setupMs], note: where },
      { name: `CreateTapes (${TAPES_PER_CALL} tapes) at the last ${CALLS_COMPARED * TAPES_PER_CALL} of ${total} tapes`, unit: 'ms', samples: last, note: `${(median(last) / median(first)).toFixed(2)}x its median at the first ${CALLS_COMPARED * TAPES_PER_CALL} tapes (${median(first).toFixed(2)} ms; goal <= 1.2x); every call fsyncs its journal line` },
      { name: `CreateTapes (${TAPES_PER_CALL} tapes) at the first ${CALLS_COMPARED * TAPES_PER_CALL} tapes`, unit: 'ms', samples: first, note: 'after a warm-up of the same call in another region' },
      { name: `DescribeTapes page of 100 (gateway of ${TAPES_PER_GATEWAY} tapes, lab of ${total})`, unit: 'ms', samples: describeLab, note: `${(median(describeLab) / median(describeFloor)).toFixed(2)}x the SDK floor (goal <= 2x)` },
      { name: 'SDK floor: the same DescribeTapes page from a trivial JSON 1.1 server in its own process', unit: 'ms', samples: describeFloor, note: 'same client, same response body, no routing or state' },
      { name: `ListTapes (first page of 100 of ${total}), ${CONCURRENCY} concurrent`, unit: 'req/s', samples: listRates, note: `goal >= 1,500 req/s; ${(median(listRates) / median(listFloorRates)).toFixed(2)}x the SDK floor at the same concurrency` },
      { name: `SDK floor: the same ListTapes page from the trivial JSON 1.1 server, ${CONCURRENCY} concurrent`, unit: 'req/s', samples: listFloorRates, note: 'the SDK client alone bounds both figures on this machine' },
      { name: `ListTapes (first page of 100 of ${total}), ${CONCURRENCY} concurrent, signed requests replayed over keep-alive from ${LOAD_PROCESSES} client processes`, unit: 'req/s', samples: signedRates, note: `goal >= 1,500 req/s; ${(median(signedRates) / median(signedFloorRates)).toFixed(2)}x the same load against the trivial server; the lab verifies every SigV4 signature` },
      { name: `Load floor: the same signed ListTapes load against the trivial JSON 1.1 server`, unit: 'req/s', samples: signedFloorRates, note: 'what the load generator and loopback HTTP reach with nothing behind them' },
      { name: `Lab restart at ${total} tapes: spawn dist/lab.js until ListGateways answers`, unit: 'ms', samples: restart, note: `goal <= 300 ms; ${(median(restart) - median(restartEmpty)).toFixed(0)} ms more than the same start on an empty state folder; the orderly stop before it took ${median(stopMs).toFixed(0)} ms; V8 code cache warm (written by the first start)` },
      { name: 'Floor: spawn dist/lab.js on an empty state folder until ListGateways answers', unit: 'ms', samples: restartEmpty, note: 'Node starting the bundle and the lab opening its services' },
      { name: `Lab CPU time (user + system) from spawn to the first answer, ${total} tapes`, unit: 'ms', samples: restartCpu, note: `${median(emptyCpu).toFixed(0)} ms on an empty state folder; less sensitive than wall time to other load on the machine (10 ms ticks)` },
      { name: `Lab memory: RSS of the lab process with ${total} tapes`, unit: 'MiB', samples: [mebibytes(rssAfter)], note: `${mebibytes(rssStart).toFixed(0)} MiB right after start` },
      { name: `State on disk: Storage Gateway journals for ${total} tapes`, unit: 'KiB', samples: [sizes.sgDisk / 1024], note: `${(sizes.sgDisk / sizes.sgJson).toFixed(2)}x the data's own JSON (${(sizes.sgJson / 1024).toFixed(0)} KiB; goal <= 1.5x); whole state folder ${(sizes.disk / 1024).toFixed(0)} KiB` },
    ];
  } finally {
    client.destroy();
    await lab.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
