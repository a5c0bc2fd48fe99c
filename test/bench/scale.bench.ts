// Bench: the lab at scale, 10 activated gateways with 1,500 tapes each: setup, ListTapes over all, DescribeTapes pages,
// lab memory, state size on disk and restart time at that size.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ActivateGatewayCommand, AddCacheCommand, CreateTapesCommand, DescribeTapesCommand, ListGatewaysCommand, ListTapesCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { startLab, type RunningLab } from '../../src/lab/index';
import type { BenchFigure } from './BenchFigure';

const GATEWAYS = 10;
const TAPES_PER_GATEWAY = 1500;
const TAPES_PER_CALL = 10;
const RUNS = 3;

function clientFor(lab: RunningLab): StorageGatewayClient {
  return new StorageGatewayClient({ endpoint: lab.endpoint, region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey }, maxAttempts: 1 });
}

/** Every file under `dir`: total bytes, count and the largest. */
async function diskUsage(dir: string): Promise<{ total: number; files: number; largest: { path: string; bytes: number } }> {
  const usage = { total: 0, files: 0, largest: { path: '', bytes: 0 } };
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { size } = await stat(path);
    usage.total += size;
    usage.files += 1;
    if (size > usage.largest.bytes) usage.largest = { path: path.slice(dir.length + 1), bytes: size };
  }
  return usage;
}

async function activatedGateway(lab: RunningLab, client: StorageGatewayClient, index: number): Promise<string> {
  const appliance = await lab.admin.createGatewayAppliance();
  const key = await (await fetch(`${appliance.activationUrl}?activationRegion=${lab.region}&no_redirect`)).text();
  const { GatewayARN = '' } = await client.send(
    new ActivateGatewayCommand({ ActivationKey: key, GatewayName: `scale-${index}`, GatewayTimezone: 'GMT', GatewayRegion: lab.region, GatewayType: 'VTL' }),
  );
  await client.send(new AddCacheCommand({ GatewayARN, DiskIds: ['/dev/nvme1n1'] }));
  return GatewayARN;
}

/** Pages through ListTapes (all gateways, default page size) and returns how many tapes it saw. */
async function listAllTapes(client: StorageGatewayClient): Promise<number> {
  let marker: string | undefined;
  let count = 0;
  do {
    const page = await client.send(new ListTapesCommand({ Marker: marker }));
    count += page.TapeInfos?.length ?? 0;
    marker = page.Marker;
  } while (marker);
  return count;
}

/** Pages through DescribeTapes for one gateway; returns the number of pages and tapes. */
async function describeAllTapes(client: StorageGatewayClient, gatewayArn: string): Promise<{ pages: number; tapes: number }> {
  let marker: string | undefined;
  let pages = 0;
  let tapes = 0;
  do {
    const page = await client.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, Marker: marker }));
    pages += 1;
    tapes += page.Tapes?.length ?? 0;
    marker = page.Marker;
  } while (marker);
  return { pages, tapes };
}

const mebibytes = (bytes: number) => bytes / 2 ** 20;

/** Full garbage collection, so memory figures count what the lab keeps rather than what the benches before it left behind. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function run(): Promise<BenchFigure[]> {
  const stateDir = await mkdtemp(join(tmpdir(), 'scale-bench-'));
  collectGarbage();
  const before = process.memoryUsage();
  let lab = await startLab({ port: 0, stateDir, timeScale: 0 });
  let client = clientFor(lab);
  const total = GATEWAYS * TAPES_PER_GATEWAY;
  const createCalls: number[] = [];
  const listAll: number[] = [];
  const describePage: number[] = [];
  const restart: number[] = [];
  let setupMs = 0;
  let after = before;
  let describePages = 0;
  try {
    const setupStart = performance.now();
    const gateways: string[] = [];
    for (let g = 0; g < GATEWAYS; g += 1) {
      const gatewayArn = await activatedGateway(lab, client, g);
      gateways.push(gatewayArn);
      const prefix = `SC${String.fromCharCode(65 + g)}`;
      for (let call = 0; call < TAPES_PER_GATEWAY / TAPES_PER_CALL; call += 1) {
        const start = performance.now();
        await client.send(new CreateTapesCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * 1024 ** 3, ClientToken: `scale-${g}-${call}`, NumTapesToCreate: TAPES_PER_CALL, TapeBarcodePrefix: prefix }));
        createCalls.push(performance.now() - start);
      }
    }
    setupMs = performance.now() - setupStart;
    collectGarbage();
    after = process.memoryUsage();

    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      assert.equal(await listAllTapes(client), total);
      listAll.push(performance.now() - start);
    }
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      const described = await describeAllTapes(client, gateways[run % GATEWAYS] ?? '');
      assert.equal(described.tapes, TAPES_PER_GATEWAY);
      describePages = described.pages;
      describePage.push((performance.now() - start) / described.pages);
    }
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      client.destroy();
      await lab.stop();
      lab = await startLab({ port: 0, stateDir, timeScale: 0 });
      client = clientFor(lab);
      const listed = await client.send(new ListGatewaysCommand({}));
      restart.push(performance.now() - start);
      assert.equal(listed.Gateways?.length, GATEWAYS);
    }
  } finally {
    client.destroy();
    await lab.stop();
  }
  const disk = await diskUsage(stateDir);
  const sizeNote = `${GATEWAYS} gateways x ${TAPES_PER_GATEWAY} tapes = ${total} tapes, lab at --time-scale 0`;
  const memoryNote = 'process.memoryUsage() of the bench process, which also holds the SDK client and the runner; after a full GC before startLab and after the setup. RSS also depends on what earlier suites left mapped; `npm run bench -- scale` measures it alone';
  return [
    { name: `Setup: ${GATEWAYS} appliances activated + ${total / TAPES_PER_CALL} CreateTapes calls (${TAPES_PER_CALL} tapes each)`, unit: 'ms', samples: [setupMs], note: sizeNote },
    { name: `CreateTapes round trip (${TAPES_PER_CALL} tapes) while the lab grows to ${total} tapes`, unit: 'ms', samples: createCalls, note: `first call ${createCalls[0]?.toFixed(1)} ms, last ${createCalls[createCalls.length - 1]?.toFixed(1)} ms` },
    { name: `ListTapes over all ${total} tapes of ${GATEWAYS} gateways (every page, SDK)`, unit: 'ms', samples: listAll, note: sizeNote },
    { name: `DescribeTapes page (one gateway of ${TAPES_PER_GATEWAY} tapes, ${describePages} pages, SDK)`, unit: 'ms', samples: describePage, note: 'mean per page of one full paging run' },
    { name: `Lab memory: RSS growth for ${total} tapes`, unit: 'MiB', samples: [mebibytes(after.rss - before.rss)], note: `RSS ${mebibytes(before.rss).toFixed(0)} -> ${mebibytes(after.rss).toFixed(0)} MiB; ${memoryNote}` },
    { name: `Lab memory: heap used growth for ${total} tapes`, unit: 'MiB', samples: [mebibytes(after.heapUsed - before.heapUsed)], note: `heapUsed ${mebibytes(before.heapUsed).toFixed(0)} -> ${mebibytes(after.heapUsed).toFixed(0)} MiB` },
    { name: `State on disk for ${total} tapes`, unit: 'KiB', samples: [disk.total / 1024], note: `${disk.files} files; largest ${disk.largest.path} ${(disk.largest.bytes / 1024).toFixed(0)} KiB` },
    { name: `Lab restart at ${total} tapes: stop + startLab on the same state until ListGateways answers`, unit: 'ms', samples: restart },
  ];
}
