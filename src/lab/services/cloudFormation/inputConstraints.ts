// CloudFormation's input constraints (botocore model, API 2010-05-15), checked before any operation runs, as AWS does:
// a broken one is ValidationError with Coral's "N validation error(s) detected: Value '…' at 'member' failed to satisfy constraint: …".
import { AwsError } from '../../http/AwsError';
import type { OperationTable } from '../../http/types';
import type { Form } from './queryInput';

interface Scalar {
  readonly kind: 'string' | 'integer';
  readonly min?: number;
  readonly max?: number;
  /** The model's pattern text; it must match the whole value. */
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
interface ListOf {
  readonly kind: 'list';
  readonly member: Scalar | StructureOf;
  readonly max?: number;
}
interface StructureOf {
  readonly kind: 'structure';
  readonly members: Members;
  readonly required?: readonly string[];
}
type Rule = Scalar | ListOf | StructureOf;
type Members = Readonly<Record<string, Rule>>;

const text = (options: Omit<Scalar, 'kind'> = {}): Scalar => ({ kind: 'string', ...options });
const STACK_NAME = text();
const STACK_NAME_OR_ID = text({ min: 1, pattern: '([a-zA-Z][-a-zA-Z0-9]*)|(arn:\\b(aws|aws-us-gov|aws-cn)\\b:[-a-zA-Z0-9:/._+]*)' });
const CHANGE_SET_NAME_OR_ID = text({ min: 1, max: 1600, pattern: '[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/]*' });
const TEMPLATE_BODY = text({ min: 1 });
const TEMPLATE_URL = text({ min: 1, max: 1024 });
const NEXT_TOKEN = text({ min: 1, max: 1024 });
const ROLE_ARN = text({ min: 20, max: 2048 });
const POLICY_BODY = text({ min: 1, max: 16384 });
const POLICY_URL = text({ min: 1, max: 1350 });
const CLIENT_REQUEST_TOKEN = text({ min: 1, max: 128, pattern: '[a-zA-Z0-9][-a-zA-Z0-9]*' });
const CAPABILITIES: ListOf = { kind: 'list', member: text({ enum: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] }) };
const RESOURCE_TYPES: ListOf = { kind: 'list', member: text({ min: 1, max: 256 }) };
const NOTIFICATION_ARNS: ListOf = { kind: 'list', member: text(), max: 5 };
const TAGS: ListOf = { kind: 'list', max: 50, member: { kind: 'structure', required: ['Key', 'Value'], members: { Key: text({ min: 1, max: 128 }), Value: text({ min: 1, max: 256 }) } } };
const STACK_STATUSES = [
  'CREATE_IN_PROGRESS', 'CREATE_FAILED', 'CREATE_COMPLETE', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_FAILED', 'ROLLBACK_COMPLETE', 'DELETE_IN_PROGRESS',
  'DELETE_FAILED', 'DELETE_COMPLETE', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_FAILED', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS', 'IMPORT_IN_PROGRESS', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_IN_PROGRESS', 'IMPORT_ROLLBACK_FAILED', 'IMPORT_ROLLBACK_COMPLETE',
];

const ROLLBACK_CONFIGURATION: StructureOf = {
  kind: 'structure',
  members: { RollbackTriggers: { kind: 'list', max: 5, member: { kind: 'structure', required: ['Arn', 'Type'], members: { Arn: text(), Type: text() } } }, MonitoringTimeInMinutes: { kind: 'integer', min: 0, max: 180 } },
};

const STACK_CHANGES: Members = {
  TemplateBody: TEMPLATE_BODY, TemplateURL: TEMPLATE_URL, Capabilities: CAPABILITIES, ResourceTypes: RESOURCE_TYPES, RoleARN: ROLE_ARN,
  StackPolicyBody: POLICY_BODY, StackPolicyURL: POLICY_URL, NotificationARNs: NOTIFICATION_ARNS, Tags: TAGS, ClientRequestToken: CLIENT_REQUEST_TOKEN,
  RollbackConfiguration: ROLLBACK_CONFIGURATION,
};

