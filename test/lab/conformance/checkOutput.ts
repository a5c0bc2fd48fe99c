// Checks a response against its botocore output shape: members known, types right (JSON epoch-second timestamps, ISO 8601 in
// XML), required members present, enum values known, string lengths and patterns the model gives.
import { XMLParser } from 'fast-xml-parser';
import { isOutputException } from './modelExceptions';
import { codePointLength, patternRegExp, shapeOf, type ModelShape, type ServiceModel } from './serviceModel';
import type { ServiceName } from './wireClient';

/** The lab's name of the service a model describes. */
function serviceOf(model: ServiceModel): ServiceName {
  return model.metadata.endpointPrefix as ServiceName;
}

const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** Length, pattern and enum of a string value, which both protocols carry the same way. */
function checkString(model: ServiceModel, value: string, shapeName: string, shape: ModelShape, path: string, problems: string[]): void {
  if (isOutputException(serviceOf(model), shapeName, value)) return;
  const length = codePointLength(value);
  if (shape.min !== undefined && length < shape.min) problems.push(`${path}: "${value}" is shorter than ${shape.min} (${shapeName})`);
  if (shape.max !== undefined && length > shape.max) problems.push(`${path}: "${value.slice(0, 60)}…" is longer than ${shape.max} (${shapeName})`);
  if (shape.enum && !shape.enum.includes(value)) problems.push(`${path}: "${value}" is not one of ${shapeName} [${shape.enum.join(', ')}]`);
  const pattern = shape.pattern === undefined ? undefined : patternRegExp(shape.pattern);
  if (pattern && !pattern.test(value)) problems.push(`${path}: "${value}" does not match ${shapeName}'s pattern ${shape.pattern ?? ''}`);
}

