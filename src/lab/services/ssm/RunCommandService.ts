// Runs SendCommand's AWS-RunShellScript on client hosts: delivery, execution timeout, cancellation, output limits; durable history.
import { randomUUID } from 'node:crypto';
import type { LabRuntime } from '../../LabRuntime';
import type { InstanceRegistry } from '../ec2/InstanceRegistry';
import { CommandHistory, MAX_SAVED_COMMANDS } from './CommandHistory';
import type { CommandRecord, InvocationRecord } from './CommandRecord';

/** Time the agent takes to pick a command up (simulated, scaled). */
const DELIVERY_MS = 500;

export interface NewCommand {
  readonly documentName: string;
  readonly comment: string;
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly instanceIds: readonly string[];
  readonly timeoutSeconds: number;
  readonly executionTimeoutSeconds: number;
  readonly maxConcurrency?: string;
  readonly maxErrors?: string;
  readonly region?: string;
}

export interface RunCommandOptions {
  /** Makes the effects of a finished script durable (e.g. library moves) before its invocation reads as finished. */
  readonly settle?: () => Promise<void>;
}

export class RunCommandService {
  private readonly running = new Set<Promise<void>>();

  private constructor(
    private readonly runtime: LabRuntime,
    private readonly registry: InstanceRegistry,
    private readonly history: CommandHistory,
    readonly commands: CommandRecord[],
    private readonly options: RunCommandOptions,
  ) {}

  /** Loads the saved history; invocations a stop interrupted read as Failed from now on. */
  static async open(runtime: LabRuntime, registry: InstanceRegistry, options: RunCommandOptions = {}): Promise<RunCommandService> {
    const { history, commands } = await CommandHistory.open(runtime);
    return new RunCommandService(runtime, registry, history, commands, options);
  }

  /** Records the command durably, then starts its invocations; SendCommand answers after this resolves. */
  async send(request: NewCommand): Promise<CommandRecord> {
    const command: CommandRecord = { ...request, commandId: randomUUID(), requestedAt: this.runtime.now(), invocations: new Map() };
    for (const instanceId of request.instanceIds) {
      command.invocations.set(instanceId, { instanceId, status: 'Pending', statusDetails: 'Pending', responseCode: -1, stdout: '', stderr: '', abort: new AbortController() });
    }
    await this.history.add(command);
    this.commands.push(command);
    if (this.commands.length > MAX_SAVED_COMMANDS) this.commands.splice(0, this.commands.length - MAX_SAVED_COMMANDS);
    for (const invocation of command.invocations.values()) {
      const run = this.execute(command, invocation).catch((error: unknown) =>
        this.finish(command, invocation, 'Failed', 'Failed', 1, '', `The lab could not run the command: ${error instanceof Error ? error.message : String(error)}\n`),
      );
      const tracked = run.catch((error: unknown) => this.runtime.log(`ssm: could not save the result of command ${command.commandId}: ${error instanceof Error ? error.message : String(error)}`));
      this.running.add(tracked);
      void tracked.finally(() => this.running.delete(tracked));
    }
    return command;
  }

  cancel(command: CommandRecord, instanceIds: readonly string[]): void {
    for (const invocation of command.invocations.values()) {
      if (instanceIds.length > 0 && !instanceIds.includes(invocation.instanceId)) continue;
      if (invocation.status === 'Pending' || invocation.status === 'InProgress' || invocation.status === 'Delayed') {
        invocation.status = 'Cancelling';
        invocation.statusDetails = 'Cancelling';
        invocation.abort.abort();
        void this.history.update(command.commandId, invocation, {}).catch(() => undefined);
      }
    }
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Stops saving; invocations still running are ended as interrupted at the next start. */
  close(): Promise<void> {
    return this.history.close();
  }

  private async execute(command: CommandRecord, invocation: InvocationRecord): Promise<void> {
    await this.runtime.delay(DELIVERY_MS);
    if (invocation.abort.signal.aborted) return this.finish(command, invocation, 'Cancelled', 'Cancelled', -1, '', '');
    const node = this.registry.managedNode(invocation.instanceId);
    if (!node) return this.finish(command, invocation, 'TimedOut', 'DeliveryTimedOut', -1, '', '');
    // Saved before the script runs (and before it reads as InProgress), so after a restart "never ran" (Undeliverable) and "cut short" (Failed) stay apart.
    const started: Partial<InvocationRecord> = { status: 'InProgress', statusDetails: 'InProgress', startedAt: this.runtime.now() };
    await this.history.update(command.commandId, invocation, started);
    if (invocation.abort.signal.aborted) return this.finish(command, invocation, 'Cancelled', 'Cancelled', -1, '', '');
    Object.assign(invocation, started);
    const script = (command.parameters.commands ?? []).join('\n');
    const workingDirectory = command.parameters.workingDirectory?.[0];
    // The execution timeout is a wall-clock limit on the running script, as the agent enforces it; it is not a simulated
    // delay, so --time-scale (even 0) never cuts short a script that is still doing real work (a curl, a tar to tape).
    let timedOut = false;
    const timer = setTimeout(() => {
      if (invocation.endedAt === undefined) {
        timedOut = true;
        invocation.abort.abort();
      }
    }, command.executionTimeoutSeconds * 1000);
    timer.unref?.();
    let result;
    try {
      result = await node.host.runner.run(script, { signal: invocation.abort.signal, ...(workingDirectory ? { cwd: workingDirectory } : {}) });
    } finally {
      clearTimeout(timer);
    }
    if (timedOut) return this.finish(command, invocation, 'TimedOut', 'ExecutionTimedOut', -1, result.stdout, result.stderr);
    if (invocation.abort.signal.aborted) return this.finish(command, invocation, 'Cancelled', 'Cancelled', -1, result.stdout, result.stderr);
    const ok = result.exitCode === 0;
    return this.finish(command, invocation, ok ? 'Success' : 'Failed', ok ? 'Success' : 'Failed', result.exitCode, result.stdout, result.stderr);
  }

  /** The script's effects and the result are saved first: an invocation never reads as finished before that is on disk. */
  private async finish(command: CommandRecord, invocation: InvocationRecord, status: InvocationRecord['status'], details: string, code: number, stdout: string, stderr: string): Promise<void> {
    if (invocation.endedAt !== undefined || invocation.finishing) return;
    invocation.finishing = true;
    const endedAt = this.runtime.now();
    const change: Partial<InvocationRecord> = { status, statusDetails: details, responseCode: code, stdout, stderr, endedAt, startedAt: invocation.startedAt ?? endedAt };
    await this.options.settle?.();
    await this.history.update(command.commandId, invocation, change);
    Object.assign(invocation, change);
  }
}
