// Change sets keyed by their AWS names (what `aws cloudformation deploy` uses): create, describe, execute, delete, list.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../http/AwsError';
import type { XmlValue } from '../../http/awsQuery';
import type { OperationTable, RequestContext } from '../../http/types';
import type { CloudFormationDependencies } from './cloudFormationOperations';
import { booleanField, requiredField, type Form } from './queryInput';
import type { ChangeSetRecord, StackRecord } from './StackRecord';
import { beginUpdate, checkCapabilities, findStack, givenParameters, STACK_NAME, tagsOf, templateSource, type TemplateSource } from './stackRequests';
import { pseudoParameters } from './stackScope';
import { checkTemplate } from './templateSummary';
import { resolveParameters } from './template/resolveParameters';
import { parseTemplate } from './template/parseTemplate';
import type { Template } from './template/Template';
import { MAX_TEMPLATE_URL_BYTES } from './templateUrl';

const CHANGE_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

/** Resources added, modified (declaration changed) or removed, compared with what the stack has. */
function changesOf(stack: StackRecord, template: Template): ChangeSetRecord['changes'] {
  let before: Template | undefined;
  try {
    before = stack.templateBody === '' ? undefined : parseTemplate(stack.templateBody, MAX_TEMPLATE_URL_BYTES);
  } catch {
    before = undefined;
  }
  const changes: ChangeSetRecord['changes'] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const existing = stack.resources[logicalId];
    const live = existing !== undefined && existing.status !== 'DELETE_COMPLETE';
    if (!live) changes.push({ action: 'Add', logicalId, resourceType: resource.Type ?? '' });
    else if (JSON.stringify(before?.Resources[logicalId]) !== JSON.stringify(resource)) changes.push({ action: 'Modify', logicalId, resourceType: resource.Type ?? '', ...(existing.physicalId ? { physicalId: existing.physicalId } : {}) });
  }
  for (const [logicalId, existing] of Object.entries(stack.resources)) {
    if (!Object.hasOwn(template.Resources, logicalId) && existing.status !== 'DELETE_COMPLETE') changes.push({ action: 'Remove', logicalId, resourceType: existing.type, ...(existing.physicalId ? { physicalId: existing.physicalId } : {}) });
  }
  return changes;
}

function changeSetView(stack: StackRecord, changeSet: ChangeSetRecord): XmlValue {
  return {
    ChangeSetName: changeSet.changeSetName,
    ChangeSetId: changeSet.changeSetId,
    StackId: stack.stackId,
    StackName: stack.stackName,
    Description: changeSet.description,
    Parameters: changeSet.parameters.map((parameter) => ({ ...parameter })),
    CreationTime: changeSet.creationTime,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
    NotificationARNs: [],
    RollbackConfiguration: {},
    Capabilities: changeSet.capabilities,
    Tags: changeSet.tags.map((tag) => ({ ...tag })),
    Changes: changeSet.changes.map((change) => ({
      Type: 'Resource',
      ResourceChange: {
        Action: change.action,
        LogicalResourceId: change.logicalId,
        PhysicalResourceId: change.physicalId,
        ResourceType: change.resourceType,
        ...(change.action === 'Modify' ? { Replacement: 'Conditional' } : {}),
        Scope: [],
        Details: [],
      },
    })),
    IncludeNestedStacks: false,
  };
}

