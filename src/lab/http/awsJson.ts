// The JSON 1.1 protocol adapter: parses X-Amz-Target requests and writes bodies and errors as AWS does.
import type { ServerResponse } from 'node:http';
import { AwsError } from './AwsError';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface JsonTarget {
  prefix: string;
  operation: string;
}

export function parseTarget(header: string): JsonTarget | undefined {
  const dot = header.lastIndexOf('.');
  if (dot <= 0 || dot === header.length - 1) return undefined;
  return { prefix: header.slice(0, dot), operation: header.slice(dot + 1) };
}

/** JSON protocol requests carry application/x-amz-json-1.0 or -1.1; anything else is not routed to an operation, as on AWS. */
export function isJsonProtocolContentType(header: string | undefined): boolean {
  const mediaType = (header ?? '').split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/x-amz-json-1.1' || mediaType === 'application/x-amz-json-1.0';
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Parses the body; an empty body is `{}` as the SDKs send for operations without input. Bytes that are not UTF-8 are refused. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  let decoded: string;
  try {
    decoded = STRICT_UTF8.decode(body);
  } catch {
    throw new AwsError('SerializationException', 'Invalid UTF-8 in the request body; send the JSON encoded as UTF-8.');
  }
  const text = decoded.trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return value as Record<string, unknown>;
}

export function unknownJsonOperation(): AwsError {
  return new AwsError('UnknownOperationException', 'Operation is not supported by this service.');
}

/** An operation's output already serialized as JSON (a cached page): the pipeline writes its bytes as they are. */
export class SerializedJson {
  constructor(readonly bytes: Buffer) {}

  static of(output: unknown): SerializedJson {
    return new SerializedJson(Buffer.from(JSON.stringify(output ?? {}), 'utf8'));
  }
}

export function writeJsonSuccess(res: ServerResponse, requestId: string, output: unknown): void {
  const body = output instanceof SerializedJson ? output.bytes : SerializedJson.of(output).bytes;
  res.writeHead(200, {
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': body.length,
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}

export function writeJsonError(res: ServerResponse, requestId: string, error: AwsError): void {
  const body = Buffer.from(JSON.stringify({ __type: error.code, message: error.message, ...(error.body ?? {}) }), 'utf8');
  res.writeHead(error.status, {
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': body.length,
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': `${error.code}:`,
    ...error.headers,
  });
  res.end(body);
}
