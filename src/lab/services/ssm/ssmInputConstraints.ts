// SSM's input constraints (botocore model, API 2014-11-06) for the operations the lab serves, checked before an operation runs:
// a broken one is ValidationException with Coral's "N validation error(s) detected: …" text, as the service answers.
import type { OperationTable } from '../../http/types';
import { validationException } from './ssmInput';
import { bool, integer, list, optional, required, str, struct, validateInput, type Rule, type Shape } from '../storageGateway/validation';

const COMMAND_ID = str({ min: 36, max: 36 });
const INSTANCE_ID_PATTERN = /(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)/;
const INSTANCE_ID = str({ pattern: INSTANCE_ID_PATTERN });
const INSTANCE_IDS = list(str(), { min: 0, max: 50 });
const PARAMETER_NAME = str({ min: 1, max: 2048 });
const SESSION_ID = str({ min: 1, max: 96 });
const DOCUMENT_NAME = str({ pattern: /^[a-zA-Z0-9_\-.:/]{3,128}$/ });
const FILTER_VALUES = list(str({ min: 1 }), { min: 1, max: 100 });
const COMMAND_FILTERS = list(
  struct({ key: required(str({ enum: ['InvokedAfter', 'InvokedBefore', 'Status', 'ExecutionStage', 'DocumentName'] })), value: required(str({ min: 1, max: 128 })) }),
  { min: 1, max: 5 },
);
const COMMAND_LISTING: Shape = {
  CommandId: optional(COMMAND_ID),
  InstanceId: optional(INSTANCE_ID),
  MaxResults: optional(integer({ min: 1, max: 50 })),
  NextToken: optional(str()),
  Filters: optional(COMMAND_FILTERS),
  Details: optional(bool()),
};
const TARGETS: Rule = list(
  struct({ Key: optional(str({ min: 1, max: 163, pattern: new RegExp('^[\\p{L}\\p{Z}\\p{N}_.:/=\\-@]*$|resource-groups:ResourceTypeFilters|resource-groups:Name', 'u') })), Values: optional(list(str(), { min: 0, max: 50 })) }),
  { min: 0, max: 5 },
);
const NOTIFICATION_EVENTS = ['All', 'InProgress', 'Success', 'TimedOut', 'Cancelled', 'Failed'];

