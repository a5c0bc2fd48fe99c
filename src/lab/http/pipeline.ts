// The lab's request pipeline: admin routes, then parse -> verify signature -> route -> invoke -> serialize.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from './AwsError';
import { authErrorFor } from './authErrors';
import { isJsonProtocolContentType, parseJsonBody, parseTarget, unknownJsonOperation, writeJsonError, writeJsonSuccess } from './awsJson';
import { parseForm, writeQueryError, writeQuerySuccess, type XmlValue } from './awsQuery';
import { writeEc2Error, writeEc2Success, type Ec2XmlValue } from './ec2Query';
import { refuseForeignRequest, requestUrl } from './hostCheck';
import { BodyTooLargeError, readBody } from './readBody';
import { writeRestXmlError } from './restXml';
import type { Ec2ServiceDefinition, JsonServiceDefinition, LabCredentials, QueryServiceDefinition, RequestContext, RestXmlServiceDefinition, ServiceDefinition } from './types';
import { AuthFailure, verifySignature } from './verifySignature';

/** Largest request body the lab reads; bigger bodies are refused before parsing. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

const DEFAULT_QUERY_NAMESPACE = 'https://lab.invalid/doc/';

export interface AdminRoute {
  /** Handles the request and returns true when it owns the path. */
  (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> | boolean;
}

export interface PipelineOptions {
  readonly services: readonly ServiceDefinition[];
  readonly credentials: () => readonly LabCredentials[];
  readonly now: () => Date;
  readonly adminRoutes?: readonly AdminRoute[];
  readonly log?: (line: string) => void;
  /** Host names accepted besides loopback ones (--allowed-host). */
  readonly allowedHosts?: readonly string[];
}

