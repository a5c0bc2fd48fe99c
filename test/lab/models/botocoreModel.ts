// Checks lab answers against botocore's service models (shipped with Debian's awscli): member names, types, enums, required members.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

const DATA = '/usr/lib/python3/dist-packages/awscli/botocore/data';

interface Shape {
  type: string;
  /** REST-XML: the member that is the whole body. */
  payload?: string;
  members?: Record<string, { shape: string; locationName?: string; location?: string; xmlAttribute?: boolean }>;
  required?: string[];
  member?: { shape: string; locationName?: string };
  flattened?: boolean;
  enum?: string[];
}

export interface ServiceModel {
  readonly shapes: Record<string, Shape>;
  readonly operations: Record<string, { output?: { shape: string; resultWrapper?: string }; input?: { shape: string } }>;
}

export function loadModel(service: 's3' | 'cloudformation'): ServiceModel {
  const version = service === 's3' ? '2006-03-01' : '2010-05-15';
  return JSON.parse(readFileSync(`${DATA}/${service}/${version}/service-2.json`, 'utf8')) as ServiceModel;
}

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, removeNSPrefix: true });
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Problems found in one XML answer of `operation` (empty when it matches the model). Header members are not checked. */
export function outputProblems(model: ServiceModel, protocol: 'query' | 'rest-xml', operation: string, xml: string): string[] {
  const output = model.operations[operation]?.output;
  if (!output) return [`${operation} has no output shape in the model`];
  const document = parser.parse(xml) as Record<string, unknown>;
  delete document['?xml'];
  let body: unknown;
  if (protocol === 'query') {
    const response = document[`${operation}Response`] as Record<string, unknown> | undefined;
    if (!response) return [`no <${operation}Response> element`];
    body = response[output.resultWrapper ?? `${operation}Result`];
    if (body === undefined) return [`no <${output.resultWrapper ?? `${operation}Result`}> element`];
  } else {
    body = Object.values(document)[0];
  }
  const problems: string[] = [];
  const payload = model.shapes[output.shape]?.payload;
  const bodyShape = payload === undefined ? output.shape : (model.shapes[output.shape]?.members?.[payload]?.shape ?? output.shape);
  checkValue(model, protocol, bodyShape, body, operation, problems);
  return problems;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
}

function checkValue(model: ServiceModel, protocol: 'query' | 'rest-xml', shapeName: string, value: unknown, path: string, problems: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) return void problems.push(`${path}: unknown shape ${shapeName}`);
  switch (shape.type) {
    case 'structure': {
      if (value === '') value = {};
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${path}: expected a structure, got ${JSON.stringify(value)}`);
      const record = value as Record<string, unknown>;
      const byElement = new Map<string, [string, { shape: string; locationName?: string; location?: string }]>();
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (member.location === 'header' || member.location === 'headers' || member.location === 'statusCode') continue;
        const memberShape = model.shapes[member.shape];
        const element = member.locationName ?? (memberShape?.type === 'list' && memberShape.flattened ? (memberShape.member?.locationName ?? name) : name);
        byElement.set(element, [name, member]);
      }
      for (const [element, item] of Object.entries(record)) {
        const found = byElement.get(element);
        if (!found) {
          problems.push(`${path}: <${element}> is not a member of ${shapeName}`);
          continue;
        }
        checkValue(model, protocol, found[1].shape, item, `${path}.${found[0]}`, problems);
      }
      for (const required of shape.required ?? []) {
        const member = shape.members?.[required];
        if (member && member.location === undefined && record[member.locationName ?? required] === undefined) problems.push(`${path}: required member ${required} missing`);
      }
      return;
    }
    case 'list': {
      const memberShape = shape.member?.shape ?? '';
      const wrapper = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      const items = shape.flattened ? asArray(value) : asArray(wrapper[shape.member?.locationName ?? 'member']);
      if (!shape.flattened && value !== '' && (value === null || typeof value !== 'object')) return void problems.push(`${path}: expected a list wrapper, got ${JSON.stringify(value)}`);
      items.forEach((item, index) => checkValue(model, protocol, memberShape, item, `${path}[${index}]`, problems));
      return;
    }
    case 'timestamp':
      if (typeof value !== 'string' || !ISO_8601.test(value)) problems.push(`${path}: timestamp ${JSON.stringify(value)} is not ISO 8601`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) problems.push(`${path}: ${JSON.stringify(value)} is not an integer`);
      return;
    case 'boolean':
      if (value !== 'true' && value !== 'false') problems.push(`${path}: ${JSON.stringify(value)} is not a boolean`);
      return;
    case 'string':
      if (typeof value !== 'string') problems.push(`${path}: ${JSON.stringify(value)} is not a string`);
      else if (shape.enum && !shape.enum.includes(value)) problems.push(`${path}: ${value} is not one of ${shape.enum.join(', ')}`);
      return;
    default:
      return;
  }
}

/** Members the model marks required on an operation's input. */
export function requiredInputMembers(model: ServiceModel, operation: string): string[] {
  const input = model.operations[operation]?.input?.shape;
  return input ? (model.shapes[input]?.required ?? []) : [];
}