export const SSM_INPUTS: Readonly<Record<string, Shape>> = {
  CancelCommand: { CommandId: required(COMMAND_ID), InstanceIds: optional(INSTANCE_IDS) },
  DescribeInstanceInformation: {
    InstanceInformationFilterList: optional(
      list(struct({ key: required(str({ enum: ['InstanceIds', 'AgentVersion', 'PingStatus', 'PlatformTypes', 'ActivationIds', 'IamRole', 'ResourceType', 'AssociationStatus'] })), valueSet: required(FILTER_VALUES) }), { min: 0 }),
    ),
    Filters: optional(list(struct({ Key: required(str({ min: 1 })), Values: required(FILTER_VALUES) }), { min: 0 })),
    MaxResults: optional(integer({ min: 5, max: 50 })),
    NextToken: optional(str()),
  },
  DescribeSessions: {
    State: required(str({ enum: ['Active', 'History'] })),
    MaxResults: optional(integer({ min: 1, max: 200 })),
    NextToken: optional(str()),
    Filters: optional(list(struct({ key: required(str({ enum: ['InvokedAfter', 'InvokedBefore', 'Target', 'Owner', 'Status', 'SessionId'] })), value: required(str({ min: 1, max: 400 })) }), { min: 1, max: 6 })),
  },
  GetCommandInvocation: { CommandId: required(COMMAND_ID), InstanceId: required(INSTANCE_ID), PluginName: optional(str({ min: 4 })) },
  GetParameter: { Name: required(PARAMETER_NAME), WithDecryption: optional(bool()) },
  GetParameters: { Names: required(list(str(), { min: 1, max: 10 })), WithDecryption: optional(bool()) },
  GetParametersByPath: {
    Path: required(PARAMETER_NAME),
    Recursive: optional(bool()),
    ParameterFilters: optional(
      list(struct({ Key: required(str({ min: 1, max: 132, pattern: /^(tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType)$/ })), Option: optional(str({ min: 1, max: 10 })), Values: optional(list(str({ min: 1, max: 1024 }), { min: 1, max: 50 })) })),
    ),
    WithDecryption: optional(bool()),
    MaxResults: optional(integer({ min: 1, max: 10 })),
    NextToken: optional(str()),
  },
  ListCommandInvocations: COMMAND_LISTING,
  ListCommands: COMMAND_LISTING,
  ResumeSession: { SessionId: required(SESSION_ID) },
  SendCommand: {
    InstanceIds: optional(INSTANCE_IDS),
    Targets: optional(TARGETS),
    DocumentName: required(DOCUMENT_NAME),
    DocumentVersion: optional(str({ pattern: /([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)/ })),
    DocumentHash: optional(str({ max: 256 })),
    DocumentHashType: optional(str({ enum: ['Sha256', 'Sha1'] })),
    TimeoutSeconds: optional(integer({ min: 30, max: 2_592_000 })),
    Comment: optional(str({ max: 100 })),
    OutputS3Region: optional(str({ min: 3, max: 20 })),
    OutputS3BucketName: optional(str({ min: 3, max: 63 })),
    OutputS3KeyPrefix: optional(str({ max: 500 })),
    MaxConcurrency: optional(str({ min: 1, max: 7, pattern: /^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/ })),
    MaxErrors: optional(str({ min: 1, max: 7, pattern: /^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$/ })),
    ServiceRoleArn: optional(str()),
    NotificationConfig: optional(struct({ NotificationArn: optional(str()), NotificationEvents: optional(list(str({ enum: NOTIFICATION_EVENTS }))), NotificationType: optional(str({ enum: ['Command', 'Invocation'] })) })),
    CloudWatchOutputConfig: optional(struct({ CloudWatchLogGroupName: optional(str({ min: 1, max: 512 })), CloudWatchOutputEnabled: optional(bool()) })),
  },
  StartSession: { Target: required(str({ min: 1, max: 400 })), DocumentName: optional(DOCUMENT_NAME), Reason: optional(str({ min: 1, max: 256, pattern: /^.{1,256}$/ })) },
  TerminateSession: { SessionId: required(SESSION_ID) },
};

interface ItemRule {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
}

/**
 * Constraints on the items of top-level string lists. SSM reports a broken item for the whole list:
 * "Value '[a, b]' at 'names' failed to satisfy constraint: Member must satisfy constraint: [every constraint of the item]".
 */
const LIST_ITEMS: Readonly<Record<string, Readonly<Record<string, ItemRule>>>> = {
  CancelCommand: { InstanceIds: { pattern: INSTANCE_ID_PATTERN } },
  SendCommand: { InstanceIds: { pattern: INSTANCE_ID_PATTERN } },
  GetParameters: { Names: { min: 1, max: 2048 } },
};

function itemConstraints(rule: ItemRule): string[] {
  return [
    ...(rule.max === undefined ? [] : [`Member must have length less than or equal to ${rule.max}`]),
    ...(rule.min === undefined ? [] : [`Member must have length greater than or equal to ${rule.min}`]),
    ...(rule.pattern === undefined ? [] : [`Member must satisfy regular expression pattern: ${rule.pattern.source}`]),
  ];
}

function breaks(rule: ItemRule, item: string): boolean {
  const length = [...item].length;
  return (rule.min !== undefined && length < rule.min) || (rule.max !== undefined && length > rule.max) || (rule.pattern !== undefined && !rule.pattern.test(item));
}

function checkListItems(operation: string, input: Record<string, unknown>): void {
  for (const [member, rule] of Object.entries(LIST_ITEMS[operation] ?? {})) {
    const items = input[member];
    if (!Array.isArray(items) || !items.some((item) => typeof item === 'string' && breaks(rule, item))) continue;
    const at = member.charAt(0).toLowerCase() + member.slice(1);
    throw validationException(`1 validation error detected: Value '[${items.join(', ')}]' at '${at}' failed to satisfy constraint: Member must satisfy constraint: [${itemConstraints(rule).join(', ')}]`);
  }
}

/** The table with every operation checking its input constraints first. */
export function withSsmInputConstraints(table: OperationTable): OperationTable {
  const checked: OperationTable = {};
  for (const [name, handler] of Object.entries(table)) {
    const shape = SSM_INPUTS[name];
    checked[name] = (input: Record<string, unknown>, ctx) => {
      if (shape) validateInput(shape, input);
      checkListItems(name, input);
      return handler(input, ctx);
    };
  }
  return checked;
}
