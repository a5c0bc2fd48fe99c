// Benchmark: Find on Tape over 1,000,000 catalogued files (substring and glob searches), plus index build and journal load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogIndex } from '../../src/extension/catalog/CatalogIndex';
import { CatalogJournal } from '../../src/extension/catalog/CatalogJournal';
import type { ArchiveRecord } from '../../src/extension/catalog/catalogRecords';
import type { BenchFigure } from './BenchFigure';

const FILES = 1_000_000;
const TAPES = 100;
const ARCHIVES_PER_TAPE = 20;
const RUNS = 7;
const GATEWAY = 'arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B';
const FOLDERS = ['home/ssm-user/projects', 'var/log/app', 'srv/data/exports', 'etc/backup', 'opt/reports/2026'];
const EXTENSIONS = ['.txt', '.log', '.csv', '.tar.gz', '.pdf', '.json'];

function records(): ArchiveRecord[] {
  const perArchive = FILES / (TAPES * ARCHIVES_PER_TAPE);
  const result: ArchiveRecord[] = [];
  let n = 0;
  for (let tape = 0; tape < TAPES; tape += 1) {
    for (let archive = 0; archive < ARCHIVES_PER_TAPE; archive += 1) {
      const members = Array.from({ length: perArchive }, () => {
        n += 1;
        const folder = FOLDERS[n % FOLDERS.length] ?? '';
        return { path: `${folder}/batch-${Math.floor(n / 997)}/item-${n}${EXTENSIONS[n % EXTENSIONS.length] ?? ''}`, type: 'file' as const, size: n, mtime: 1_780_000_000_000 + n, mode: 0o644, owner: 'ssm-user/ssm-user' };
      });
      result.push({ kind: 'archive', gatewayArn: GATEWAY, barcode: `BENCH${String(tape).padStart(3, '0')}`, archive, blockSize: 65536, writtenAt: 1_780_000_000_000, source: 'write', members });
    }
  }
  return result;
}

function timed(action: () => void): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

export async function run(): Promise<BenchFigure[]> {
  const all = records();
  const index = new CatalogIndex();
  for (const record of all) index.apply(record);
  const build = [timed(() => index.build())];
  const queries: [string, string][] = [
    ['substring, rare ("item-777777")', 'item-777777'],
    ['substring, common (".log", first 1,000 hits)', '.log'],
    ['substring, no match', 'no-such-file-anywhere'],
    ['glob "srv/**/item-12345*.csv"', 'srv/**/item-12345*.csv'],
    ['glob "*.pdf" (first 1,000 hits)', '*.pdf'],
    ['glob "**/batch-1000/*" (needle "/batch-1000/")', '**/batch-1000/*'],
  ];
  const figures: BenchFigure[] = [{ name: `catalog index build (${FILES.toLocaleString('en-US')} files)`, unit: 'ms', samples: build }];
  for (const [label, query] of queries) {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i += 1) samples.push(timed(() => index.search(query)));
    figures.push({ name: `Find on Tape over ${FILES.toLocaleString('en-US')} files: ${label}`, unit: 'ms', samples, note: 'target <= 100 ms' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'catalog-bench-'));
  try {
    const path = join(dir, 'bench.jsonl');
    const { journal } = await CatalogJournal.open(path);
    const write = performance.now();
    await journal.append(all);
    const appendMs = performance.now() - write;
    const load = performance.now();
    await CatalogJournal.open(path);
    figures.push({ name: `catalog journal: append ${all.length.toLocaleString('en-US')} archive records (${FILES.toLocaleString('en-US')} files)`, unit: 'ms', samples: [appendMs] });
    figures.push({ name: `catalog journal: load ${FILES.toLocaleString('en-US')} files at start-up`, unit: 'ms', samples: [performance.now() - load] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
