// What CreateStack, UpdateStack and change sets share: stack lookup, template source (body or URL), parameters, capabilities.
import { AwsError } from '../../http/AwsError';
import type { XmlValue } from '../../http/awsQuery';
import type { RequestContext } from '../../http/types';
import { structureMembers, stringMembers, type Form } from './queryInput';
import type { ResourceProvider } from './resources/ResourceProvider';
import type { StackEngine } from './StackEngine';
import type { StackRecord } from './StackRecord';
import { pseudoParameters } from './stackScope';
import { checkTemplate, missingCapabilities, type CheckedTemplate } from './templateSummary';
import type { GivenParameter, ResolvedParameters } from './template/resolveParameters';
import { MAX_TEMPLATE_URL_BYTES, readTemplateUrl, type ReadS3Object } from './templateUrl';

export const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const VALID_CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];

export function findStack(engine: StackEngine, nameOrId: string, ctx: RequestContext): StackRecord {
  const stack = nameOrId.startsWith('arn:') ? engine.stackById(nameOrId) : engine.liveStackByName(ctx.region, nameOrId);
  if (!stack) throw new AwsError('ValidationError', `Stack with id ${nameOrId} does not exist`);
  return stack;
}

export interface TemplateSource {
  readonly body: string;
  /** `bucket/key` when the template came from a TemplateURL. */
  readonly templateUrl?: string;
  readonly checked: CheckedTemplate;
}

/** The template of a request: TemplateBody (51,200 bytes at most) or TemplateURL (an S3 object of up to 1 MB), exactly one. */
export async function templateSource(form: Form, providers: ReadonlyMap<string, ResourceProvider>, readS3Object: ReadS3Object): Promise<TemplateSource> {
  const url = form.TemplateURL;
  const body = form.TemplateBody;
  if (url !== undefined && body !== undefined) throw new AwsError('ValidationError', 'Exactly one of TemplateBody or TemplateUrl must be specified.');
  if (url !== undefined) {
    if (url === '' || url.length > 1024) throw new AwsError('ValidationError', `1 validation error detected: Value '${url.slice(0, 64)}' at 'templateURL' failed to satisfy constraint: Member must have length ${url === '' ? 'greater than or equal to 1' : 'less than or equal to 1024'}`);
    const read = await readTemplateUrl(url, readS3Object);
    return { body: read.body, templateUrl: `${read.location.bucket}/${read.location.key}`, checked: checkTemplate(read.body, providers, MAX_TEMPLATE_URL_BYTES) };
  }
  if (body === undefined || body === '') throw new AwsError('ValidationError', 'Either Template URL or Template Body must be specified.');
  return { body, checked: checkTemplate(body, providers) };
}

export function givenParameters(form: Form): GivenParameter[] {
  return structureMembers(form, 'Parameters').map((member) => ({
    ParameterKey: member.ParameterKey ?? '',
    ...(member.ParameterValue !== undefined ? { ParameterValue: member.ParameterValue } : {}),
    ...(member.UsePreviousValue === 'true' ? { UsePreviousValue: true } : {}),
  }));
}

export function checkCapabilities(checked: CheckedTemplate, form: Form): string[] {
  const granted = stringMembers(form, 'Capabilities');
  const invalid = granted.filter((capability) => !VALID_CAPABILITIES.includes(capability));
  if (invalid.length > 0) throw new AwsError('ValidationError', `1 validation error detected: Value '[${invalid.join(', ')}]' at 'capabilities' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [CAPABILITY_AUTO_EXPAND, CAPABILITY_NAMED_IAM, CAPABILITY_IAM]]`);
  const missing = missingCapabilities(checked.capabilities, granted);
  if (missing.length > 0) throw new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${missing.join(', ')}]`);
  return granted;
}

export function tagsOf(form: Form): { Key: string; Value: string }[] {
  return structureMembers(form, 'Tags').map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
}

/** TimeoutInMinutes is an integer of at least 1 (the model's TimeoutMinutes shape). */
export function timeoutOf(form: Form): number | undefined {
  const text = form.TimeoutInMinutes;
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim())) throw new AwsError('ValidationError', `1 validation error detected: Value '${text}' at 'timeoutInMinutes' failed to satisfy constraint: Member must be an integer`);
  if (value < 1) throw new AwsError('ValidationError', `1 validation error detected: Value '${value}' at 'timeoutInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  return value;
}

export function templateParameters(checked: CheckedTemplate, detailed: boolean): XmlValue {
  return Object.entries(checked.template.Parameters ?? {}).map(([key, parameter]) => ({
    ParameterKey: key,
    DefaultValue: parameter.Default === undefined ? undefined : String(parameter.Default),
    ...(detailed ? { ParameterType: parameter.Type } : {}),
    NoEcho: parameter.NoEcho === true || parameter.NoEcho === 'true',
    Description: parameter.Description,
    ...(detailed ? { ParameterConstraints: parameter.AllowedValues ? { AllowedValues: parameter.AllowedValues.map(String) } : {} } : {}),
  }));
}

/** Puts a new template and parameters on a stack and starts the update (UpdateStack, ExecuteChangeSet). */
export function beginUpdate(engine: StackEngine, stack: StackRecord, source: TemplateSource, resolved: ResolvedParameters, capabilities: string[], accountId: string): void {
  const snapshot = { templateBody: stack.templateBody, parameters: stack.parameters, description: stack.description, outputs: stack.outputs, resources: JSON.parse(JSON.stringify(stack.resources)) as StackRecord['resources'] };
  Object.assign(stack, {
    templateBody: source.body,
    templateUrl: source.templateUrl,
    parameters: resolved.stackParameters,
    capabilities,
    description: typeof source.checked.template.Description === 'string' ? source.checked.template.Description : undefined,
  });
  engine.startUpdate(stack, source.checked.template, new Map([...pseudoParameters(stack, accountId), ...resolved.values]), snapshot);
}