/** Per operation: its members' rules and the required ones. */
export const CLOUDFORMATION_INPUTS: Readonly<Record<string, { readonly members: Members; readonly required?: readonly string[] }>> = {
  CreateStack: { required: ['StackName'], members: { ...STACK_CHANGES, StackName: STACK_NAME, TimeoutInMinutes: { kind: 'integer', min: 1 }, OnFailure: text({ enum: ['DO_NOTHING', 'ROLLBACK', 'DELETE'] }) } },
  UpdateStack: { required: ['StackName'], members: { ...STACK_CHANGES, StackName: STACK_NAME, StackPolicyDuringUpdateBody: POLICY_BODY, StackPolicyDuringUpdateURL: POLICY_URL } },
  DeleteStack: { required: ['StackName'], members: { StackName: STACK_NAME, RoleARN: ROLE_ARN, ClientRequestToken: CLIENT_REQUEST_TOKEN } },
  DescribeStacks: { members: { NextToken: NEXT_TOKEN } },
  ListStacks: { members: { NextToken: NEXT_TOKEN, StackStatusFilter: { kind: 'list', member: text({ enum: STACK_STATUSES }) } } },
  DescribeStackEvents: { members: { NextToken: NEXT_TOKEN } },
  ListStackResources: { required: ['StackName'], members: { StackName: STACK_NAME, NextToken: NEXT_TOKEN } },
  DescribeStackResource: { required: ['StackName', 'LogicalResourceId'], members: { StackName: STACK_NAME, LogicalResourceId: text() } },
  GetTemplate: { members: { ChangeSetName: CHANGE_SET_NAME_OR_ID, TemplateStage: text({ enum: ['Original', 'Processed'] }) } },
  CreateChangeSet: {
    required: ['StackName', 'ChangeSetName'],
    members: {
      StackName: STACK_NAME_OR_ID, TemplateBody: TEMPLATE_BODY, TemplateURL: TEMPLATE_URL, Capabilities: CAPABILITIES, ResourceTypes: RESOURCE_TYPES,
      RoleARN: ROLE_ARN, RollbackConfiguration: ROLLBACK_CONFIGURATION, NotificationARNs: NOTIFICATION_ARNS, Tags: TAGS,
      ChangeSetName: text({ min: 1, max: 128, pattern: '[a-zA-Z][-a-zA-Z0-9]*' }), ClientToken: text({ min: 1, max: 128 }), Description: text({ min: 1, max: 1024 }),
      ChangeSetType: text({ enum: ['CREATE', 'UPDATE', 'IMPORT'] }),
    },
  },
  DescribeChangeSet: { required: ['ChangeSetName'], members: { ChangeSetName: CHANGE_SET_NAME_OR_ID, StackName: STACK_NAME_OR_ID, NextToken: NEXT_TOKEN } },
  ExecuteChangeSet: { required: ['ChangeSetName'], members: { ChangeSetName: CHANGE_SET_NAME_OR_ID, StackName: STACK_NAME_OR_ID, ClientRequestToken: CLIENT_REQUEST_TOKEN } },
  DeleteChangeSet: { required: ['ChangeSetName'], members: { ChangeSetName: CHANGE_SET_NAME_OR_ID, StackName: STACK_NAME_OR_ID } },
  ListChangeSets: { required: ['StackName'], members: { StackName: STACK_NAME_OR_ID, NextToken: NEXT_TOKEN } },
  GetTemplateSummary: {
    members: {
      TemplateBody: TEMPLATE_BODY, TemplateURL: TEMPLATE_URL,
      StackName: STACK_NAME_OR_ID,
      StackSetName: text({ pattern: '[a-zA-Z][-a-zA-Z0-9]*(?::[a-zA-Z0-9]{8}-[a-zA-Z0-9]{4}-[a-zA-Z0-9]{4}-[a-zA-Z0-9]{4}-[a-zA-Z0-9]{12})?' }),
      CallAs: text({ enum: ['SELF', 'DELEGATED_ADMIN'] }),
    },
  },
  ValidateTemplate: { members: { TemplateBody: TEMPLATE_BODY, TemplateURL: TEMPLATE_URL } },
};

