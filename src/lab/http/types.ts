// Shapes shared by the lab's request pipeline and the service operation tables.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VerifiedIdentity } from './verifySignature';

/** What a handler knows about the request it serves. */
export interface RequestContext {
  readonly requestId: string;
  readonly region: string;
  readonly accountId: string;
  readonly accessKeyId: string;
  /** Lab clock (injected; tests may move it). */
  readonly now: () => Date;
}

/** Input is the parsed JSON body (JSON 1.1) or the flat form map (query protocol). */
export type OperationHandler<I = never, O = unknown> = (input: I, ctx: RequestContext) => O | Promise<O>;

// Handlers validate their own input, so the table stores them with an erased input type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- internal table, never crosses a boundary
export type OperationTable = Record<string, OperationHandler<any>>;

export interface JsonServiceDefinition {
  readonly protocol: 'json';
  /** SigV4 service name in the credential scope, e.g. "storagegateway". */
  readonly signingName: string;
  /** X-Amz-Target prefixes, e.g. ["StorageGateway_20130630", "StorageGateway_20120630"]. */
  readonly targetPrefixes: readonly string[];
  readonly operations: OperationTable;
}

export interface QueryServiceDefinition {
  readonly protocol: 'query';
  readonly signingName: string;
  /** API version the service answers to, e.g. "2010-05-15". */
  readonly version: string;
  /** XML namespace of responses, e.g. "http://cloudformation.amazonaws.com/doc/2010-05-15/". */
  readonly xmlNamespace: string;
  /** Each handler receives the decoded form and returns the XML of <OpResult> children (already escaped). */
  readonly operations: OperationTable;
}

/** The EC2 protocol: query-style input, but EC2's own XML (no Result wrapper, `<item>` lists) and error document. */
export interface Ec2ServiceDefinition {
  readonly protocol: 'ec2';
  readonly signingName: string;
  readonly version: string;
  /** e.g. "http://ec2.amazonaws.com/doc/2016-11-15/". */
  readonly xmlNamespace: string;
  /** Each handler receives the decoded form and returns the response members named with the model's locationNames. */
  readonly operations: OperationTable;
}

/**
 * A REST service (S3) that reads its own, possibly huge, body as a stream: the pipeline verifies the
 * signature over the headers and hands over the request; the service checks the payload as it reads it.
 */
export interface RestXmlServiceDefinition {
  readonly protocol: 'rest-xml';
  readonly signingName: string;
  /** Whether an unsigned or signed request is addressed to this service (decided before reading the body). */
  claims(req: IncomingMessage, url: URL): boolean;
  handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, identity: VerifiedIdentity): Promise<void>;
}

export type ServiceDefinition = JsonServiceDefinition | QueryServiceDefinition | Ec2ServiceDefinition | RestXmlServiceDefinition;

/** Lab credentials a request must be signed with. */
export interface LabCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
}
