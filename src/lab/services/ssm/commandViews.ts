// JSON shapes of Command, CommandInvocation and GetCommandInvocation answers, with AWS's output size limits.
import { commandStatus, TERMINAL_STATUSES, type CommandRecord, type InvocationRecord } from './CommandRecord';

/** GetCommandInvocation returns the first 24,000 characters of stdout and 8,000 of stderr. */
export const STANDARD_OUTPUT_LIMIT = 24_000;
export const STANDARD_ERROR_LIMIT = 8_000;
/** ListCommandInvocations' CommandPlugins[].Output holds at most 2,500 characters. */
export const PLUGIN_OUTPUT_LIMIT = 2_500;

const PLUGIN_NAME = 'aws:runShellScript';

function seconds(date: Date): number {
  return date.getTime() / 1000;
}

export function commandView(command: CommandRecord): Record<string, unknown> {
  const invocations = [...command.invocations.values()];
  const { status, details } = commandStatus(command);
  return {
    CommandId: command.commandId,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    Comment: command.comment,
    ExpiresAfter: seconds(command.requestedAt) + command.timeoutSeconds + command.executionTimeoutSeconds,
    Parameters: command.parameters,
    InstanceIds: command.instanceIds,
    Targets: [],
    RequestedDateTime: seconds(command.requestedAt),
    Status: status,
    StatusDetails: details,
    // A Command carries no OutputS3Region (the CLI's own send-command and list-commands examples show none); only plugins do.
    OutputS3BucketName: '',
    OutputS3KeyPrefix: '',
    MaxConcurrency: command.maxConcurrency ?? '50',
    MaxErrors: command.maxErrors ?? '0',
    TargetCount: invocations.length,
    CompletedCount: invocations.filter((invocation) => TERMINAL_STATUSES.includes(invocation.status)).length,
    ErrorCount: invocations.filter((invocation) => invocation.status === 'Failed' || invocation.statusDetails === 'ExecutionTimedOut').length,
    DeliveryTimedOutCount: invocations.filter((invocation) => invocation.statusDetails === 'DeliveryTimedOut').length,
    ServiceRole: '',
    NotificationConfig: { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
    CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
    TimeoutSeconds: command.timeoutSeconds,
  };
}

function terminal(invocation: InvocationRecord): boolean {
  return TERMINAL_STATUSES.includes(invocation.status);
}

/** ISO-8601 with milliseconds, as GetCommandInvocation's *DateTime strings are. */
function isoString(date: Date | undefined): string {
  return date ? date.toISOString() : '';
}

export function getCommandInvocationView(command: CommandRecord, invocation: InvocationRecord): Record<string, unknown> {
  const done = terminal(invocation);
  const elapsed = invocation.startedAt && invocation.endedAt ? (invocation.endedAt.getTime() - invocation.startedAt.getTime()) / 1000 : undefined;
  return {
    CommandId: command.commandId,
    InstanceId: invocation.instanceId,
    Comment: command.comment,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    PluginName: PLUGIN_NAME,
    ResponseCode: invocation.responseCode,
    ExecutionStartDateTime: isoString(invocation.startedAt),
    ExecutionElapsedTime: elapsed === undefined ? '' : `PT${elapsed.toFixed(3).replace(/\.?0+$/, '')}S`,
    ExecutionEndDateTime: isoString(invocation.endedAt),
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    StandardOutputContent: done ? invocation.stdout.slice(0, STANDARD_OUTPUT_LIMIT) : '',
    StandardOutputUrl: '',
    StandardErrorContent: done ? invocation.stderr.slice(0, STANDARD_ERROR_LIMIT) : '',
    StandardErrorUrl: '',
    CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
  };
}

/** A plugin's OutputS3Region is the region the command ran in, even with no output bucket. */
export function commandInvocationView(command: CommandRecord, invocation: InvocationRecord, details: boolean, instanceName: string, region: string): Record<string, unknown> {
  const output = invocation.stderr === '' ? invocation.stdout : `${invocation.stdout}\n----------ERROR-------\n${invocation.stderr}`;
  return {
    CommandId: command.commandId,
    InstanceId: invocation.instanceId,
    InstanceName: instanceName,
    Comment: command.comment,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    RequestedDateTime: seconds(command.requestedAt),
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins: details
      ? [
          {
            Name: PLUGIN_NAME,
            Status: invocation.status,
            StatusDetails: invocation.statusDetails,
            ResponseCode: invocation.responseCode,
            ...(invocation.startedAt ? { ResponseStartDateTime: seconds(invocation.startedAt) } : {}),
            ...(invocation.endedAt ? { ResponseFinishDateTime: seconds(invocation.endedAt) } : {}),
            Output: terminal(invocation) ? output.slice(0, PLUGIN_OUTPUT_LIMIT) : '',
            StandardOutputUrl: '',
            StandardErrorUrl: '',
            OutputS3Region: command.region ?? region,
            OutputS3BucketName: '',
            OutputS3KeyPrefix: '',
          },
        ]
      : [],
    ServiceRole: '',
    NotificationConfig: { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
    CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
  };
}
