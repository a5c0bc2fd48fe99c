// Extension activation in a real workbench (code-server + Chromium): activate()'s own time, the first tree paint after Start
// Local Lab (lab process start included, and its share), the same from a cold click on the icon, and the sizes of what
// activation loads and of the .vsix.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startCodeServer } from '../host/codeServer.mjs';
import { eventually } from '../eventually';
import type { BenchFigure } from './BenchFigure';

const RUNS = 3;
const ROOT = resolve(__dirname, '..', '..');

/** Timestamps (epoch ms) of the extension's log lines that mark the path from activation to the first tree paint. */
interface LogMarks {
  readonly activateMs?: number;
  readonly activated?: number;
  readonly labReady?: number;
  /** The last "Explorer: … loaded" line (debug level, written with BENCH_TRACE=1), and all of them in order. */
  readonly explorer: { readonly at: number; readonly text: string }[];
}

/** Reads the "Tape Gateway" output channel's log file in the user data folder. */
function fromLog(userDataDir: string): LogMarks {
  const logs = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? logs(path) : entry.name === 'Tape Gateway.log' ? [path] : [];
  });
  // Lines start "2026-12-02 02:13:46.508 [info] …" in the extension host's local time, as Date.parse reads it here.
  const at = (line: string | undefined) => (line ? Date.parse(line.slice(0, 23).replace(' ', 'T')) : NaN);
  for (const file of logs(join(userDataDir, 'logs'))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const activated = lines.find((line) => /Activated in [\d.]+ ms\./.test(line));
    if (!activated) continue;
    const labReady = at(lines.find((line) => line.includes('Local lab started at')));
    return {
      activateMs: Number(/Activated in ([\d.]+) ms\./.exec(activated)?.[1]),
      activated: at(activated),
      ...(Number.isFinite(labReady) ? { labReady } : {}),
      explorer: lines.filter((line) => line.includes('Explorer: ')).map((line) => ({ at: at(line), text: line.slice(line.indexOf('Explorer: ') + 10) })),
    };
  }
  return { explorer: [] };
}