export function changeSetOperations(deps: CloudFormationDependencies): OperationTable {
  const { engine, providers } = deps;

  /** ChangeSetName is a name (with StackName) or a change set ARN. */
  const findChangeSet = (form: Form, ctx: RequestContext): { stack: StackRecord; changeSet: ChangeSetRecord } => {
    const nameOrId = requiredField(form, 'ChangeSetName', 'changeSetName');
    const stacks = nameOrId.startsWith('arn:') ? engine.stacks : form.StackName !== undefined ? [safeFind(form.StackName, ctx)].filter((stack): stack is StackRecord => stack !== undefined) : [];
    if (!nameOrId.startsWith('arn:') && form.StackName === undefined) throw new AwsError('ValidationError', 'StackName must be specified if ChangeSetName is not specified as an ARN.');
    for (const stack of stacks) {
      const changeSet = stack.changeSets?.find((candidate) => candidate.changeSetId === nameOrId || candidate.changeSetName === nameOrId);
      if (changeSet) return { stack, changeSet };
    }
    throw new AwsError('ChangeSetNotFound', `ChangeSet [${nameOrId}] does not exist`, { status: 404 });
  };

  const safeFind = (nameOrId: string, ctx: RequestContext): StackRecord | undefined => {
    try {
      return findStack(engine, nameOrId, ctx);
    } catch {
      return undefined;
    }
  };

  return {
    async CreateChangeSet(form: Form, ctx: RequestContext): Promise<XmlValue> {
      const stackName = requiredField(form, 'StackName', 'stackName');
      const changeSetName = requiredField(form, 'ChangeSetName', 'changeSetName');
      if (!CHANGE_SET_NAME.test(changeSetName)) throw new AwsError('ValidationError', `1 validation error detected: Value '${changeSetName}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
      const type = form.ChangeSetType ?? 'UPDATE';
      // Values outside the model's enum were refused by the input constraints; IMPORT is valid on AWS but the lab adopts no existing resources.
      if (type !== 'CREATE' && type !== 'UPDATE') throw new AwsError('ValidationError', `The lab cannot create a change set of type ${type}; use ChangeSetType CREATE or UPDATE.`);
      const existing = safeFind(stackName, ctx);
      if (type === 'CREATE' && existing && existing.status !== 'REVIEW_IN_PROGRESS') throw new AwsError('AlreadyExistsException', `Stack [${stackName}] already exists and cannot be created again with the changeSet [${changeSetName}].`);
      if (type === 'UPDATE' && (!existing || existing.status === 'REVIEW_IN_PROGRESS')) throw new AwsError('ValidationError', `Stack [${stackName}] does not exist`);
      if (type === 'CREATE' && !STACK_NAME.test(stackName)) throw new AwsError('ValidationError', `1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
      if (existing?.changeSets?.some((changeSet) => changeSet.changeSetName === changeSetName)) throw new AwsError('AlreadyExistsException', `ChangeSet ${changeSetName} already exists.`);
      const source: TemplateSource = booleanField(form, 'UsePreviousTemplate') && existing
        ? { body: existing.templateBody, templateUrl: existing.templateUrl, checked: checkTemplate(existing.templateBody, providers, MAX_TEMPLATE_URL_BYTES) }
        : await templateSource(form, providers, deps.readS3Object);
      const resolved = resolveParameters(source.checked.template.Parameters ?? {}, givenParameters(form), type === 'UPDATE' ? (existing?.parameters ?? []) : [], (name) => deps.readSsmParameter(name, ctx.region));
      const capabilities = checkCapabilities(source.checked, form);
      const stack: StackRecord = existing ?? {
        stackId: `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${stackName}/${randomUUID()}`,
        stackName,
        region: ctx.region,
        templateBody: '',
        parameters: [],
        capabilities: [],
        tags: tagsOf(form),
        status: 'REVIEW_IN_PROGRESS',
        disableRollback: false,
        onFailure: 'ROLLBACK',
        creationTime: ctx.now().toISOString(),
        outputs: [],
        resources: {},
        events: [],
      };
      const unchanged = type === 'UPDATE' && source.body === stack.templateBody && JSON.stringify(resolved.stackParameters) === JSON.stringify(stack.parameters);
      const changeSet: ChangeSetRecord = {
        changeSetId: `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:changeSet/${changeSetName}/${randomUUID()}`,
        changeSetName,
        changeSetType: type,
        ...(form.Description !== undefined ? { description: form.Description } : {}),
        creationTime: ctx.now().toISOString(),
        templateBody: source.body,
        ...(source.templateUrl !== undefined ? { templateUrl: source.templateUrl } : {}),
        parameters: resolved.stackParameters,
        capabilities,
        tags: tagsOf(form),
        status: unchanged ? 'FAILED' : 'CREATE_COMPLETE',
        ...(unchanged ? { statusReason: NO_CHANGES } : {}),
        executionStatus: unchanged ? 'UNAVAILABLE' : 'AVAILABLE',
        changes: unchanged ? [] : changesOf(stack, source.checked.template),
      };
      stack.changeSets = [...(stack.changeSets ?? []), changeSet];
      if (existing) engine.touched(stack);
      else engine.addForReview(stack);
      await engine.persisted();
      return { Id: changeSet.changeSetId, StackId: stack.stackId };
    },

    DescribeChangeSet(form: Form, ctx: RequestContext): XmlValue {
      const { stack, changeSet } = findChangeSet(form, ctx);
      return changeSetView(stack, changeSet);
    },

    ListChangeSets(form: Form, ctx: RequestContext): XmlValue {
      const stack = findStack(engine, requiredField(form, 'StackName', 'stackName'), ctx);
      return {
        Summaries: (stack.changeSets ?? []).map((changeSet) => ({
          StackId: stack.stackId,
          StackName: stack.stackName,
          ChangeSetId: changeSet.changeSetId,
          ChangeSetName: changeSet.changeSetName,
          ExecutionStatus: changeSet.executionStatus,
          Status: changeSet.status,
          StatusReason: changeSet.statusReason,
          CreationTime: changeSet.creationTime,
          Description: changeSet.description,
          IncludeNestedStacks: false,
        })),
      };
    },

    async DeleteChangeSet(form: Form, ctx: RequestContext): Promise<XmlValue> {
      const { stack, changeSet } = findChangeSet(form, ctx);
      if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') throw new AwsError('InvalidChangeSetStatus', `Cannot delete ChangeSet in status ${changeSet.executionStatus}`);
      stack.changeSets = (stack.changeSets ?? []).filter((candidate) => candidate !== changeSet);
      engine.touched(stack);
      await engine.persisted();
      return {};
    },

    async ExecuteChangeSet(form: Form, ctx: RequestContext): Promise<XmlValue> {
      const { stack, changeSet } = findChangeSet(form, ctx);
      if (changeSet.executionStatus !== 'AVAILABLE') throw new AwsError('InvalidChangeSetStatus', `ChangeSet [${changeSet.changeSetId}] cannot be executed in its current status of [${changeSet.executionStatus}]`);
      const source: TemplateSource = { body: changeSet.templateBody, ...(changeSet.templateUrl !== undefined ? { templateUrl: changeSet.templateUrl } : {}), checked: checkTemplate(changeSet.templateBody, providers, MAX_TEMPLATE_URL_BYTES) };
      const resolved = resolveParameters(source.checked.template.Parameters ?? {}, changeSet.parameters.map((parameter) => ({ ParameterKey: parameter.ParameterKey, ParameterValue: parameter.ParameterValue })), [], (name) => deps.readSsmParameter(name, ctx.region));
      // Executing one change set makes the stack's other change sets obsolete.
      for (const other of stack.changeSets ?? []) if (other !== changeSet) other.executionStatus = 'OBSOLETE';
      changeSet.executionStatus = 'EXECUTE_COMPLETE';
      const disableRollback = booleanField(form, 'DisableRollback') === true;
      if (changeSet.changeSetType === 'CREATE') {
        Object.assign(stack, {
          templateBody: source.body,
          templateUrl: source.templateUrl,
          parameters: resolved.stackParameters,
          capabilities: changeSet.capabilities,
          tags: changeSet.tags,
          disableRollback,
          onFailure: disableRollback ? 'DO_NOTHING' : 'ROLLBACK',
          description: typeof source.checked.template.Description === 'string' ? source.checked.template.Description : undefined,
        });
        engine.startCreate(stack, source.checked.template, new Map([...pseudoParameters(stack, ctx.accountId), ...resolved.values]));
      } else {
        if (!['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'].includes(stack.status)) {
          throw new AwsError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
        }
        beginUpdate(engine, stack, source, resolved, changeSet.capabilities, ctx.accountId);
      }
      await engine.persisted();
      return {};
    },
  };
}
