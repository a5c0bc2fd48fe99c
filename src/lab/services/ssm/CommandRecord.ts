// Run Command state: one command and its per-instance invocations, with AWS's status names.

export type InvocationStatus = 'Pending' | 'InProgress' | 'Delayed' | 'Success' | 'Cancelled' | 'TimedOut' | 'Failed' | 'Cancelling';

export interface InvocationRecord {
  readonly instanceId: string;
  status: InvocationStatus;
  /** "Pending", "InProgress", "Success", "Failed", "Cancelled", "ExecutionTimedOut", "DeliveryTimedOut", ... */
  statusDetails: string;
  /** -1 until the script ends. */
  responseCode: number;
  startedAt?: Date;
  endedAt?: Date;
  stdout: string;
  stderr: string;
  readonly abort: AbortController;
  /** Set while the final result is being saved (the invocation keeps its running status until then). */
  finishing?: boolean;
}

export interface CommandRecord {
  readonly commandId: string;
  readonly documentName: string;
  readonly comment: string;
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly instanceIds: readonly string[];
  readonly requestedAt: Date;
  readonly timeoutSeconds: number;
  readonly executionTimeoutSeconds: number;
  /** As sent (defaults "50" and "0"); saved commands from before these were kept read as the defaults. */
  readonly maxConcurrency?: string;
  readonly maxErrors?: string;
  /** The region the command was sent to: CommandPlugins report it as OutputS3Region. */
  readonly region?: string;
  readonly invocations: Map<string, InvocationRecord>;
}

export const TERMINAL_STATUSES: readonly InvocationStatus[] = ['Success', 'Cancelled', 'TimedOut', 'Failed'];

/** The command's overall status from its invocations (Run Command's aggregation rules for MaxErrors 0). */
export function commandStatus(command: CommandRecord): { status: InvocationStatus; details: string } {
  const invocations = [...command.invocations.values()];
  if (invocations.some((invocation) => !TERMINAL_STATUSES.includes(invocation.status))) {
    const anyStarted = invocations.some((invocation) => invocation.status !== 'Pending');
    const cancelling = invocations.some((invocation) => invocation.status === 'Cancelling');
    if (cancelling) return { status: 'Cancelling', details: 'Cancelling' };
    return anyStarted ? { status: 'InProgress', details: 'InProgress' } : { status: 'Pending', details: 'Pending' };
  }
  for (const status of ['Cancelled', 'TimedOut', 'Failed'] as const) {
    const match = invocations.find((invocation) => invocation.status === status);
    if (match) return { status, details: match.statusDetails };
  }
  return { status: 'Success', details: 'Success' };
}
