// The local lab as a child process: runs dist/lab.js with Node, reads its one JSON ready line, forwards its log, reports its exit (no vscode import).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** What the lab prints as its first stdout line once it serves requests; unknown fields are ignored. */
interface LabReady {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly stateDir: string;
}

interface LabProcessOptions {
  /** dist/lab.js inside the installed extension. */
  readonly script: string;
  /** A Node executable; undefined runs the editor's own runtime as Node (ELECTRON_RUN_AS_NODE=1). */
  readonly nodePath: string | undefined;
  readonly stateDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly region: string;
  readonly timeScale: number;
  /** One call per line the lab writes to stderr (its log; never secrets). */
  readonly log: (line: string) => void;
  readonly readyTimeoutMs?: number;
}

interface LabExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** A sentence for the user. */
  readonly message: string;
}

export class LabStartFailed extends Error {}

/** Reads the ready line; throws a sentence when it is not the JSON the lab prints. */
export function parseLabReady(line: string): LabReady {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new LabStartFailed(`The lab printed "${line.slice(0, 120)}" instead of its ready line. Check "Tape Gateway: Show Log" and the setting tapeGateway.lab.nodePath.`);
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const field = (name: keyof LabReady): string => {
    const found = record[name];
    if (typeof found !== 'string' || found === '') throw new LabStartFailed(`The lab's ready line has no "${name}". The extension and its lab do not match; reinstall the extension.`);
    return found;
  };
  return { endpoint: field('endpoint'), region: field('region'), accessKeyId: field('accessKeyId'), secretAccessKey: field('secretAccessKey'), stateDir: field('stateDir') };
}

function describeLabExit(code: number | null, signal: NodeJS.Signals | null): string {
  const how = signal ? `was stopped by ${signal}` : `exited with code ${code ?? 'unknown'}`;
  return `The local lab ${how}. Its state is kept on disk: restart it with "Tape Gateway: Start Local Lab".`;
}

export class LabProcess {
  private exitListeners: ((exit: LabExit) => void)[] = [];
  private exited: LabExit | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: LabReady,
  ) {
    // 'close' comes after 'exit' once stdout and stderr have ended, so the lab's last log lines are read first.
    child.once('close', (code, signal) => {
      this.exited = { code, signal, message: describeLabExit(code, signal) };
      for (const listener of this.exitListeners.splice(0)) listener(this.exited);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  /** Called once when the process ends, whatever the reason (stop() included). */
  onExit(listener: (exit: LabExit) => void): void {
    if (this.exited) listener(this.exited);
    else this.exitListeners.push(listener);
  }

  static start(options: LabProcessOptions): Promise<LabProcess> {
    // --exit-with-parent: the lab stops when its stdin pipe closes, which the OS does when this process dies, killed or not.
    const args = [options.script, '--port', String(options.port), '--state-dir', options.stateDir, '--region', options.region, '--time-scale', String(options.timeScale), '--exit-with-parent'];
    const env = { ...process.env, ...(options.nodePath ? {} : { ELECTRON_RUN_AS_NODE: '1' }) };
    const child = spawn(options.nodePath ?? process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env, windowsHide: true });
    // Nothing is written to it; a lab that has exited must not turn the pipe's EPIPE into an unhandled error.
    child.stdin?.on('error', () => undefined);
    const stderrTail: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 5) stderrTail.shift();
      options.log(line);
    });
    return new Promise<LabProcess>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      const timer = setTimeout(() => fail(new LabStartFailed(`The lab did not report ready within ${Math.round((options.readyTimeoutMs ?? 20_000) / 1000)} s. Check "Tape Gateway: Show Log", then start it again.`)), options.readyTimeoutMs ?? 20_000);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        const last = stderrTail.at(-1);
        fail(new LabStartFailed(`The lab stopped before it was ready (${signal ?? `exit code ${code ?? 'unknown'}`})${last ? `: ${last}` : '.'} Check "Tape Gateway: Show Log".`));
      };
      const onError = (error: Error) => fail(new LabStartFailed(`The lab could not be started with ${options.nodePath ?? process.execPath}: ${error.message}. Set tapeGateway.lab.nodePath to a Node.js 20 executable.`));
      function fail(error: Error): void {
        clearTimeout(timer);
        lines.close();
        child.off('exit', onExit);
        if (child.exitCode === null && child.signalCode === null) child.kill();
        reject(error);
      }
      child.once('exit', onExit);
      child.once('error', onError);
      lines.once('line', (line) => {
        clearTimeout(timer);
        lines.close();
        child.off('exit', onExit);
        child.off('error', onError);
        // Later stdout lines, if any, are log lines too.
        child.stdout?.resume();
        try {
          resolve(new LabProcess(child, parseLabReady(line)));
        } catch (error) {
          fail(error as Error);
        }
      });
    });
  }

  /** SIGTERM (the lab saves and exits), then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs = 5000): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      if (!this.running) return resolve();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      this.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
    return this.stopping;
  }
}
