// CloudFormation operations keyed by their AWS names: input checks, stack lookup and XML results.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../http/AwsError';
import type { XmlValue } from '../../http/awsQuery';
import type { OperationTable, RequestContext } from '../../http/types';
import { booleanField, requiredField, stringMembers, structureMembers, type Form } from './queryInput';
import type { ResourceProvider } from './resources/ResourceProvider';
import type { StackEngine } from './StackEngine';
import type { StackStore } from './StackStore';
import type { StackRecord } from './StackRecord';
import { pseudoParameters } from './stackScope';
import { page, resourceSummaryView, stackEventView, stackResourceView, stackSummaryView, stackView } from './stackViews';
import { capabilitiesReason, checkTemplate, missingCapabilities, type CheckedTemplate } from './templateSummary';
import { resolveParameters, type GivenParameter } from './template/resolveParameters';

export interface CloudFormationDependencies {
  readonly engine: StackEngine;
  /** The stack indexes: by id and by live name per region. */
  readonly stacks: StackStore;
  readonly providers: ReadonlyMap<string, ResourceProvider>;
  /** Reads an SSM parameter (for AWS::SSM::Parameter::Value<...> parameters) in a region. */
  readonly readSsmParameter: (name: string, region: string) => string | undefined;
}

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const VALID_CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];

