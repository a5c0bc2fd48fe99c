// XML shapes of stacks, summaries, events and resources exactly as the CloudFormation query API returns them.
import type { XmlValue } from '../../http/awsQuery';
import type { ResourceRecord, StackEventRecord, StackRecord } from './StackRecord';

export function stackView(stack: StackRecord): XmlValue {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    ChangeSetId: stack.changeSets?.find((changeSet) => changeSet.executionStatus === 'EXECUTE_COMPLETE' || changeSet.executionStatus === 'EXECUTE_IN_PROGRESS')?.changeSetId,
    Description: stack.description,
    Parameters: stack.parameters.map((parameter) => ({ ...parameter })),
    CreationTime: stack.creationTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    DeletionTime: stack.deletionTime,
    RollbackConfiguration: {},
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.disableRollback,
    NotificationARNs: [],
    TimeoutInMinutes: stack.timeoutInMinutes,
    Capabilities: stack.capabilities,
    Outputs: stack.outputs.map((output) => ({ ...output })),
    Tags: stack.tags.map((tag) => ({ ...tag })),
    EnableTerminationProtection: false,
    ParentId: stack.parentId,
    RootId: stack.rootId,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function stackSummaryView(stack: StackRecord): XmlValue {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    TemplateDescription: stack.description,
    CreationTime: stack.creationTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    DeletionTime: stack.deletionTime,
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    ParentId: stack.parentId,
    RootId: stack.rootId,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function stackEventView(stack: StackRecord, event: StackEventRecord): XmlValue {
  return {
    StackId: stack.stackId,
    EventId: event.eventId,
    StackName: stack.stackName,
    LogicalResourceId: event.logicalId,
    PhysicalResourceId: event.physicalId,
    ResourceType: event.resourceType,
    Timestamp: event.timestamp,
    ResourceStatus: event.status,
    ResourceStatusReason: event.reason,
    ResourceProperties: event.properties,
  };
}

export function stackResourceView(stack: StackRecord, resource: ResourceRecord): XmlValue {
  return {
    StackName: stack.stackName,
    StackId: stack.stackId,
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    Timestamp: resource.timestamp,
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

export function stackResourceDetailView(stack: StackRecord, resource: ResourceRecord): XmlValue {
  return {
    StackName: stack.stackName,
    StackId: stack.stackId,
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    LastUpdatedTimestamp: resource.timestamp,
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

export function resourceSummaryView(resource: ResourceRecord): XmlValue {
  return {
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    LastUpdatedTimestamp: resource.timestamp,
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

/** One page of a list and the NextToken for the rest (an opaque offset). */
export function page<T>(items: readonly T[], nextToken: string | undefined, size: number): { items: T[]; nextToken?: string } {
  const start = nextToken === undefined ? 0 : Number(Buffer.from(nextToken, 'base64').toString('utf8')) || 0;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return { items: slice, ...(more ? { nextToken: Buffer.from(String(start + size), 'utf8').toString('base64') } : {}) };
}
