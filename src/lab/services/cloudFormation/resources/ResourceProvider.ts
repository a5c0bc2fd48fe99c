// What a simulated resource type implements: create/delete with AWS-format physical ids and GetAtt attributes.
import { randomUUID } from 'node:crypto';

export type Capability = 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND';

export interface ProvisionedResource {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Whatever the provider needs to rebuild its simulation after a lab restart (JSON). */
  readonly state?: unknown;
}

export interface CreateRequest {
  readonly logicalId: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly stackName: string;
  readonly stackId: string;
  readonly region: string;
  readonly accountId: string;
}

export interface ResourceProvider {
  /** Simulated time CloudFormation takes to create / delete one of these (scaled by --time-scale). */
  readonly createMs: number;
  readonly deleteMs: number;
  /** Attribute names Fn::GetAtt accepts. */
  readonly attributes: readonly string[];
  /** Attribute names that depend on the resource (a nested stack's `Outputs.<Name>`). */
  acceptsAttribute?(name: string): boolean;
  requiredCapability?(properties: Readonly<Record<string, unknown>>): Capability | undefined;
  create(request: CreateRequest): Promise<ProvisionedResource> | ProvisionedResource;
  /** Waits until a created resource is ready (a nested stack: its creation ends); returns its final attributes. */
  stabilize?(resource: ProvisionedResource): Promise<Record<string, unknown>>;
  /** Present when the type updates in place (same physical id) instead of being replaced. */
  update?(resource: ProvisionedResource, request: CreateRequest): Promise<ProvisionedResource>;
  delete(resource: ProvisionedResource): Promise<void> | void;
  /** Re-registers a resource in the simulation when the lab starts with saved stacks. */
  restore?(resource: ProvisionedResource): Promise<void> | void;
}

/** A resource handler failure; the message becomes the CREATE_FAILED reason. */
export class ResourceFailure extends Error {}

export function requiredString(request: CreateRequest, key: string): string {
  const value = request.properties[key];
  if (typeof value === 'string' && value !== '') return value;
  if (value === undefined) throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message:\n#: required key [${key}] not found`);
  throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message:\n#/${key}: expected type: String, found: ${Array.isArray(value) ? 'JSONArray' : typeof value === 'object' ? 'JSONObject' : typeof value}`);
}

export function optionalString(request: CreateRequest, key: string): string | undefined {
  const value = request.properties[key];
  if (value === undefined) return undefined;
  return requiredString(request, key);
}

export function stringList(request: CreateRequest, key: string): string[] {
  const value = request.properties[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message:\n#/${key}: expected type: JSONArray of String`);
  }
  return value as string[];
}

/** The legacy EC2 handler's error text, as CloudFormation shows it in the event reason. */
export function ec2Failure(message: string, errorCode: string): ResourceFailure {
  return new ResourceFailure(`${message} (Service: AmazonEC2; Status Code: 400; Error Code: ${errorCode}; Request ID: ${randomUUID()}; Proxy: null)`);
}