function checkJson(model: ServiceModel, value: unknown, shapeName: string, path: string, problems: string[]): void {
  const shape = shapeOf(model, shapeName);
  if (value === null) return void problems.push(`${path}: null (absent members are omitted, never null)`);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${path}: not an object (${shapeName})`);
      const record = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(record)) {
        const ref = shape.members?.[name];
        if (!ref) problems.push(`${path}: ${name} is not a member of ${shapeName}`);
        else checkJson(model, member, ref.shape, `${path}.${name}`, problems);
      }
      for (const required of shape.required ?? []) if (!(required in record)) problems.push(`${path}: required ${required} missing`);
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return void problems.push(`${path}: not an array (${shapeName})`);
      value.forEach((item, index) => checkJson(model, item, shape.member?.shape ?? '', `${path}[${index}]`, problems));
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${path}: not an object (${shapeName})`);
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        checkJson(model, key, shape.key?.shape ?? '', `${path}{key}`, problems);
        checkJson(model, item, shape.value?.shape ?? '', `${path}.${key}`, problems);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return void problems.push(`${path}: ${JSON.stringify(value)} is not a string`);
      return checkString(model, value, shapeName, shape, path, problems);
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return void problems.push(`${path}: ${JSON.stringify(value)} is not an integer`);
      if (shape.min !== undefined && value < shape.min) problems.push(`${path}: ${value} is below ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) problems.push(`${path}: ${value} is above ${shape.max}`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') problems.push(`${path}: ${JSON.stringify(value)} is not a number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: ${JSON.stringify(value)} is not a boolean`);
      return;
    case 'timestamp':
      if (typeof value !== 'number') problems.push(`${path}: ${JSON.stringify(value)} is not epoch seconds (a JSON number)`);
      return;
    case 'blob':
      if (typeof value !== 'string') problems.push(`${path}: a blob must be a base64 string`);
      return;
    default:
      problems.push(`${path}: unchecked model type ${shape.type}`);
  }
}

/** Problems of a JSON-protocol answer body (empty when it fits the operation's output shape). */
export function checkJsonOutput(model: ServiceModel, operation: string, body: unknown): string[] {
  const problems: string[] = [];
  const output = model.operations[operation]?.output?.shape;
  if (output === undefined) {
    if (body !== null && typeof body === 'object' && Object.keys(body).length > 0) problems.push(`${operation}: output members sent for an operation without output`);
    return problems;
  }
  checkJson(model, body, output, operation, problems);
  return problems;
}

type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

function checkXml(model: ServiceModel, node: XmlNode | XmlNode[], shapeName: string, path: string, problems: string[]): void {
  const shape = shapeOf(model, shapeName);
  if (Array.isArray(node)) return void problems.push(`${path}: repeated element`);
  switch (shape.type) {
    case 'structure': {
      if (node === '') return;
      if (typeof node === 'string') return void problems.push(`${path}: text where ${shapeName} belongs`);
      const byLocation = new Map(Object.entries(shape.members ?? {}).map(([name, ref]) => [ref.locationName ?? name, ref]));
      for (const [element, value] of Object.entries(node)) {
        const ref = byLocation.get(element);
        if (!ref) problems.push(`${path}: <${element}> is not a member of ${shapeName}`);
        else checkXml(model, value, ref.shape, `${path}.${element}`, problems);
      }
      for (const required of shape.required ?? []) {
        const ref = shape.members?.[required];
        if (ref && !((ref.locationName ?? required) in node)) problems.push(`${path}: required ${required} missing`);
      }
      return;
    }
    case 'list': {
      if (node === '') return;
      if (typeof node !== 'object') return void problems.push(`${path}: text where a list belongs`);
      const itemName = shape.member?.locationName ?? 'member';
      for (const element of Object.keys(node)) if (element !== itemName) problems.push(`${path}: <${element}> in a list of <${itemName}>`);
      const items = node[itemName];
      const all = Array.isArray(items) ? items : items === undefined ? [] : [items];
      all.forEach((item, index) => checkXml(model, item, shape.member?.shape ?? '', `${path}[${index}]`, problems));
      return;
    }
    case 'map': {
      if (node === '') return;
      if (typeof node !== 'object') return void problems.push(`${path}: text where a map belongs`);
      const entries = node.entry;
      for (const entry of Array.isArray(entries) ? entries : entries === undefined ? [] : [entries]) {
        if (typeof entry !== 'object') problems.push(`${path}: map entry without key/value`);
        else checkXml(model, entry.value ?? '', shape.value?.shape ?? '', `${path}.entry`, problems);
      }
      return;
    }
    default: {
      if (typeof node !== 'string') return void problems.push(`${path}: element where a ${shape.type} belongs`);
      if ((shape.type === 'integer' || shape.type === 'long') && !/^-?\d+$/.test(node)) problems.push(`${path}: "${node}" is not an integer`);
      if ((shape.type === 'double' || shape.type === 'float') && !Number.isFinite(Number(node))) problems.push(`${path}: "${node}" is not a number`);
      if (shape.type === 'boolean' && node !== 'true' && node !== 'false') problems.push(`${path}: "${node}" is not a boolean`);
      if (shape.type === 'timestamp' && !ISO_8601.test(node)) problems.push(`${path}: "${node}" is not an ISO 8601 time`);
      if (shape.type === 'string') checkString(model, node, shapeName, shape, path, problems);
    }
  }
}

const xmlParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, processEntities: true });

/** Problems of a query-protocol answer (`<OpResponse><OpResult>…</OpResult><ResponseMetadata>`). */
export function checkQueryOutput(model: ServiceModel, operation: string, xml: string): string[] {
  const parsed = xmlParser.parse(xml) as Record<string, XmlNode>;
  const root = parsed[`${operation}Response`];
  if (root === undefined || typeof root === 'string') return [`${operation}: no <${operation}Response> element`];
  const problems: string[] = [];
  const metadata = root.ResponseMetadata;
  if (metadata === undefined || typeof metadata !== 'object' || Array.isArray(metadata) || typeof metadata.RequestId !== 'string') problems.push(`${operation}: no ResponseMetadata/RequestId`);
  const output = model.operations[operation]?.output;
  const others = Object.keys(root).filter((name) => name !== 'ResponseMetadata' && name !== output?.resultWrapper);
  for (const name of others) problems.push(`${operation}: unexpected <${name}>`);
  if (output?.resultWrapper !== undefined) {
    const result = root[output.resultWrapper];
    if (result === undefined) problems.push(`${operation}: no <${output.resultWrapper}>`);
    else checkXml(model, result, output.shape, operation, problems);
  }
  return problems;
}
