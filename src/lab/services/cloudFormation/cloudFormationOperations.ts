// CloudFormation operations keyed by their AWS names: input checks, stack lookup and XML results.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../http/AwsError';
import type { XmlValue } from '../../http/awsQuery';
import type { OperationTable, RequestContext } from '../../http/types';
import { changeSetOperations } from './changeSetOperations';
import { booleanField, requiredField, stringMembers, type Form } from './queryInput';
import type { ResourceProvider } from './resources/ResourceProvider';
import type { StackEngine } from './StackEngine';
import type { StackRecord } from './StackRecord';
import { beginUpdate, checkCapabilities, findStack as findStackIn, givenParameters, STACK_NAME, tagsOf, templateParameters, templateSource, timeoutOf } from './stackRequests';
import { pseudoParameters } from './stackScope';
import { page, resourceSummaryView, stackEventView, stackResourceDetailView, stackResourceView, stackSummaryView, stackView } from './stackViews';
import { capabilitiesReason, checkTemplate } from './templateSummary';
import { resolveParameters } from './template/resolveParameters';
import { MAX_TEMPLATE_URL_BYTES, type ReadS3Object } from './templateUrl';

export interface CloudFormationDependencies {
  readonly engine: StackEngine;
  readonly providers: ReadonlyMap<string, ResourceProvider>;
  /** Reads an SSM parameter (for AWS::SSM::Parameter::Value<...> parameters) in a region. */
  readonly readSsmParameter: (name: string, region: string) => string | undefined;
  /** Reads a TemplateURL's object from the lab's S3. */
  readonly readS3Object: ReadS3Object;
}

const STACK_STATUSES: readonly string[] = [
  'CREATE_IN_PROGRESS', 'CREATE_FAILED', 'CREATE_COMPLETE', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_FAILED', 'ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS', 'DELETE_FAILED', 'DELETE_COMPLETE', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE',
  'UPDATE_FAILED', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_FAILED', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS', 'IMPORT_IN_PROGRESS', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_IN_PROGRESS', 'IMPORT_ROLLBACK_FAILED', 'IMPORT_ROLLBACK_COMPLETE',
];

export function cloudFormationOperations(deps: CloudFormationDependencies): OperationTable {
  const { engine, providers } = deps;
  const findStack = (nameOrId: string, ctx: RequestContext): StackRecord => findStackIn(engine, nameOrId, ctx);
  const sourceOf = (form: Form) => templateSource(form, providers, deps.readS3Object);

  return {
    ...changeSetOperations(deps),

    async CreateStack(form: Form, ctx: RequestContext): Promise<XmlValue> {
      const stackName = requiredField(form, 'StackName', 'stackName');
      if (!STACK_NAME.test(stackName)) throw new AwsError('ValidationError', `1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`);
      const timeoutInMinutes = timeoutOf(form);
      const source = await sourceOf(form);
      if (engine.liveStackByName(ctx.region, stackName)) {
        throw new AwsError('AlreadyExistsException', `Stack [${stackName}] already exists`);
      }
      const { checked, body } = source;
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
        ...(source.templateUrl !== undefined ? { templateUrl: source.templateUrl } : {}),
        parameters: resolved.stackParameters,
        capabilities,
        tags: tagsOf(form),
        status: 'CREATE_IN_PROGRESS',
        disableRollback: onFailure === 'DO_NOTHING',
        onFailure: onFailure as StackRecord['onFailure'],
        ...(timeoutInMinutes !== undefined ? { timeoutInMinutes } : {}),
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
      const source = booleanField(form, 'UsePreviousTemplate')
        ? { body: stack.templateBody, templateUrl: stack.templateUrl, checked: checkTemplate(stack.templateBody, providers, MAX_TEMPLATE_URL_BYTES) }
        : await sourceOf(form);
      const resolved = resolveParameters(source.checked.template.Parameters ?? {}, givenParameters(form), stack.parameters, (name) => deps.readSsmParameter(name, ctx.region));
      const capabilities = checkCapabilities(source.checked, form);
      if (source.body === stack.templateBody && JSON.stringify(resolved.stackParameters) === JSON.stringify(stack.parameters)) {
        throw new AwsError('ValidationError', 'No updates are to be performed.');
      }
      beginUpdate(engine, stack, source, resolved, capabilities, ctx.accountId);
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
      if (stack.status.endsWith('_IN_PROGRESS') && stack.status !== 'REVIEW_IN_PROGRESS') throw new AwsError('ValidationError', `Stack [${stack.stackName}] cannot be deleted while in status ${stack.status}`);
      engine.startDelete(stack);
      await engine.persisted();
      return undefined;
    },

    DescribeStacks(form: Form, ctx: RequestContext): XmlValue {
      const stacks = form.StackName !== undefined ? [findStack(form.StackName, ctx)] : engine.liveStacksIn(ctx.region).reverse();
      const result = page(stacks, form.NextToken, 100);
      return { Stacks: result.items.map(stackView), NextToken: result.nextToken };
    },

    ListStacks(form: Form, ctx: RequestContext): XmlValue {
      const filter = stringMembers(form, 'StackStatusFilter');
      const invalid = filter.filter((status) => !STACK_STATUSES.includes(status));
      if (invalid.length > 0) throw new AwsError('ValidationError', `1 validation error detected: Value '[${filter.join(', ')}]' at 'stackStatusFilter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${STACK_STATUSES.join(', ')}]]`);
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

    DescribeStackResource(form: Form, ctx: RequestContext): XmlValue {
      const stack = findStack(requiredField(form, 'StackName', 'stackName'), ctx);
      const logicalId = requiredField(form, 'LogicalResourceId', 'logicalResourceId');
      const resource = stack.resources[logicalId];
      if (!resource || (resource.status === 'DELETE_COMPLETE' && stack.status !== 'DELETE_COMPLETE')) throw new AwsError('ValidationError', `Resource ${logicalId} does not exist for stack ${stack.stackName}`);
      return { StackResourceDetail: stackResourceDetailView(stack, resource) };
    },

    ListStackResources(form: Form, ctx: RequestContext): XmlValue {
      const stack = findStack(requiredField(form, 'StackName', 'stackName'), ctx);
      const resources = Object.values(stack.resources).filter((resource) => stack.status === 'DELETE_COMPLETE' || resource.status !== 'DELETE_COMPLETE');
      const result = page(resources, form.NextToken, 100);
      return { StackResourceSummaries: result.items.map(resourceSummaryView), NextToken: result.nextToken };
    },

    GetTemplate(form: Form, ctx: RequestContext): XmlValue {
      const stage = form.TemplateStage;
      if (stage !== undefined && stage !== 'Original' && stage !== 'Processed') throw new AwsError('ValidationError', `1 validation error detected: Value '${stage}' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: [Original, Processed]`);
      const stack = findStack(requiredField(form, 'StackName', 'stackName'), ctx);
      return { TemplateBody: stack.templateBody, StagesAvailable: ['Original', 'Processed'] };
    },

    async GetTemplateSummary(form: Form, ctx: RequestContext): Promise<XmlValue> {
      const checked = form.StackName !== undefined ? checkTemplate(findStack(form.StackName, ctx).templateBody, providers, MAX_TEMPLATE_URL_BYTES) : (await sourceOf(form)).checked;
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

    async ValidateTemplate(form: Form): Promise<XmlValue> {
      const { checked } = await sourceOf(form);
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