export function cloudFormationOperations(deps: CloudFormationDependencies): OperationTable {
  const { engine, providers } = deps;

  const findStack = (nameOrId: string, ctx: RequestContext): StackRecord => {
    const stack = nameOrId.startsWith('arn:')
      ? deps.stacks.byId(nameOrId)
      : deps.stacks.liveByName(ctx.region, nameOrId);
    if (!stack) throw new AwsError('ValidationError', `Stack with id ${nameOrId} does not exist`);
    return stack;
  };

  const templateBodyOf = (form: Form): string => {
    if (form.TemplateURL !== undefined) throw new AwsError('ValidationError', 'TemplateURL is not available in the lab; pass the template with TemplateBody (the AWS CLI does this for --template-body file://...).');
    const body = form.TemplateBody;
    if (body === undefined || body === '') throw new AwsError('ValidationError', 'Either Template URL or Template Body must be specified.');
    return body;
  };

  const givenParameters = (form: Form): GivenParameter[] =>
    structureMembers(form, 'Parameters').map((member) => ({
      ParameterKey: member.ParameterKey ?? '',
      ...(member.ParameterValue !== undefined ? { ParameterValue: member.ParameterValue } : {}),
      ...(member.UsePreviousValue === 'true' ? { UsePreviousValue: true } : {}),
    }));

  const checkCapabilities = (checked: CheckedTemplate, form: Form): string[] => {
    const granted = stringMembers(form, 'Capabilities');
    const invalid = granted.filter((capability) => !VALID_CAPABILITIES.includes(capability));
    if (invalid.length > 0) throw new AwsError('ValidationError', `1 validation error detected: Value '[${invalid.join(', ')}]' at 'capabilities' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [CAPABILITY_AUTO_EXPAND, CAPABILITY_NAMED_IAM, CAPABILITY_IAM]]`);
    const missing = missingCapabilities(checked.capabilities, granted);
    if (missing.length > 0) throw new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${missing.join(', ')}]`);
    return granted;
  };

  const templateParameters = (checked: CheckedTemplate, detailed: boolean): XmlValue =>
    Object.entries(checked.template.Parameters ?? {}).map(([key, parameter]) => ({
      ParameterKey: key,
      DefaultValue: parameter.Default === undefined ? undefined : String(parameter.Default),
      ...(detailed ? { ParameterType: parameter.Type } : {}),
      NoEcho: parameter.NoEcho === true || parameter.NoEcho === 'true',
      Description: parameter.Description,
      ...(detailed ? { ParameterConstraints: parameter.AllowedValues ? { AllowedValues: parameter.AllowedValues.map(String) } : {} } : {}),
    }));

  return {
    async CreateStack(form: Form, ctx: RequestContext): Promise<XmlValue> {
      const stackName = requiredField(form, 'StackName', 'stackName');
      if (!STACK_NAME.test(stackName)) throw new AwsError('ValidationError', `1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`);
      const body = templateBodyOf(form);
      if (deps.stacks.liveByName(ctx.region, stackName)) {
        throw new AwsError('AlreadyExistsException', `Stack [${stackName}] already exists`);
      }
      const checked = checkTemplate(body, providers);
      const stackId = `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${stackName}/${randomUUID()}`;
      const resolved = resolveParameters(checked.template.Parameters ?? {}, givenParameters(form), [], (name) => deps.readSsmParameter(name, ctx.region));
      const capabilities = checkCapabilities(checked, form);
      const onFailure = form.OnFailure ?? (booleanField(form, 'DisableRollback') ? 'DO_NOTHING' : 'ROLLBACK');
      if (!['ROLLBACK', 'DELETE', 'DO_NOTHING'].includes(onFailure)) throw new AwsError('ValidationError', `1 validation error detected: Value '${onFailure}' at 'onFailure' failed to satisfy constraint: Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]`);
      if (form.OnFailure !== undefined && form.DisableRollback !== undefined) throw new AwsError('ValidationError', 'You may not specify both OnFailure and DisableRollback.');
      const stack: StackRecord = {
        stackId,
        stackName,
        region: ctx.region,
        ...(typeof checked.template.Description === 'string' ? { description: checked.template.Description } : {}),
        templateBody: body,
        parameters: resolved.stackParameters,
        capabilities,
        tags: structureMembers(form, 'Tags').map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' })),
        status: 'CREATE_IN_PROGRESS',
        disableRollback: onFailure === 'DO_NOTHING',
        onFailure: onFailure as StackRecord['onFailure'],
        ...(form.TimeoutInMinutes !== undefined ? { timeoutInMinutes: Number(form.TimeoutInMinutes) } : {}),
        creationTime: ctx.now().toISOString(),
        outputs: [],
        resources: {},
        events: [],
      };
      engine.startCreate(stack, checked.template, new Map([...pseudoParameters(stack, ctx.accountId), ...resolved.values]));
      await engine.persisted();
      return { StackId: stackId };
    },

    async UpdateStack(form: Form, ctx: RequestContext): Promise<XmlValue> {
      const stack = findStack(requiredField(form, 'StackName', 'stackName'), ctx);
      if (!['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'].includes(stack.status)) {
        throw new AwsError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
      }
      const body = booleanField(form, 'UsePreviousTemplate') ? stack.templateBody : templateBodyOf(form);
      const checked = checkTemplate(body, providers);
      const resolved = resolveParameters(checked.template.Parameters ?? {}, givenParameters(form), stack.parameters, (name) => deps.readSsmParameter(name, ctx.region));
      const capabilities = checkCapabilities(checked, form);
      if (body === stack.templateBody && JSON.stringify(resolved.stackParameters) === JSON.stringify(stack.parameters)) {
        throw new AwsError('ValidationError', 'No updates are to be performed.');
      }
      const snapshot = { templateBody: stack.templateBody, parameters: stack.parameters, description: stack.description, outputs: stack.outputs, resources: JSON.parse(JSON.stringify(stack.resources)) as StackRecord['resources'] };
      Object.assign(stack, { templateBody: body, parameters: resolved.stackParameters, capabilities, description: typeof checked.template.Description === 'string' ? checked.template.Description : undefined });
      engine.startUpdate(stack, checked.template, new Map([...pseudoParameters(stack, ctx.accountId), ...resolved.values]), snapshot);
      await engine.persisted();
      return { StackId: stack.stackId };
    },

    async DeleteStack(form: Form, ctx: RequestContext): Promise<XmlValue> {
      const nameOrId = requiredField(form, 'StackName', 'stackName');
      let stack: StackRecord;
      try {
        stack = findStack(nameOrId, ctx);
      } catch {
        return undefined; // CloudFormation answers success for a stack that does not exist.
      }
      if (stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return undefined;
      if (stack.status.endsWith('_IN_PROGRESS')) throw new AwsError('ValidationError', `Stack [${stack.stackName}] cannot be deleted while in status ${stack.status}`);
      engine.startDelete(stack);
      await engine.persisted();
      return undefined;
    },

    DescribeStacks(form: Form, ctx: RequestContext): XmlValue {
      const stacks = form.StackName !== undefined ? [findStack(form.StackName, ctx)] : engine.stacks.filter((stack) => stack.region === ctx.region && stack.status !== 'DELETE_COMPLETE').reverse();
      const result = page(stacks, form.NextToken, 100);
      return { Stacks: result.items.map(stackView), NextToken: result.nextToken };
    },

    ListStacks(form: Form, ctx: RequestContext): XmlValue {
      const filter = stringMembers(form, 'StackStatusFilter');
      const stacks = engine.stacks.filter((stack) => stack.region === ctx.region && (filter.length === 0 || filter.includes(stack.status))).reverse();
      const result = page(stacks, form.NextToken, 100);
      return { StackSummaries: result.items.map(stackSummaryView), NextToken: result.nextToken };
    },

    DescribeStackEvents(form: Form, ctx: RequestContext): XmlValue {
      const stack = findStack(requiredField(form, 'StackName', 'stackName'), ctx);
      const result = page([...stack.events].reverse(), form.NextToken, 100);
      return { StackEvents: result.items.map((event) => stackEventView(stack, event)), NextToken: result.nextToken };
    },

    DescribeStackResources(form: Form, ctx: RequestContext): XmlValue {
      let stack: StackRecord;
      if (form.StackName !== undefined) stack = findStack(form.StackName, ctx);
      else if (form.PhysicalResourceId !== undefined) {
        const owner = engine.stacks.find((candidate) => candidate.status !== 'DELETE_COMPLETE' && Object.values(candidate.resources).some((resource) => resource.physicalId === form.PhysicalResourceId));
        if (!owner) throw new AwsError('ValidationError', `Stack for ${form.PhysicalResourceId} does not exist`);
        stack = owner;
      } else throw new AwsError('ValidationError', 'Either StackName or PhysicalResourceId must be specified.');
      const resources = Object.values(stack.resources).filter((resource) => resource.status !== 'DELETE_COMPLETE' && (form.LogicalResourceId === undefined || resource.logicalId === form.LogicalResourceId));
      return { StackResources: resources.map((resource) => stackResourceView(stack, resource)) };
    },

    ListStackResources(form: Form, ctx: RequestContext): XmlValue {
      const stack = findStack(requiredField(form, 'StackName', 'stackName'), ctx);
      const resources = Object.values(stack.resources).filter((resource) => stack.status === 'DELETE_COMPLETE' || resource.status !== 'DELETE_COMPLETE');
      const result = page(resources, form.NextToken, 100);
      return { StackResourceSummaries: result.items.map(resourceSummaryView), NextToken: result.nextToken };
    },

    GetTemplate(form: Form, ctx: RequestContext): XmlValue {
      const stack = findStack(requiredField(form, 'StackName', 'stackName'), ctx);
      return { TemplateBody: stack.templateBody, StagesAvailable: ['Original', 'Processed'] };
    },

    GetTemplateSummary(form: Form, ctx: RequestContext): XmlValue {
      const body = form.StackName !== undefined ? findStack(form.StackName, ctx).templateBody : templateBodyOf(form);
      const checked = checkTemplate(body, providers);
      return {
        Parameters: templateParameters(checked, true),
        Description: checked.template.Description,
        Capabilities: checked.capabilities,
        CapabilitiesReason: capabilitiesReason(checked),
        ResourceTypes: [...new Set(Object.values(checked.template.Resources).map((resource) => resource.Type ?? ''))],
        Version: String(checked.template.AWSTemplateFormatVersion ?? '2010-09-09'),
        Metadata: checked.template.Metadata === undefined ? undefined : JSON.stringify(checked.template.Metadata),
        DeclaredTransforms: [],
        ResourceIdentifierSummaries: [],
      };
    },

    ValidateTemplate(form: Form): XmlValue {
      const checked = checkTemplate(templateBodyOf(form), providers);
      return {
        Parameters: templateParameters(checked, false),
        Description: checked.template.Description,
        Capabilities: checked.capabilities,
        CapabilitiesReason: capabilitiesReason(checked),
        DeclaredTransforms: [],
      };
    },
  };
}