const lowerCamel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const wholeMatch = new Map<string, RegExp>();
const matches = (pattern: string, value: string): boolean => {
  let regExp = wholeMatch.get(pattern);
  if (!regExp) wholeMatch.set(pattern, (regExp = new RegExp(`^(?:${pattern})$`, 'u')));
  return regExp.test(value);
};

/** The constraints a scalar breaks, in Coral's words. */
function scalarProblems(rule: Scalar, value: string): string[] {
  const problems: string[] = [];
  if (rule.kind === 'integer') {
    if (!/^-?\d+$/.test(value)) return ['Member must be an integer'];
    if (rule.min !== undefined && Number(value) < rule.min) problems.push(`Member must have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && Number(value) > rule.max) problems.push(`Member must have value less than or equal to ${rule.max}`);
    return problems;
  }
  const length = [...value].length;
  if (rule.min !== undefined && length < rule.min) problems.push(`Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && length > rule.max) problems.push(`Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern !== undefined && !matches(rule.pattern, value)) problems.push(`Member must satisfy regular expression pattern: ${rule.pattern}`);
  if (rule.enum && !rule.enum.includes(value)) problems.push(`Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
  return problems;
}

function listItems(form: Form, name: string): Map<number, string> {
  const items = new Map<number, string>();
  for (const key of Object.keys(form)) {
    const index = new RegExp(`^${name.replace(/\./g, '\\.')}\\.member\\.(\\d+)(?:\\.|$)`).exec(key)?.[1];
    if (index !== undefined) items.set(Number(index), `${name}.member.${index}`);
  }
  return items;
}

function collect(form: Form, members: Members, required: readonly string[], prefix: string, path: string, problems: string[]): void {
  for (const name of required) {
    if (form[`${prefix}${name}`] === undefined && listItems(form, `${prefix}${name}`).size === 0) problems.push(`Value null at '${path}${lowerCamel(name)}' failed to satisfy constraint: Member must not be null`);
  }
  for (const [name, rule] of Object.entries(members)) {
    const key = `${prefix}${name}`;
    const at = `${path}${lowerCamel(name)}`;
    if (rule.kind === 'structure') {
      if (Object.keys(form).some((field) => field.startsWith(`${key}.`))) collect(form, rule.members, rule.required ?? [], `${key}.`, `${at}.`, problems);
      continue;
    }
    if (rule.kind !== 'list') {
      const value = form[key];
      if (value !== undefined) for (const problem of scalarProblems(rule, value)) problems.push(`Value '${value}' at '${at}' failed to satisfy constraint: ${problem}`);
      continue;
    }
    const items = listItems(form, key);
    if (rule.max !== undefined && items.size > rule.max) problems.push(`Value '[${[...items.values()].map((item) => form[item] ?? '…').join(', ')}]' at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`);
    const member = rule.member;
    if (member.kind === 'structure') {
      for (const [index, item] of [...items].sort(([a], [b]) => a - b)) collect(form, member.members, member.required ?? [], `${item}.`, `${at}.${index}.member.`, problems);
      continue;
    }
    const values = [...items.values()].map((item) => form[item] ?? '');
    const broken = values.flatMap((value) => scalarProblems(member, value));
    if (broken.length > 0) problems.push(`Value '[${values.join(', ')}]' at '${at}' failed to satisfy constraint: Member must satisfy constraint: [${broken[0] ?? ''}]`);
  }
}

/** Throws ValidationError when the form breaks a constraint of the operation's input. */
export function checkCloudFormationInput(operation: string, form: Form): void {
  const input = CLOUDFORMATION_INPUTS[operation];
  if (!input) return;
  const problems: string[] = [];
  collect(form, input.members, input.required ?? [], '', '', problems);
  if (problems.length === 0) return;
  const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
  throw new AwsError('ValidationError', `${count}: ${problems.join('; ')}`);
}

/** The table with every operation checking its input constraints first. */
export function withInputConstraints(table: OperationTable): OperationTable {
  const checked: OperationTable = {};
  for (const [name, handler] of Object.entries(table)) {
    checked[name] = (form: Form, ctx) => {
      checkCloudFormationInput(name, form);
      return handler(form, ctx);
    };
  }
  return checked;
}