export function createPipeline(options: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const jsonByPrefix = new Map<string, JsonServiceDefinition>();
  const queryBySigningName = new Map<string, QueryServiceDefinition | Ec2ServiceDefinition>();
  const restServices: RestXmlServiceDefinition[] = [];
  for (const service of options.services) {
    if (service.protocol === 'json') for (const prefix of service.targetPrefixes) jsonByPrefix.set(prefix, service);
    else if (service.protocol === 'rest-xml') restServices.push(service);
    else queryBySigningName.set(service.signingName, service);
  }
  const ec2Versions = new Set(options.services.flatMap((service) => (service.protocol === 'ec2' ? [service.version] : [])));

  return (req, res) => {
    const requestId = randomUUID();
    handle(req, res, requestId).catch((error: unknown) => {
      // The client hung up in the middle of its body: nobody is left to answer, and nothing failed in the lab.
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' && req.destroyed) {
        res.destroy();
        return;
      }
      options.log?.(`lab: unexpected failure for request ${requestId}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) writeJsonError(res, requestId, new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', { status: 500 }));
      else res.destroy();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    // The server's Date is the lab clock, so SDK clock-skew correction agrees with signature checks under an injected clock.
    res.setHeader('Date', options.now().toUTCString());
    const rawUrl = req.url ?? '/';
    const target = req.headers['x-amz-target'];
    // EC2 requests are form-encoded like query ones; the signing scope tells them apart before anything is parsed.
    let protocol: 'json' | 'query' | 'ec2' = typeof target === 'string' ? 'json' : queryBySigningName.get(scopedService(req.headers.authorization))?.protocol ?? 'query';
    const refuse = (error: AwsError) => {
      // The body is not read: say so, so the client does not keep the connection for a next request.
      res.setHeader('Connection', 'close');
      return writeFailure(res, protocol, requestId, error);
    };
    const foreign = refuseForeignRequest(req.headers, options.allowedHosts ?? []);
    if (foreign) return refuse(new AwsError(protocol === 'json' ? 'AccessDeniedException' : 'AccessDenied', foreign.message, { status: foreign.status }));
    const url = requestUrl(rawUrl);
    if (!url) return refuse(new AwsError(protocol === 'json' ? 'SerializationException' : 'MalformedInput', `The request target "${rawUrl.slice(0, 100)}" is not a path; send requests to / on the lab endpoint.`));
    for (const route of options.adminRoutes ?? []) {
      if (await route(req, res, url)) return;
    }
    const rest = typeof target === 'string' ? undefined : restServices.find((service) => service.claims(req, url));
    if (rest) return handleRest(rest, req, res, requestId, rawUrl);

    let body: Buffer;
    try {
      body = await readBody(req, MAX_REQUEST_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const tooLarge = new AwsError('RequestEntityTooLarge', `Request body must be no larger than ${MAX_REQUEST_BODY_BYTES} bytes.`, { status: 413 });
      return writeFailure(res, protocol, requestId, tooLarge);
    }

    // An unsigned request names no service; EC2's API version in the form still says who answers it.
    if (protocol === 'query' && req.headers.authorization === undefined && ec2Versions.has(parseForm(url.search.slice(1), body).Version ?? '')) protocol = 'ec2';

    const credentials = options.credentials();
    let identity;
    try {
      identity = verifySignature({ method: req.method ?? 'GET', rawUrl, headers: req.headers, body }, (id) => credentials.find((c) => c.accessKeyId === id)?.secretAccessKey, options.now());
    } catch (error) {
      if (!(error instanceof AuthFailure)) throw error;
      const wire = authErrorFor(protocol, error);
      return writeFailure(res, protocol, requestId, wire);
    }
    const account = credentials.find((c) => c.accessKeyId === identity.accessKeyId);
    const context: RequestContext = {
      requestId,
      region: identity.region,
      accountId: account?.accountId ?? '000000000000',
      accessKeyId: identity.accessKeyId,
      now: options.now,
    };

    if (protocol === 'json') {
      await invokeJson(res, context, String(target), body, identity.service, req.headers['content-type']);
    } else {
      await invokeQuery(res, context, parseForm(url.search.slice(1), body), identity.service);
    }
  }

  /** REST services stream their body: only the headers are verified here, the payload while the service reads it. */
  async function handleRest(service: RestXmlServiceDefinition, req: IncomingMessage, res: ServerResponse, requestId: string, rawUrl: string): Promise<void> {
    const method = req.method ?? 'GET';
    const credentials = options.credentials();
    let identity;
    try {
      identity = verifySignature({ method, rawUrl, headers: req.headers, body: 'streamed' }, (id) => credentials.find((c) => c.accessKeyId === id)?.secretAccessKey, options.now());
      if (identity.service !== service.signingName) throw new AuthFailure('incomplete', `The authorization header is malformed; incorrect service "${identity.service}". This endpoint belongs to "${service.signingName}".`);
    } catch (error) {
      if (!(error instanceof AuthFailure)) throw error;
      return writeRestXmlError(res, requestId, authErrorFor('rest-xml', error), method);
    }
    const account = credentials.find((c) => c.accessKeyId === identity.accessKeyId);
    const context: RequestContext = { requestId, region: identity.region, accountId: account?.accountId ?? '000000000000', accessKeyId: identity.accessKeyId, now: options.now };
    try {
      await service.handle(req, res, context, identity);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' && req.destroyed) throw error;
      writeRestXmlError(res, requestId, asAwsError(error, requestId), method);
    }
  }

  async function invokeJson(res: ServerResponse, ctx: RequestContext, target: string, body: Buffer, signedService: string, contentType: string | undefined): Promise<void> {
    try {
      if (!isJsonProtocolContentType(contentType)) throw unknownJsonOperation();
      const parsed = parseTarget(target);
      const service = parsed && jsonByPrefix.get(parsed.prefix);
      const handler = parsed && service && Object.hasOwn(service.operations, parsed.operation) ? service.operations[parsed.operation] : undefined;
      if (!parsed || !service || !handler) throw unknownJsonOperation();
      if (signedService !== service.signingName) throw wrongServiceScope(service.signingName);
      const input = parseJsonBody(body);
      writeJsonSuccess(res, ctx.requestId, await handler(input, ctx));
    } catch (error) {
      writeJsonError(res, ctx.requestId, asAwsError(error, ctx.requestId));
    }
  }

  async function invokeQuery(res: ServerResponse, ctx: RequestContext, form: Record<string, string>, signedService: string): Promise<void> {
    const service = queryBySigningName.get(signedService);
    const namespace = service?.xmlNamespace ?? DEFAULT_QUERY_NAMESPACE;
    try {
      const action = form.Action;
      if (!action) throw new AwsError('MissingAction', 'Missing Action');
      const handler = service && Object.hasOwn(service.operations, action) ? service.operations[action] : undefined;
      if (!service || !handler) throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
      const result: unknown = await handler(form, ctx);
      if (service.protocol === 'ec2') writeEc2Success(res, ctx.requestId, namespace, action, result as Ec2XmlValue);
      else writeQuerySuccess(res, ctx.requestId, namespace, action, result as XmlValue);
    } catch (error) {
      if (service?.protocol === 'ec2') writeEc2Error(res, ctx.requestId, asAwsError(error, ctx.requestId));
      else writeQueryError(res, ctx.requestId, namespace, asAwsError(error, ctx.requestId));
    }
  }

  function writeFailure(res: ServerResponse, protocol: 'json' | 'query' | 'ec2', requestId: string, error: AwsError): void {
    if (protocol === 'json') writeJsonError(res, requestId, error);
    else if (protocol === 'ec2') writeEc2Error(res, requestId, error);
    else writeQueryError(res, requestId, DEFAULT_QUERY_NAMESPACE, error);
  }

  function asAwsError(error: unknown, requestId: string): AwsError {
    if (error instanceof AwsError) return error;
    options.log?.(`lab: handler failed for request ${requestId}: ${error instanceof Error ? error.stack : String(error)}`);
    return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', { status: 500 });
  }
}

/** The service named in a SigV4 Authorization header's credential scope ("" when there is none). */
function scopedService(authorization: string | undefined): string {
  return /Credential=[^/,]*\/[^/,]*\/[^/,]*\/([^/,]*)\//.exec(authorization ?? '')?.[1] ?? '';
}

function wrongServiceScope(expected: string): AwsError {
  return new AwsError('InvalidSignatureException', `Credential should be scoped to correct service: '${expected}'.`);
}
