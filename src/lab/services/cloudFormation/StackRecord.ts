// The durable record of one stack: template, parameters, status, resources and the event history.
import type { StackParameter } from './template/resolveParameters';

export type StackStatus =
  | 'REVIEW_IN_PROGRESS'
  | 'CREATE_IN_PROGRESS' | 'CREATE_FAILED' | 'CREATE_COMPLETE'
  | 'ROLLBACK_IN_PROGRESS' | 'ROLLBACK_FAILED' | 'ROLLBACK_COMPLETE'
  | 'DELETE_IN_PROGRESS' | 'DELETE_FAILED' | 'DELETE_COMPLETE'
  | 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' | 'UPDATE_COMPLETE' | 'UPDATE_FAILED'
  | 'UPDATE_ROLLBACK_IN_PROGRESS' | 'UPDATE_ROLLBACK_FAILED' | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS' | 'UPDATE_ROLLBACK_COMPLETE';

export type ResourceStatus =
  | 'CREATE_IN_PROGRESS' | 'CREATE_FAILED' | 'CREATE_COMPLETE'
  | 'DELETE_IN_PROGRESS' | 'DELETE_FAILED' | 'DELETE_COMPLETE' | 'DELETE_SKIPPED'
  | 'UPDATE_IN_PROGRESS' | 'UPDATE_FAILED' | 'UPDATE_COMPLETE';

export interface ResourceRecord {
  readonly logicalId: string;
  readonly type: string;
  status: ResourceStatus;
  statusReason?: string;
  physicalId?: string;
  attributes?: Record<string, unknown>;
  state?: unknown;
  /** Evaluated properties it was created with (UpdateStack compares them). */
  properties?: Record<string, unknown>;
  timestamp: string;
}

export interface StackEventRecord {
  readonly eventId: string;
  readonly logicalId: string;
  readonly physicalId: string;
  readonly resourceType: string;
  readonly timestamp: string;
  readonly status: string;
  readonly reason?: string;
  readonly properties?: string;
}

export interface StackOutputRecord {
  readonly OutputKey: string;
  readonly OutputValue: string;
  readonly Description?: string;
}

/** What a stack looked like before an update, kept until the update ends so it can be rolled back (even after a restart). */
export interface UpdateSnapshot {
  readonly templateBody: string;
  readonly parameters: StackParameter[];
  readonly description?: string;
  readonly outputs: StackOutputRecord[];
  readonly resources: Record<string, ResourceRecord>;
}

/** A change set (what `aws cloudformation deploy` creates and executes), kept with its stack. */
export interface ChangeSetRecord {
  readonly changeSetId: string;
  readonly changeSetName: string;
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly description?: string;
  readonly creationTime: string;
  readonly templateBody: string;
  readonly templateUrl?: string;
  readonly parameters: StackParameter[];
  readonly capabilities: string[];
  readonly tags: { Key: string; Value: string }[];
  status: 'CREATE_COMPLETE' | 'FAILED';
  statusReason?: string;
  executionStatus: 'AVAILABLE' | 'UNAVAILABLE' | 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED' | 'OBSOLETE';
  readonly changes: { action: 'Add' | 'Modify' | 'Remove'; logicalId: string; resourceType: string; physicalId?: string }[];
}

export interface StackRecord {
  readonly stackId: string;
  readonly stackName: string;
  /** Nested stacks: the stack whose AWS::CloudFormation::Stack resource created this one, and the top of the tree. */
  readonly parentId?: string;
  readonly rootId?: string;
  /** The TemplateURL the template was read from (nested stacks and TemplateURL requests). */
  templateUrl?: string;
  changeSets?: ChangeSetRecord[];
  region: string;
  description?: string;
  templateBody: string;
  parameters: StackParameter[];
  capabilities: string[];
  tags: { Key: string; Value: string }[];
  status: StackStatus;
  statusReason?: string;
  disableRollback: boolean;
  onFailure: 'ROLLBACK' | 'DELETE' | 'DO_NOTHING';
  timeoutInMinutes?: number;
  creationTime: string;
  lastUpdatedTime?: string;
  deletionTime?: string;
  outputs: StackOutputRecord[];
  resources: Record<string, ResourceRecord>;
  events: StackEventRecord[];
  updateSnapshot?: UpdateSnapshot;
}
