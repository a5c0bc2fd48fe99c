// AWS::CloudFormation::Stack: a child stack read from TemplateURL, its parameters passed down and its outputs up.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../http/AwsError';
import { generatedName } from '../../ec2/ec2Ids';
import type { StackEngine } from '../StackEngine';
import type { StackRecord } from '../StackRecord';
import { beginUpdate } from '../stackRequests';
import { pseudoParameters } from '../stackScope';
import { missingCapabilities, checkTemplate } from '../templateSummary';
import { resolveParameters, type GivenParameter } from '../template/resolveParameters';
import { MAX_TEMPLATE_URL_BYTES, readTemplateUrl, type ReadS3Object } from '../templateUrl';
import { ResourceFailure, requiredString, type CreateRequest, type ProvisionedResource, type ResourceProvider } from './ResourceProvider';

export interface NestedStackDependencies {
  /** Bound once the engine exists (the engine is built from the providers, this one among them). */
  readonly engine: () => StackEngine;
  readonly providers: () => ReadonlyMap<string, ResourceProvider>;
  readonly readS3Object: ReadS3Object;
  readonly readSsmParameter: (name: string, region: string) => string | undefined;
  readonly now: () => Date;
}

/** How a TemplateURL is remembered on a stack, to find a template nested inside itself. */
function templateKey(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

export function nestedStackProvider(deps: NestedStackDependencies): ResourceProvider {
  const stackById = (stackId: string) => deps.engine().stacks.find((stack) => stack.stackId === stackId);

  const failure = (error: unknown): ResourceFailure => (error instanceof AwsError ? new ResourceFailure(error.message) : error instanceof ResourceFailure ? error : new ResourceFailure(String(error)));

  async function create(request: CreateRequest): Promise<ProvisionedResource> {
    const parent = stackById(request.stackId);
    if (!parent) throw new ResourceFailure(`Stack ${request.stackId} is not available to hold a nested stack.`);
    const url = requiredString(request, 'TemplateURL');
    let body: string;
    let key: string;
    try {
      const read = await readTemplateUrl(url, deps.readS3Object);
      body = read.body;
      key = templateKey(read.location.bucket, read.location.key);
    } catch (error) {
      throw failure(error);
    }
    // A template that appears among its own ancestors would nest without end.
    for (let ancestor: StackRecord | undefined = parent; ancestor; ancestor = ancestor.parentId === undefined ? undefined : stackById(ancestor.parentId)) {
      if (ancestor.templateUrl === key) throw new ResourceFailure(`Circular nested stack reference: the template at ${url} is already used by stack ${ancestor.stackName} above this one; a nested stack cannot contain itself.`);
    }
    const given = parametersOf(request);
    let checked;
    let resolved;
    try {
      checked = checkTemplate(body, deps.providers(), MAX_TEMPLATE_URL_BYTES);
      resolved = resolveParameters(checked.template.Parameters ?? {}, given, [], (name) => deps.readSsmParameter(name, request.region));
    } catch (error) {
      throw failure(error);
    }
    const missing = missingCapabilities(checked.capabilities, parent.capabilities);
    if (missing.length > 0) throw new ResourceFailure(`Requires capabilities : [${missing.join(', ')}]`);
    const stackName = generatedName(parent.stackName, request.logicalId, 128);
    const timeout = request.properties.TimeoutInMinutes;
    const child: StackRecord = {
      stackId: `arn:aws:cloudformation:${request.region}:${request.accountId}:stack/${stackName}/${randomUUID()}`,
      stackName,
      parentId: parent.stackId,
      rootId: parent.rootId ?? parent.stackId,
      templateUrl: key,
      region: request.region,
      ...(typeof checked.template.Description === 'string' ? { description: checked.template.Description } : {}),
      templateBody: body,
      parameters: resolved.stackParameters,
      capabilities: [...parent.capabilities],
      tags: parent.tags.map((tag) => ({ ...tag })),
      status: 'CREATE_IN_PROGRESS',
      disableRollback: parent.disableRollback,
      onFailure: parent.onFailure === 'DO_NOTHING' ? 'DO_NOTHING' : 'ROLLBACK',
      ...(timeout !== undefined ? { timeoutInMinutes: Number(timeout) } : {}),
      creationTime: deps.now().toISOString(),
      outputs: [],
      resources: {},
      events: [],
    };
    deps.engine().startCreate(child, checked.template, new Map([...pseudoParameters(child, request.accountId), ...resolved.values]));
    return { physicalId: child.stackId, attributes: {} };
  }

  /** Updates the child stack in place with the template and parameters the parent now names. */
  async function update(resource: ProvisionedResource, request: CreateRequest): Promise<ProvisionedResource> {
    const engine = deps.engine();
    const child = stackById(resource.physicalId);
    if (!child) throw new ResourceFailure(`Embedded stack ${resource.physicalId} does not exist any more.`);
    const url = requiredString(request, 'TemplateURL');
    let source;
    let resolved;
    try {
      const read = await readTemplateUrl(url, deps.readS3Object);
      source = { body: read.body, templateUrl: templateKey(read.location.bucket, read.location.key), checked: checkTemplate(read.body, deps.providers(), MAX_TEMPLATE_URL_BYTES) };
      resolved = resolveParameters(source.checked.template.Parameters ?? {}, parametersOf(request), child.parameters, (name) => deps.readSsmParameter(name, request.region));
    } catch (error) {
      throw failure(error);
    }
    const outputs = () => Object.fromEntries(child.outputs.map((output) => [`Outputs.${output.OutputKey}`, output.OutputValue]));
    if (source.body === child.templateBody && JSON.stringify(resolved.stackParameters) === JSON.stringify(child.parameters)) return { physicalId: child.stackId, attributes: outputs() };
    beginUpdate(engine, child, source, resolved, child.capabilities, request.accountId);
    await engine.settled(child.stackId);
    const after: string = child.status;
    if (after !== 'UPDATE_COMPLETE') throw new ResourceFailure(`Embedded stack ${child.stackId} was not successfully updated. Currently in ${after}.`);
    return { physicalId: child.stackId, attributes: outputs() };
  }

  return {
    createMs: 0,
    deleteMs: 0,
    attributes: [],
    acceptsAttribute: (name) => /^Outputs\.[A-Za-z0-9]+$/.test(name),
    create,
    update,
    async stabilize(resource) {
      await deps.engine().settled(resource.physicalId);
      const child = stackById(resource.physicalId);
      if (child?.status !== 'CREATE_COMPLETE' && child?.status !== 'UPDATE_COMPLETE') {
        throw new ResourceFailure(`Embedded stack ${resource.physicalId} was not successfully created: ${child ? failureReason(child) : 'the stack no longer exists.'}`);
      }
      return Object.fromEntries(child.outputs.map((output) => [`Outputs.${output.OutputKey}`, output.OutputValue]));
    },
    async delete(resource) {
      const engine = deps.engine();
      await engine.settled(resource.physicalId);
      const child = stackById(resource.physicalId);
      if (!child || child.status === 'DELETE_COMPLETE') return;
      engine.startDelete(child);
      await engine.settled(child.stackId);
      const after: string = child.status;
      if (after !== 'DELETE_COMPLETE') throw new ResourceFailure(`Embedded stack ${child.stackId} was not successfully deleted: ${child.statusReason ?? ''}`);
    },
  };
}

/** Why a child stack failed: the reason its own CREATE_FAILED or ROLLBACK_IN_PROGRESS event gave. */
function failureReason(child: StackRecord): string {
  const event = [...child.events].reverse().find((candidate) => candidate.physicalId === child.stackId && (candidate.status === 'CREATE_FAILED' || candidate.status === 'ROLLBACK_IN_PROGRESS'));
  return (event?.reason ?? child.statusReason ?? '').replace(/Rollback requested by user\.$/, '');
}

/** Parameters: a map of strings (lists joined with commas, numbers as text), as CloudFormation passes them to the child. */
function parametersOf(request: CreateRequest): GivenParameter[] {
  const value = request.properties.Parameters;
  if (value === undefined) return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message:\n#/Parameters: expected type: JSONObject, found: ${Array.isArray(value) ? 'JSONArray' : typeof value}`);
  }
  return Object.entries(value as Record<string, unknown>).map(([key, item]) => ({ ParameterKey: key, ParameterValue: Array.isArray(item) ? item.map(String).join(',') : String(item) }));
}
