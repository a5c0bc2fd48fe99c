// `npm run bench [-- name-filter] [--update-readme]`: runs test/bench/*.bench.ts, summarises each figure (median, spread), writes JSON + Markdown and prints the table.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchFigure, BenchModule } from './BenchFigure';

interface SummarisedFigure {
  readonly suite: string;
  readonly name: string;
  readonly unit: string;
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly note?: string;
}

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  return magnitude >= 100 ? Math.round(value) : magnitude >= 1 ? Math.round(value * 100) / 100 : Math.round(value * 10000) / 10000;
}

function summarise(suite: string, figure: BenchFigure): SummarisedFigure {
  const samples = figure.samples.filter((s) => Number.isFinite(s));
  return {
    suite,
    name: figure.name,
    unit: figure.unit,
    runs: samples.length,
    median: round(median(samples)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    ...(figure.note ? { note: figure.note } : {}),
  };
}

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

function bundleFigures(): BenchFigure[] {
  const figures: BenchFigure[] = [];
  const bundles = [
    ['dist/extension.js bundle size', 'dist/extension.js'],
    ['dist/lab.js bundle size (the command: runs dist/lab-main.js through a V8 code cache)', 'dist/lab.js'],
    ['dist/lab-main.js bundle size (the lab, read at every start)', 'dist/lab-main.js'],
    ['dist/lab-just-bash.js bundle size (the shell, read when the first client host boots)', 'dist/lab-just-bash.js'],
  ] as const;
  for (const [name, file] of bundles) {
    try {
      figures.push({ name, unit: 'KiB', samples: [statSync(join(ROOT, file)).size / 1024] });
    } catch {
      // not built: `npm run bench` builds first
    }
  }
  return figures;
}

/** One table row; a figure with no samples (a client that is not installed) shows a dash and its note says why. */
function formatRow(f: SummarisedFigure): string {
  const value = f.runs === 0 ? ['–', '–'] : [`${f.median} ${f.unit}`, `${f.min}–${f.max}`];
  return `| ${f.suite} | ${f.name} | ${value[0]} | ${value[1]} | ${f.runs} | ${f.note ?? ''} |`;
}

function markdown(figures: readonly SummarisedFigure[], when: string, failed: readonly string[]): string {
  const failedLine = failed.length > 0 ? [`Failed in this run (no figures): ${failed.join(', ')}.`, ''] : [];
  const rows = figures.map(formatRow);
  return [`Measured ${when} on ${machine()}.`, '', ...failedLine, '| suite | figure | median | min–max | runs | note |', '|---|---|---|---|---|---|', ...rows, ''].join('\n');
}

const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

/** Replaces what lies between the bench markers in README.md with the table; refuses (with what to do) when the markers are missing. */
function updateReadme(table: string): void {
  const { readme, start, end } = readmeTable();
  writeFileSync(README_PATH, `${readme.slice(0, start + README_START.length)}\n${table}${readme.slice(end)}`);
  process.stdout.write('bench: README.md table updated\n');
}

const README_PATH = join(ROOT, 'README.md');

function readmeTable(): { readme: string; start: number; end: number } {
  const readme = readFileSync(README_PATH, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} markers; add them under "## Performance" and run again.`);
  return { readme, start, end };
}

/** After a run of some suites: replaces only their rows (in place, or appended) and records when they were measured. */
function mergeIntoReadme(figures: readonly SummarisedFigure[], when: string): void {
  const { readme, start, end } = readmeTable();
  const lines = readme.slice(start + README_START.length, end).split('\n');
  const ran = new Set(figures.filter((f) => f.suite !== 'bundle').map((f) => f.suite));
  if (ran.size === 0) return;
  const rowsOf = (suite: string) => figures.filter((f) => f.suite === suite).map(formatRow);
  const merged: string[] = [];
  const placed = new Set<string>();
  for (const line of lines) {
    if (line.startsWith('Suites ') && [...ran].some((suite) => line.includes(`\`${suite}\``))) continue;
    const suite = /^\| ([A-Za-z]+) \|/.exec(line)?.[1];
    if (suite === undefined || !ran.has(suite)) {
      merged.push(line);
      continue;
    }
    if (placed.has(suite)) continue;
    placed.add(suite);
    merged.push(...rowsOf(suite));
  }
  const lastRow = merged.map((line) => line.startsWith('| ')).lastIndexOf(true);
  merged.splice(lastRow + 1, 0, ...[...ran].filter((suite) => !placed.has(suite)).flatMap(rowsOf));
  const note = `Suites ${[...ran].map((suite) => `\`${suite}\``).join(', ')} re-measured ${when} on ${machine()}.`;
  const firstLine = merged.findIndex((line) => line.startsWith('Measured '));
  merged.splice(firstLine + 1, 0, note);
  writeFileSync(README_PATH, `${readme.slice(0, start + README_START.length)}${merged.join('\n')}${readme.slice(end)}`);
  process.stdout.write(`bench: README.md rows of ${[...ran].join(', ')} updated\n`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort().filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
  const figures: SummarisedFigure[] = bundleFigures().map((f) => summarise('bundle', f));
  const failed: string[] = [];
  for (const file of files) {
    const suite = file.replace(/\.bench\.ts$/, '');
    process.stdout.write(`bench: ${suite}…\n`);
    try {
      const module = (await import(join(__dirname, file))) as BenchModule;
      for (const figure of await module.run()) figures.push(summarise(suite, figure));
    } catch (error) {
      failed.push(suite);
      process.stdout.write(`bench: ${suite} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
  const when = new Date().toISOString();
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'bench.json'), `${JSON.stringify({ when, machine: machine(), figures }, null, 2)}\n`);
  const table = markdown(figures, when, failed);
  writeFileSync(join(RESULTS, 'bench.md'), table);
  process.stdout.write(`\n${table}\n`);
  if (process.argv.includes('--update-readme')) {
    if (only.length > 0) mergeIntoReadme(figures, when);
    else updateReadme(table);
  }
  process.exitCode = failed.length > 0 ? 1 : 0;
}

void main();
