// Runs SendCommand's AWS-RunShellScript on client hosts: delivery, execution timeout, cancellation, output limits.
import { randomUUID } from 'node:crypto';
import type { LabRuntime } from '../../LabRuntime';
import type { InstanceRegistry } from '../ec2/InstanceRegistry';
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
}

export class RunCommandService {
  readonly commands: CommandRecord[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly runtime: LabRuntime,
    private readonly registry: InstanceRegistry,
  ) {}

  send(request: NewCommand): CommandRecord {
    const command: CommandRecord = { ...request, commandId: randomUUID(), requestedAt: this.runtime.now(), invocations: new Map() };
    for (const instanceId of request.instanceIds) {
      const invocation: InvocationRecord = { instanceId, status: 'Pending', statusDetails: 'Pending', responseCode: -1, stdout: '', stderr: '', abort: new AbortController() };
      command.invocations.set(instanceId, invocation);
      const run = this.execute(command, invocation).catch((error: unknown) => {
        this.finish(invocation, 'Failed', 'Failed', 1, '', `The lab could not run the command: ${error instanceof Error ? error.message : String(error)}\n`);
      });
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }
    this.commands.push(command);
    return command;
  }

  cancel(command: CommandRecord, instanceIds: readonly string[]): void {
    for (const invocation of command.invocations.values()) {
      if (instanceIds.length > 0 && !instanceIds.includes(invocation.instanceId)) continue;
      if (invocation.status === 'Pending' || invocation.status === 'InProgress' || invocation.status === 'Delayed') {
        invocation.status = 'Cancelling';
        invocation.statusDetails = 'Cancelling';
        invocation.abort.abort();
      }
    }
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async execute(command: CommandRecord, invocation: InvocationRecord): Promise<void> {
    await this.runtime.delay(DELIVERY_MS);
    if (invocation.abort.signal.aborted) return this.finish(invocation, 'Cancelled', 'Cancelled', -1, '', '');
    const node = this.registry.managedNode(invocation.instanceId);
    if (!node) return this.finish(invocation, 'TimedOut', 'DeliveryTimedOut', -1, '', '');
    invocation.status = 'InProgress';
    invocation.statusDetails = 'InProgress';
    invocation.startedAt = this.runtime.now();
    const script = (command.parameters.commands ?? []).join('\n');
    const workingDirectory = command.parameters.workingDirectory?.[0];
    let timedOut = false;
    const timer = this.runtime.delay(command.executionTimeoutSeconds * 1000).then(() => {
      if (invocation.endedAt === undefined) {
        timedOut = true;
        invocation.abort.abort();
      }
    });
    void timer;
    const result = await node.host.runner.run(script, { signal: invocation.abort.signal, ...(workingDirectory ? { cwd: workingDirectory } : {}) });
    if (timedOut) return this.finish(invocation, 'TimedOut', 'ExecutionTimedOut', -1, result.stdout, result.stderr);
    if (invocation.abort.signal.aborted) return this.finish(invocation, 'Cancelled', 'Cancelled', -1, result.stdout, result.stderr);
    const ok = result.exitCode === 0;
    this.finish(invocation, ok ? 'Success' : 'Failed', ok ? 'Success' : 'Failed', result.exitCode, result.stdout, result.stderr);
  }

  private finish(invocation: InvocationRecord, status: InvocationRecord['status'], details: string, code: number, stdout: string, stderr: string): void {
    if (invocation.endedAt !== undefined) return;
    invocation.endedAt = this.runtime.now();
    invocation.startedAt ??= invocation.endedAt;
    Object.assign(invocation, { status, statusDetails: details, responseCode: code, stdout, stderr });
  }
}
