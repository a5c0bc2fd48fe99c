// The REST-XML protocol adapter (S3): XML documents built and parsed with fast-xml-parser, errors as S3 writes them.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { AwsError } from './AwsError';

export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A value of an XML document: objects become elements in order, arrays repeat their element, Dates are ISO 8601. */
export type RestXmlValue = string | number | boolean | Date | undefined | RestXmlValue[] | { [name: string]: RestXmlValue };

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, processEntities: true });
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, removeNSPrefix: true, processEntities: true });

// eslint-disable-next-line no-control-regex -- characters XML 1.0 cannot carry are the point
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function prepare(value: RestXmlValue): unknown {
  if (value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(prepare);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = prepare(item);
    return out;
  }
  return typeof value === 'string' ? value.replace(NOT_XML_CHARACTERS, '\uFFFD') : String(value);
}

/** `<?xml ...?><Root xmlns="...">...</Root>` */
export function buildXmlDocument(root: string, content: Record<string, RestXmlValue>, namespace: string | null = S3_XML_NAMESPACE): string {
  const body = prepare(content) as Record<string, unknown>;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: namespace === null ? body : { '@_xmlns': namespace, ...body } }) as string}`;
}

/** Parses a request document; anything not well-formed is S3's MalformedXML. */
export function parseXmlDocument(text: string): Record<string, unknown> {
  if (text.trim() === '' || XMLValidator.validate(text) !== true) throw malformedXml();
  const parsed = parser.parse(text) as Record<string, unknown>;
  delete parsed['?xml'];
  return parsed;
}

export function malformedXml(): AwsError {
  return new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
}

/** S3's id headers: x-amz-request-id (16 hex upper) and x-amz-id-2 (base64). */
export function s3RequestIds(requestId: string): { 'x-amz-request-id': string; 'x-amz-id-2': string } {
  const shortId = requestId.replace(/-/g, '').slice(0, 16).toUpperCase();
  return { 'x-amz-request-id': shortId, 'x-amz-id-2': randomBytes(48).toString('base64') };
}

/** S3's error document; HEAD answers carry only the status (S3 sends no body for HEAD). */
export function writeRestXmlError(res: ServerResponse, requestId: string, error: AwsError, method: string, extraHeaders: Record<string, string> = {}): void {
  // Part of an object was already sent: the only honest signal left is a cut connection (the client sees a short body).
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const ids = s3RequestIds(requestId);
  const details: Record<string, RestXmlValue> = {};
  for (const [key, value] of Object.entries(error.body ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') details[key] = value;
  }
  const xml = buildXmlDocument('Error', { Code: error.code, Message: error.message, ...details, RequestId: ids['x-amz-request-id'], HostId: ids['x-amz-id-2'] }, null);
  const body = Buffer.from(xml, 'utf8');
  res.writeHead(error.status, { ...ids, ...extraHeaders, 'Content-Type': 'application/xml', ...(method === 'HEAD' ? {} : { 'Content-Length': body.length }) });
  res.end(method === 'HEAD' ? undefined : body);
}
