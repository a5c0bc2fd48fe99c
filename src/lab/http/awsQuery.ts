// The query protocol adapter: form-encoded Action requests in, AWS-style XML responses and errors out.
import type { ServerResponse } from 'node:http';
import type { AwsError } from './AwsError';

/** A value a query handler returns; serialised as AWS does (lists as <member> elements). */
export type XmlValue = string | number | boolean | Date | undefined | null | XmlValue[] | { [name: string]: XmlValue };

export function parseForm(rawQuery: string, body: Buffer): Record<string, string> {
  const form: Record<string, string> = {};
  for (const source of [rawQuery, body.toString('utf8')]) {
    for (const [key, value] of new URLSearchParams(source)) form[key] = value;
  }
  return form;
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

/** Characters XML 1.0 cannot carry even as references (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes markup; characters XML cannot carry (e.g. echoed from a fuzzed Action) become U+FFFD so the document stays well-formed. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => XML_ENTITIES[c] ?? c).replace(NOT_XML_CHARACTERS, '\uFFFD');
}

export function toXml(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([name, v]) => `<${name}>${toXml(v)}</${name}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function writeQuerySuccess(res: ServerResponse, requestId: string, namespace: string, operation: string, result: XmlValue): void {
  // An operation with an output shape always has its <OpResult> element, even when empty; one without answers no result.
  const resultXml = result === undefined || result === null ? '' : `<${operation}Result>${toXml(result)}</${operation}Result>`;
  const xml = `<${operation}Response xmlns="${namespace}">${resultXml}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>\n`;
  writeXml(res, 200, requestId, xml);
}

export function writeQueryError(res: ServerResponse, requestId: string, namespace: string, error: AwsError): void {
  const xml =
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${error.faultType}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>\n`;
  writeXml(res, error.status, requestId, xml);
}

function writeXml(res: ServerResponse, status: number, requestId: string, xml: string): void {
  const body = Buffer.from(xml, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': body.length, 'x-amzn-RequestId': requestId });
  res.end(body);
}
