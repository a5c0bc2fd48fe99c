// Storage Gateway lab benchmark: with 1,500 tapes, DescribeTapes round-trip, full ListTapes paging, and mixed read throughput.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ActivateGatewayCommand, AddCacheCommand, CreateTapesCommand, DescribeGatewayInformationCommand, DescribeTapesCommand, DescribeVTLDevicesCommand, ListGatewaysCommand,
  ListTapesCommand, StorageGatewayClient,
} from '@aws-sdk/client-storage-gateway';
import { startLab } from '../../src/lab/index';
import type { BenchFigure } from './BenchFigure';

const TAPES = 1500;
const ROUND_TRIPS = 60;
const LIST_RUNS = 5;
const MIXED_REQUESTS = 1500;
const MIXED_CONCURRENCY = 8;

export async function run(): Promise<BenchFigure[]> {
  const stateDir = await mkdtemp(join(tmpdir(), 'sg-bench-'));
  const lab = await startLab({ port: 0, stateDir, timeScale: 0 });
  try {
    const client = new StorageGatewayClient({ endpoint: lab.endpoint, region: lab.region, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey }, maxAttempts: 1 });
    const appliance = await lab.admin.createGatewayAppliance();
    const key = await (await fetch(`${appliance.activationUrl}?activationRegion=${lab.region}&no_redirect`)).text();
    const { GatewayARN = '' } = await client.send(new ActivateGatewayCommand({ ActivationKey: key, GatewayName: 'bench', GatewayTimezone: 'GMT', GatewayRegion: lab.region, GatewayType: 'VTL' }));
    await client.send(new AddCacheCommand({ GatewayARN, DiskIds: ['/dev/nvme1n1'] }));
    const setupStart = performance.now();
    for (let i = 0; i < TAPES / 10; i += 1) {
      await client.send(new CreateTapesCommand({ GatewayARN, TapeSizeInBytes: 100 * 1024 ** 3, ClientToken: `bench-${i}`, NumTapesToCreate: 10, TapeBarcodePrefix: 'BNCH' }));
    }
    const setupMs = performance.now() - setupStart;

    const describe: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i += 1) {
      const start = performance.now();
      await client.send(new DescribeTapesCommand({ GatewayARN }));
      describe.push(performance.now() - start);
    }

    const listAll: number[] = [];
    for (let i = 0; i < LIST_RUNS; i += 1) {
      const start = performance.now();
      let marker: string | undefined;
      let count = 0;
      do {
        const page = await client.send(new ListTapesCommand({ Marker: marker }));
        count += page.TapeInfos?.length ?? 0;
        marker = page.Marker;
      } while (marker);
      if (count !== TAPES) throw new Error(`ListTapes returned ${count} tapes, expected ${TAPES}`);
      listAll.push(performance.now() - start);
    }

    const mixed = [
      () => client.send(new DescribeTapesCommand({ GatewayARN, Limit: 10 })),
      () => client.send(new ListTapesCommand({ Limit: 50 })),
      () => client.send(new DescribeGatewayInformationCommand({ GatewayARN })),
      () => client.send(new DescribeVTLDevicesCommand({ GatewayARN })),
      () => client.send(new ListGatewaysCommand({})),
    ];
    const throughput: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      let next = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: MIXED_CONCURRENCY }, async () => {
          while (next < MIXED_REQUESTS) {
            const index = next;
            next += 1;
            await mixed[index % mixed.length]?.();
          }
        }),
      );
      throughput.push(MIXED_REQUESTS / ((performance.now() - start) / 1000));
    }
    client.destroy();
    return [
      { name: `DescribeTapes round-trip (1 page of 100, ${TAPES} tapes)`, unit: 'ms', samples: describe },
      { name: `ListTapes, all ${TAPES} tapes (15 pages of 100)`, unit: 'ms', samples: listAll },
      { name: `Mixed read load (5 read operations, ${MIXED_CONCURRENCY} concurrent, ${MIXED_REQUESTS} requests)`, unit: 'req/s', samples: throughput, note: 'SDK client and lab share one Node process, so this includes client-side signing and parsing' },
      { name: `Setup: CreateTapes x${TAPES / 10} (10 tapes each, each write saved atomically)`, unit: 'ms', samples: [setupMs] },
    ];
  } finally {
    await lab.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