/** Production build (minified, as shipped): what activation loads is dist/extension.js; SDK files in dist/sdk load on first use. */
function sizes(): BenchFigure[] {
  execFileSync(process.execPath, [join(ROOT, '.dev', 'build.mjs'), '--production', '--only=extension,lab'], { stdio: 'inherit' });
  const kib = (path: string) => statSync(join(ROOT, path)).size / 1024;
  const sdk = readdirSync(join(ROOT, 'dist', 'sdk')).filter((f) => f.endsWith('.js'));
  const dir = mkdtempSync(join(tmpdir(), 'bench-vsix-'));
  try {
    const vsix = join(dir, 'extension.vsix');
    // The placeholder URLs only satisfy vsce's check of the README's relative image links.
    execFileSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--baseContentUrl', 'https://example.invalid/', '--baseImagesUrl', 'https://example.invalid/', '-o', vsix], { cwd: ROOT, stdio: 'ignore' });
    return [
      { name: 'Code loaded at activation: dist/extension.js, minified', unit: 'KiB', samples: [kib('dist/extension.js')], note: 'budget 500 KiB' },
      { name: 'AWS SDK files loaded on first use (dist/sdk, largest)', unit: 'KiB', samples: [Math.max(...sdk.map((f) => kib(join('dist', 'sdk', f))))], note: sdk.join(', ') },
      { name: 'The whole .vsix', unit: 'KiB', samples: [statSync(vsix).size / 1024], note: 'budget 3 MiB' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** BENCH_TRACE=1: VS Code at debug level, so each run prints the extension's timeline (SDK files read, each folder loaded). */
const TRACE = process.env.BENCH_TRACE === '1';

interface PaintRun {
  /** From the click to the "Gateways" row. */
  readonly paint: number;
  /** From the click to the lab's ready line, as logged. */
  readonly labReady: number | undefined;
  readonly activateMs: number | undefined;
}

/**
 * One cold workbench: `startLab` says whether the view's "Start local lab" button starts the lab (the view is open and
 * the extension active before the click) or the click on the activity bar icon does it all (activation, then the lab by
 * tapeGateway.autoConnect = lab).
 */
async function paintOnce(startLab: 'button' | 'icon'): Promise<PaintRun> {
  const settings = { 'tapeGateway.autoConnect': startLab === 'icon' ? 'lab' : 'off', 'tapeGateway.lab.timeScale': 0 };
  const server = await startCodeServer({ installExtension: true, settings, ...(TRACE ? { logLevel: 'debug' as const } : {}) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}`);
    const icon = page.locator('.activitybar a.action-label[aria-label^="Tape Gateway"]').first();
    await icon.waitFor({ state: 'visible', timeout: 60_000 });
    let target = icon;
    if (startLab === 'button') {
      await icon.click();
      target = page.locator('.welcome-view-content a.monaco-button', { hasText: 'Start local lab' }).first();
      await target.waitFor({ state: 'visible', timeout: 60_000 });
      // The welcome content can show before the extension has activated; the click must measure the start, not activation.
      await eventually('the extension to activate', () => (fromLog(server.userDataDir).activated === undefined ? undefined : true), 60_000, 50);
    }
    const clicked = Date.now();
    await target.click();
    await page.locator('.monaco-list-row', { hasText: 'Gateways' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    const paint = Date.now() - clicked;
    const marks = fromLog(server.userDataDir);
    const since = (time: number | undefined) => (time === undefined || !Number.isFinite(time) ? undefined : time - clicked);
    if (TRACE) {
      const steps = [`activated +${since(marks.activated) ?? '?'}`, `lab ready +${since(marks.labReady) ?? '?'}`, ...marks.explorer.map((e) => `${e.text} +${since(e.at) ?? '?'}`), `painted +${paint}`];
      process.stderr.write(`extensionActivation (${startLab}): ${steps.join(' | ')}\n`);
    }
    return { paint, labReady: since(marks.labReady), activateMs: marks.activateMs };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function run(): Promise<BenchFigure[]> {
  const figures = sizes();
  const button: PaintRun[] = [];
  const icon: PaintRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    button.push(await paintOnce('button'));
    icon.push(await paintOnce('icon'));
  }
  const defined = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);
  const own = (runs: PaintRun[]) => defined(runs.map((r) => (r.labReady === undefined ? undefined : r.paint - r.labReady)));
  const shared = 'the machine is shared: compare figures within one run';
  return [
    ...figures,
    { name: 'activate() itself, as the extension measures it', unit: 'ms', samples: defined([...button, ...icon].map((r) => r.activateMs)), note: 'budget 50 ms' },
    { name: 'First tree paint after Start Local Lab: click on the view\'s "Start local lab" to the Gateways row, lab start included', unit: 'ms', samples: button.map((r) => r.paint), note: `budget 1.0 s; the lab is spawned from dist/lab.js and reports ready on stdout; ${shared}` },
    { name: 'Of which: the lab process, from the click to its ready line', unit: 'ms', samples: defined(button.map((r) => r.labReady)), note: 'the lab\'s own start (src/lab)' },
    { name: 'Of which: the extension, from the lab\'s ready line to the paint', unit: 'ms', samples: own(button), note: 'connect, ListStacks and ListGateways, tree rendering; the SDK files are read while the lab starts' },
    { name: 'Cold: click on the Tape Gateway icon to the first tree paint (activation, lab start by autoConnect = lab, first calls)', unit: 'ms', samples: icon.map((r) => r.paint), note: `budget 1.0 s for the part after Start Local Lab; ${shared}` },
    { name: 'Of which: the lab process, from the click to its ready line (cold)', unit: 'ms', samples: defined(icon.map((r) => r.labReady)) },
  ];
}
