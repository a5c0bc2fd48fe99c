// Explorer benchmark outside VS Code: the data behind expanding Tapes (1,500 tapes) and Library (3,200 slots) against an in-process lab; bundle size.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AwsClients } from '../../src/aws/AwsClients';
import { StorageGatewayApi } from '../../src/aws/StorageGatewayApi';
import { groupLibrarySlots } from '../../src/extension/explorer/library/groupLibrarySlots';
import { startLab } from '../../src/lab/index';
import type { BenchFigure } from './BenchFigure';

const TAPES = 1500;
const RUNS = 7;
const GIB = 1024 ** 3;

export async function run(): Promise<BenchFigure[]> {
  const stateDir = await mkdtemp(join(tmpdir(), 'explorer-bench-'));
  const lab = await startLab({ port: 0, stateDir, timeScale: 0 });
  const clients = new AwsClients({ kind: 'lab', endpoint: lab.endpoint, region: lab.region, accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey });
  try {
    const gateways = new StorageGatewayApi(clients);
    const tapes = gateways;
    const appliance = await lab.admin.createGatewayAppliance();
    const key = (await (await fetch(`${appliance.activationUrl}?activationRegion=${lab.region}&no_redirect`)).text()).trim();
    const gatewayArn = await gateways.activateGateway({ activationKey: key, name: 'bench', timezone: 'GMT', region: lab.region, tapeDriveType: 'IBM-ULT3580-TD5', mediumChangerType: 'AWS-Gateway-VTL' });
    await gateways.addCache(gatewayArn, ['/dev/nvme1n1']);
    for (let i = 0; i < TAPES / 10; i += 1) await tapes.createTapes({ gatewayArn, sizeInBytes: 100 * GIB, poolId: 'GLACIER', worm: false, barcode: { prefix: 'BNCH', count: 10 } });

    // What TapesNode does when all pages are loaded with "Load more" at the default page size (100).
    const tapesByPage: number[] = [];
    // What DrivesNode and the Library fallback do: DescribeTapes with the largest page.
    const tapesAll: number[] = [];
    // What LibraryNode does with the in-process lab's changer: read 3,210 elements and group them.
    const library: number[] = [];
    for (let r = 0; r < RUNS; r += 1) {
      let start = performance.now();
      let marker: string | undefined;
      let count = 0;
      do {
        const page = await tapes.describeTapesPage(gatewayArn, marker, 100);
        count += page.tapes.length;
        marker = page.marker;
      } while (marker);
      tapesByPage.push(performance.now() - start);
      if (count !== TAPES) throw new Error(`Expected ${TAPES} tapes, listed ${count}.`);

      start = performance.now();
      await tapes.describeAllTapes(gatewayArn);
      tapesAll.push(performance.now() - start);

      start = performance.now();
      const elements = lab.libraries.byGatewayArn(gatewayArn)?.elements() ?? [];
      const groups = groupLibrarySlots(elements.map((e) => ({ kind: e.kind, index: e.index, barcode: e.barcode })));
      library.push(performance.now() - start);
      if (groups.reduce((n, g) => n + g.full.length, 0) !== TAPES) throw new Error('The library does not hold every tape.');
    }
    const bundle = await stat(resolve(__dirname, '../../dist/extension.js')).then((s) => s.size, () => Number.NaN);
    return [
      { name: `Tapes node data: ${TAPES} tapes in pages of 100 (DescribeTapes ×15)`, unit: 'ms', samples: tapesByPage },
      { name: `Drives/Library fallback data: ${TAPES} tapes in pages of 1000 (DescribeTapes ×2)`, unit: 'ms', samples: tapesAll },
      { name: 'Library node data: 3,200 slots + 10 drives read and grouped (in-process lab changer)', unit: 'ms', samples: library },
      { name: 'Bundle size of dist/extension.js', unit: 'bytes', samples: [bundle], note: Number.isNaN(bundle) ? 'run node .dev/build.mjs first' : undefined },
    ];
  } finally {
    clients.dispose();
    await lab.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
