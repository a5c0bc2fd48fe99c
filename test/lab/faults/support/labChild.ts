// The lab CLI as a child process for fault tests: bundled once with esbuild (as dist/lab.js ships), started, killed with SIGKILL.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';

const MAIN = resolve(__dirname, '../../../../src/lab/main.ts');
let bundled: Promise<string> | undefined;

/** Bundles src/lab/main.ts into a temp file once per test process (a bundle starts in ~0.3 s, tsx in ~1.3 s). */
export function labBundle(): Promise<string> {
  bundled ??= (async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lab-bundle-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    const outfile = join(folder, 'lab.js');
    // As .dev/build.mjs does: just-bash's ESM build calls createRequire(import.meta.url), which is the bundle's own file here.
    await build({
      entryPoints: [MAIN],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      banner: { js: "const __labBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__labBundleUrl' },
    });
    return outfile;
  })();
  return bundled;
}

export interface ReadyLine {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly stateDir: string;
}

export class LabChild {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly ready: ReadyLine,
    /** Every stderr line the lab wrote (its log). */
    readonly stderrLines: string[],
  ) {
    this.exited = new Promise((resolveExit) => {
      if (child.exitCode !== null || child.signalCode !== null) resolveExit({ code: child.exitCode, signal: child.signalCode });
      else child.once('exit', (code, signal) => resolveExit({ code, signal }));
    });
  }

  /** Starts the CLI on `stateDir` and resolves on its ready line; rejects with its stderr if it exits first. */
  static async start(stateDir: string, extraArgs: readonly string[] = []): Promise<LabChild> {
    const bundle = await labBundle();
    const child = spawn(process.execPath, [bundle, '--port', '0', '--state-dir', stateDir, ...extraArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
    const readyText = await new Promise<string>((resolveLine, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the lab exited (${code}) before it was ready:\n${stderr.join('\n')}`));
      child.once('exit', onExit);
      createInterface({ input: child.stdout }).once('line', (line) => {
        child.off('exit', onExit);
        resolveLine(line);
      });
    });
    return new LabChild(child, JSON.parse(readyText) as ReadyLine, stderr);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGKILL: no handler runs, nothing is flushed. Resolves once the process is gone. */
  async kill9(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the lab's orderly stop. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}
