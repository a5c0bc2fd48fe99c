// Carries stacks through create, update and delete: resources in dependency order, events, rollback, persistence.
import { randomUUID } from 'node:crypto';
import type { LabRuntime } from '../../LabRuntime';
import { ResourceFailure, type ProvisionedResource, type ResourceProvider } from './resources/ResourceProvider';
import { reverseNeeds, runInDependencyOrder } from './runInDependencyOrder';
import { activeResourceIds, createStackScope } from './stackScope';
import type { StackStore } from './StackStore';
import type { ResourceRecord, ResourceStatus, StackRecord, StackStatus, UpdateSnapshot } from './StackRecord';
import { evaluate, type EvaluationScope } from './template/evaluateIntrinsics';
import { parseTemplate } from './template/parseTemplate';
import { MAX_TEMPLATE_URL_BYTES } from './templateUrl';
import { resourceDependencies } from './template/templateReferences';
import type { Template } from './template/Template';
import { TemplateError } from './template/TemplateError';

const STACK_TYPE = 'AWS::CloudFormation::Stack';

export class StackEngine {
  readonly stacks: StackRecord[];
  private readonly running = new Set<Promise<void>>();
  /** The operation each stack is going through, so a parent can wait for its nested stacks. */
  private readonly operations = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly runtime: LabRuntime,
    private readonly store: StackStore,
    private readonly providers: ReadonlyMap<string, ResourceProvider>,
  ) {
    this.stacks = store.load();
  }

  /** A stack by its ARN (index lookup). */
  stackById(stackId: string): StackRecord | undefined {
    return this.store.byId(stackId);
  }

  /** The stack of that name in that region that is not DELETE_COMPLETE (index lookup). */
  liveStackByName(region: string, stackName: string): StackRecord | undefined {
    return this.store.liveByName(region, stackName);
  }

  /** The stacks of a region that are not DELETE_COMPLETE, oldest first (index lookup). */
  liveStacksIn(region: string): StackRecord[] {
    return this.store.liveInRegion(region);
  }

  /** After a restart: rebuild the simulation for live stacks; finish or roll back interrupted operations. */
  async restore(): Promise<void> {
    for (const stack of this.stacks) {
      if (stack.status === 'DELETE_COMPLETE') continue;
      // A nested stack caught in its parent's operation is finished by the parent (its resource rollback or delete).
      const parent = stack.parentId === undefined ? undefined : this.stacks.find((candidate) => candidate.stackId === stack.parentId);
      const parentBusy = parent !== undefined && parent.status.endsWith('_IN_PROGRESS');
      for (const resource of Object.values(stack.resources)) {
        if (resource.physicalId === undefined || resource.status.startsWith('DELETE_COMPLETE')) continue;
        await this.providers.get(resource.type)?.restore?.(provisioned(resource));
      }
      const interrupted = 'The lab stopped while this stack operation was in progress.';
      if (parentBusy || stack.status === 'REVIEW_IN_PROGRESS') continue;
      if (stack.status === 'DELETE_IN_PROGRESS') this.track(stack, this.deleteResources(stack, 'DELETE'));
      else if (stack.status === 'CREATE_IN_PROGRESS' || stack.status === 'ROLLBACK_IN_PROGRESS') this.track(stack, this.rollback(stack, interrupted, 'ROLLBACK'));
      else if (stack.status.endsWith('_IN_PROGRESS')) {
        this.stackEvent(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', interrupted);
        this.track(stack, this.rollbackUpdate(stack));
      }
    }
  }

  /** Resolves when every background operation has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    await this.store.flush();
  }

  /** Resolves once every change made so far is on disk (CreateStack, UpdateStack and DeleteStack answer after this). */
  persisted(): Promise<void> {
    return this.store.flush();
  }

  /** Stops saving (the lab is stopping); interrupted operations are rolled back on the next start. */
  async close(): Promise<void> {
    this.closed = true;
    await this.store.flush();
  }

  /** Starts creating a new stack, or one a CREATE change set put in REVIEW_IN_PROGRESS. */
  startCreate(stack: StackRecord, template: Template, names: ReadonlyMap<string, string | string[]>): void {
    if (!this.stacks.includes(stack)) this.stacks.push(stack);
    this.stackEvent(stack, 'CREATE_IN_PROGRESS', 'User Initiated');
    this.track(stack, this.create(stack, template, names));
  }

  /** A stack that exists only to hold a CREATE change set until it is executed. */
  addForReview(stack: StackRecord): void {
    this.stacks.push(stack);
    this.stackEvent(stack, 'REVIEW_IN_PROGRESS', 'User Initiated');
  }

  /** Saves a change made outside an operation (a change set created, deleted or executed). */
  touched(stack: StackRecord): void {
    this.save(stack);
  }

  startDelete(stack: StackRecord): void {
    this.stackEvent(stack, 'DELETE_IN_PROGRESS', 'User Initiated');
    this.track(stack, this.deleteResources(stack, 'DELETE'));
  }

  /** Resolves when the stack's current operation (if any) has ended. */
  async settled(stackId: string): Promise<void> {
    await this.operations.get(stackId);
  }

  /** The caller has already put the new template and parameters on the stack; `snapshot` is what it had before. */
  startUpdate(stack: StackRecord, template: Template, names: ReadonlyMap<string, string | string[]>, snapshot: UpdateSnapshot): void {
    stack.updateSnapshot = snapshot;
    stack.lastUpdatedTime = this.now();
    this.stackEvent(stack, 'UPDATE_IN_PROGRESS', 'User Initiated');
    this.track(stack, this.update(stack, template, names));
  }

  private track(stack: StackRecord, operation: Promise<void>): void {
    const guarded = operation.catch((error: unknown) => this.runtime.log(`lab: stack operation failed unexpectedly: ${error instanceof Error ? error.stack : String(error)}`));
    this.running.add(guarded);
    this.operations.set(stack.stackId, guarded);
    void guarded.finally(() => {
      this.running.delete(guarded);
      if (this.operations.get(stack.stackId) === guarded) this.operations.delete(stack.stackId);
    });
  }

  private async create(stack: StackRecord, template: Template, names: ReadonlyMap<string, string | string[]>): Promise<void> {
    const failedIds = await this.provision(stack, template, names, new Set());
    if (failedIds.length === 0) return this.complete(stack, template, names, 'CREATE_COMPLETE');
    const reason = `The following resource(s) failed to create: [${failedIds.join(', ')}]. `;
    if (stack.onFailure === 'DO_NOTHING') return this.stackEvent(stack, 'CREATE_FAILED', reason);
    await this.rollback(stack, `${reason}Rollback requested by user.`, 'ROLLBACK');
    if (stack.onFailure === 'DELETE') {
      this.stackEvent(stack, 'DELETE_IN_PROGRESS', 'User Initiated');
      await this.deleteResources(stack, 'DELETE');
    }
  }

  private async update(stack: StackRecord, template: Template, names: ReadonlyMap<string, string | string[]>): Promise<void> {
    const before = new Map(Object.entries(stack.updateSnapshot?.resources ?? {}));
    const failedIds = await this.provision(stack, template, names, new Set(before.keys()));
    if (failedIds.length > 0) {
      this.stackEvent(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', `The following resource(s) failed to update: [${failedIds.join(', ')}]. `);
      return this.rollbackUpdate(stack);
    }
    this.stackEvent(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    const keptIds = new Set(activeResourceIds(template, createStackScope(template, names, stack, this.providers)));
    for (const [id, old] of before) {
      const current = stack.resources[id];
      if (keptIds.has(id) && current?.physicalId === old.physicalId) continue;
      await this.deleteOne(stack, { ...old }, old.type);
      if (!keptIds.has(id)) delete stack.resources[id];
    }
    delete stack.updateSnapshot;
    await this.complete(stack, template, names, 'UPDATE_COMPLETE');
  }

  /** Deletes what the update created (new and replacement resources) and puts the snapshot back. */
  private async rollbackUpdate(stack: StackRecord): Promise<void> {
    const snapshot = stack.updateSnapshot;
    const before = snapshot?.resources ?? {};
    const fresh = Object.values(stack.resources).filter((record) => record.physicalId !== undefined && before[record.logicalId]?.physicalId !== record.physicalId);
    for (const record of fresh) await this.deleteOne(stack, record, record.type);
    // Resources updated in place (nested stacks) are updated back to what they were.
    for (const previous of Object.values(before)) {
      const current = stack.resources[previous.logicalId];
      const provider = this.providers.get(previous.type);
      if (!current || !provider?.update || current.physicalId !== previous.physicalId || sameJson(current.properties, previous.properties)) continue;
      if (!(await this.updateInPlace(stack, current, provider, previous.properties ?? {}))) continue;
      previous.attributes = current.attributes;
    }
    if (snapshot) {
      stack.resources = { ...snapshot.resources };
      Object.assign(stack, { templateBody: snapshot.templateBody, parameters: snapshot.parameters, description: snapshot.description, outputs: snapshot.outputs });
    }
    delete stack.updateSnapshot;
    this.stackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    this.stackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE');
  }

  /** Creates (or, when `existing` has it with other properties, replaces) each active resource; returns the failed ids. */
  private async provision(stack: StackRecord, template: Template, names: ReadonlyMap<string, string | string[]>, existing: ReadonlySet<string>): Promise<string[]> {
    const scope = createStackScope(template, names, stack, this.providers);
    let ids: string[];
    try {
      ids = activeResourceIds(template, scope);
    } catch (error) {
      this.stackEvent(stack, stack.status, errorText(error));
      return [stack.stackName];
    }
    const cancelled: string[] = [];
    let failing = false;
    const run = await runInDependencyOrder(ids, resourceDependencies(template), async (logicalId) => {
      const ok = await this.provisionOne(stack, template, scope, logicalId, existing.has(logicalId));
      if (!ok) failing = true;
      else if (failing) cancelled.push(logicalId);
      return ok;
    });
    for (const logicalId of cancelled) {
      const record = stack.resources[logicalId];
      if (record) this.resourceEvent(stack, record, existing.has(logicalId) ? 'UPDATE_FAILED' : 'CREATE_FAILED', 'Resource creation cancelled');
    }
    return run.failed;
  }

  private async provisionOne(stack: StackRecord, template: Template, scope: EvaluationScope, logicalId: string, exists: boolean): Promise<boolean> {
    const declared = template.Resources[logicalId] ?? {};
    const type = declared.Type ?? '';
    const provider = this.providers.get(type);
    const old = stack.resources[logicalId];
    let properties: Record<string, unknown>;
    try {
      properties = evaluate(declared.Properties ?? {}, scope) as Record<string, unknown>;
    } catch (error) {
      const record = old ?? this.newRecord(stack, logicalId, type);
      this.resourceEvent(stack, record, exists ? 'UPDATE_FAILED' : 'CREATE_FAILED', errorText(error));
      return false;
    }
    if (exists && old && old.type === type && sameJson(old.properties, properties)) return true;
    if (exists && old?.type === type && old.physicalId !== undefined && provider?.update) return this.updateInPlace(stack, old, provider, properties);
    const record = this.newRecord(stack, logicalId, type);
    const verb = exists ? 'UPDATE' : 'CREATE';
    this.resourceEvent(stack, record, `${verb}_IN_PROGRESS`, exists ? 'Requested update requires the creation of a new physical resource; hence creating one.' : undefined);
    try {
      if (!provider) throw new ResourceFailure(`Resource type ${type} is not supported by the lab.`);
      const created = await provider.create({ logicalId, properties, stackName: stack.stackName, stackId: stack.stackId, region: stack.region, accountId: accountOf(stack.stackId) });
      Object.assign(record, { physicalId: created.physicalId, attributes: { ...created.attributes }, state: created.state, properties });
      this.resourceEvent(stack, record, `${verb}_IN_PROGRESS`, 'Resource creation Initiated');
      await this.runtime.delay(provider.createMs);
      if (provider.stabilize) record.attributes = { ...(await provider.stabilize(provisioned(record))) };
      this.resourceEvent(stack, record, `${verb}_COMPLETE`);
      return true;
    } catch (error) {
      this.resourceEvent(stack, record, `${verb}_FAILED`, errorText(error));
      return false;
    }
  }

  /** A resource type that updates without replacement (a nested stack): same physical id, new properties. */
  private async updateInPlace(stack: StackRecord, record: ResourceRecord, provider: ResourceProvider, properties: Record<string, unknown>): Promise<boolean> {
    this.resourceEvent(stack, record, 'UPDATE_IN_PROGRESS');
    try {
      const updated = await provider.update?.(provisioned(record), { logicalId: record.logicalId, properties, stackName: stack.stackName, stackId: stack.stackId, region: stack.region, accountId: accountOf(stack.stackId) });
      Object.assign(record, { attributes: { ...updated?.attributes }, properties });
      this.resourceEvent(stack, record, 'UPDATE_COMPLETE');
      return true;
    } catch (error) {
      this.resourceEvent(stack, record, 'UPDATE_FAILED', errorText(error));
      return false;
    }
  }

  private async rollback(stack: StackRecord, reason: string, kind: 'ROLLBACK'): Promise<void> {
    this.stackEvent(stack, `${kind}_IN_PROGRESS`, reason);
    const failed = await this.deleteAll(stack);
    this.stackEvent(stack, failed.length === 0 ? `${kind}_COMPLETE` : `${kind}_FAILED`, failed.length === 0 ? undefined : `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
  }

  private async deleteResources(stack: StackRecord, _kind: 'DELETE'): Promise<void> {
    const failed = await this.deleteAll(stack);
    if (failed.length > 0) return this.stackEvent(stack, 'DELETE_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
    stack.deletionTime = this.now();
    this.stackEvent(stack, 'DELETE_COMPLETE');
  }

  /** Deletes every resource of the stack, dependents first; returns the ids that failed to delete. */
  private async deleteAll(stack: StackRecord): Promise<string[]> {
    let template: Template | undefined;
    try {
      template = parseTemplate(stack.templateBody, MAX_TEMPLATE_URL_BYTES);
    } catch {
      template = undefined;
    }
    const needs = template ? resourceDependencies(template) : new Map<string, Set<string>>();
    const ids = Object.keys(stack.resources).filter((id) => !['DELETE_COMPLETE', 'DELETE_SKIPPED'].includes(stack.resources[id]?.status ?? ''));
    const failures: string[] = [];
    await runInDependencyOrder(ids, reverseNeeds(needs), async (logicalId) => {
      const record = stack.resources[logicalId];
      if (record && !(await this.deleteOne(stack, record, record.type))) failures.push(logicalId);
      return true;
    });
    return failures;
  }

  private async deleteOne(stack: StackRecord, record: ResourceRecord, type: string): Promise<boolean> {
    if (record.physicalId === undefined) {
      this.resourceEvent(stack, record, 'DELETE_COMPLETE');
      return true;
    }
    this.resourceEvent(stack, record, 'DELETE_IN_PROGRESS');
    const provider = this.providers.get(type);
    try {
      await provider?.delete(provisioned(record));
      await this.runtime.delay(provider?.deleteMs ?? 0);
      this.resourceEvent(stack, record, 'DELETE_COMPLETE');
      return true;
    } catch (error) {
      this.resourceEvent(stack, record, 'DELETE_FAILED', errorText(error));
      return false;
    }
  }

  private async complete(stack: StackRecord, template: Template, names: ReadonlyMap<string, string | string[]>, status: StackStatus): Promise<void> {
    const scope = createStackScope(template, names, stack, this.providers);
    stack.outputs = [];
    for (const [key, output] of Object.entries(template.Outputs ?? {})) {
      try {
        if (output.Condition !== undefined && !scope.condition(output.Condition)) continue;
        const value = evaluate(output.Value, scope);
        stack.outputs.push({ OutputKey: key, OutputValue: Array.isArray(value) ? value.join(',') : String(value), ...(output.Description ? { Description: output.Description } : {}) });
      } catch (error) {
        this.runtime.log(`lab: output ${key} of stack ${stack.stackName} could not be evaluated: ${errorText(error)}`);
      }
    }
    this.stackEvent(stack, status);
  }

  private newRecord(stack: StackRecord, logicalId: string, type: string): ResourceRecord {
    const record: ResourceRecord = { logicalId, type, status: 'CREATE_IN_PROGRESS', timestamp: this.now() };
    stack.resources[logicalId] = record;
    return record;
  }

  private resourceEvent(stack: StackRecord, record: ResourceRecord, status: ResourceStatus, reason?: string): void {
    record.status = status;
    record.statusReason = reason;
    record.timestamp = this.now();
    this.addEvent(stack, record.logicalId, record.physicalId ?? '', record.type, status, reason);
  }

  private stackEvent(stack: StackRecord, status: StackStatus, reason?: string): void {
    stack.status = status;
    stack.statusReason = reason;
    this.addEvent(stack, stack.stackName, stack.stackId, STACK_TYPE, status, reason);
  }

  private addEvent(stack: StackRecord, logicalId: string, physicalId: string, resourceType: string, status: string, reason?: string): void {
    // Resource events are named <LogicalId>-<STATUS>-<timestamp> as on AWS; stack events get a UUID.
    const named = `${logicalId}-${status}-${this.now()}`;
    const eventId = resourceType === STACK_TYPE || stack.events.some((event) => event.eventId === named) ? randomUUID() : named;
    stack.events.push({ eventId, logicalId, physicalId, resourceType, timestamp: this.now(), status, ...(reason !== undefined ? { reason } : {}) });
    this.save(stack);
  }

  private save(stack: StackRecord): void {
    if (this.closed) return;
    // Journaled with this stretch's other changes; a failed write is logged by the store and answered at persisted().
    this.store.save(stack);
  }

  private now(): string {
    return this.runtime.now().toISOString();
  }
}

function provisioned(record: ResourceRecord): ProvisionedResource {
  return { physicalId: record.physicalId ?? '', attributes: record.attributes ?? {}, state: record.state };
}

function errorText(error: unknown): string {
  if (error instanceof ResourceFailure || error instanceof TemplateError) return error.message;
  return error instanceof Error ? `Internal failure: ${error.message}` : String(error);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid> */
function accountOf(stackId: string): string {
  return stackId.split(':')[4] ?? '';
}
