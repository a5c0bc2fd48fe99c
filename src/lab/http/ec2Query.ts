// The EC2 protocol adapter: Action/Version form input as nested values, EC2's XML answers (<item> lists, requestId) and errors.
import type { ServerResponse } from 'node:http';
import type { AwsError } from './AwsError';
import { escapeXml } from './awsQuery';

/** A decoded EC2 parameter: `Filter.1.Value.2=x` becomes { Filter: [ { Value: [ , 'x'] } ] } with 1-based positions kept in order. */
export type Ec2Param = string | Ec2Param[] | { [name: string]: Ec2Param };

/**
 * Turns the flat form into nested values. EC2 lists are flattened with 1-based positions (`InstanceId.1`, `Filter.2.Value.1`),
 * never `.member.`; positions are sorted numerically and gaps closed, as EC2 reads them.
 */
export function parseEc2Params(form: Readonly<Record<string, string>>): Record<string, Ec2Param> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const parts = key.split('.');
    let node: Record<string, unknown> = root;
    for (let i = 0; i < parts.length - 1; i += 1) {
      const part = parts[i] ?? '';
      const child = node[part];
      if (typeof child === 'object' && child !== null) node = child as Record<string, unknown>;
      else {
        const created: Record<string, unknown> = {};
        node[part] = created;
        node = created;
      }
    }
    const last = parts[parts.length - 1] ?? '';
    if (typeof node[last] !== 'object') node[last] = value;
  }
  return normalise(root) as Record<string, Ec2Param>;
}

function normalise(node: unknown): Ec2Param {
  if (typeof node === 'string') return node;
  const entries = Object.entries(node as Record<string, unknown>);
  if (entries.length > 0 && entries.every(([key]) => /^[1-9]\d*$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, value]) => normalise(value));
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, normalise(value)]));
}

/** A value an EC2 handler returns, already named with the model's locationNames (lists become <item> elements). */
export type Ec2XmlValue = string | number | boolean | Date | undefined | null | Ec2XmlValue[] | { [name: string]: Ec2XmlValue };

export function toEc2Xml(value: Ec2XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<item>${toEc2Xml(item)}</item>`).join('');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([name, v]) => (Array.isArray(v) && v.length === 0 ? `<${name}/>` : `<${name}>${toEc2Xml(v)}</${name}>`))
      .join('');
  }
  return escapeXml(String(value));
}

/** `<ActionResponse xmlns="…"><requestId>…</requestId>…</ActionResponse>`: members sit directly in the response element. */
export function writeEc2Success(res: ServerResponse, requestId: string, namespace: string, action: string, result: Ec2XmlValue): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}"><requestId>${requestId}</requestId>${toEc2Xml(result)}</${action}Response>`;
  write(res, 200, requestId, xml);
}

/** EC2's error document; its request id element is spelled `RequestID`, unlike every other AWS query service. */
export function writeEc2Error(res: ServerResponse, requestId: string, error: AwsError): void {
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  write(res, error.status, requestId, xml);
}

function write(res: ServerResponse, status: number, requestId: string, xml: string): void {
  const body = Buffer.from(xml, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/xml;charset=UTF-8', 'Content-Length': body.length, 'x-amzn-RequestId': requestId, Server: 'AmazonEC2' });
  res.end(body);
}
