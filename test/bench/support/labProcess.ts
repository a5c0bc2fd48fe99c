// The lab as the bench meets it: dist/lab.js started from its CLI in its own process, its ready line, its RSS, its stop.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const LAB_CLI = resolve(__dirname, '..', '..', '..', 'dist', 'lab.js');

export interface LabReady {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Bearer token for the lab's /_lab admin routes. */
  readonly adminToken: string;
}

export class LabProcess {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly ready: LabReady,
  ) {}

  /** Spawns `node dist/lab.js` on `stateDir` and resolves on its ready line. */
  static async start(stateDir: string, args: readonly string[] = ['--time-scale', '0']): Promise<LabProcess> {
    if (!existsSync(LAB_CLI)) throw new Error(`${LAB_CLI} is missing; run \`npm run bench\` (it builds first) or \`npm run build\`.`);
    const child = spawn(process.execPath, [LAB_CLI, '--port', '0', '--state-dir', stateDir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
    const line = await new Promise<string>((resolveLine, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the lab exited (${code}) before it was ready:\n${stderr.join('\n')}`));
      child.once('exit', onExit);
      createInterface({ input: child.stdout }).once('line', (text) => {
        child.off('exit', onExit);
        resolveLine(text);
      });
    });
    return new LabProcess(child, JSON.parse(line) as LabReady);
  }

  /** Resident memory of the lab process in bytes (Linux /proc), or undefined elsewhere. */
  rssBytes(): number | undefined {
    const pid = this.child.pid;
    if (pid === undefined || process.platform !== 'linux') return undefined;
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(join('/proc', String(pid), 'status'), 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  }

  /** CPU time (user + system) the lab process has used so far, in ms (Linux /proc, 10 ms ticks), or undefined elsewhere. */
  cpuMs(): number | undefined {
    const pid = this.child.pid;
    if (pid === undefined || process.platform !== 'linux') return undefined;
    // Fields after the command name: state is field 3, utime and stime are fields 14 and 15, in clock ticks (100 per second).
    const fields = readFileSync(join('/proc', String(pid), 'stat'), 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** SIGTERM (the lab's orderly stop); resolves once the process is gone. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolveExit) => this.child.once('exit', resolveExit));
    this.child.kill('SIGTERM');
    await exited;
  }
}
