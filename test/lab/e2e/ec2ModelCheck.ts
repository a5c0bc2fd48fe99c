// Checks an EC2 XML answer against botocore's EC2 model (Debian's awscli): every element a member of its shape by locationName,
// lists as <item>, integers/booleans/timestamps well formed, enum values known, required members present.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const MODELS = '/usr/lib/python3/dist-packages/awscli/botocore/data/ec2';

interface ShapeRef {
  readonly shape: string;
  readonly locationName?: string;
}
interface Shape {
  readonly type: string;
  readonly members?: Record<string, ShapeRef>;
  readonly member?: ShapeRef;
  readonly required?: readonly string[];
  readonly enum?: readonly string[];
}
interface Model {
  readonly operations: Record<string, { output?: { shape: string } }>;
  readonly shapes: Record<string, Shape>;
}

let model: Model | undefined;
function ec2Model(): Model {
  const version = readdirSync(MODELS).sort().pop() ?? '';
  model ??= JSON.parse(readFileSync(join(MODELS, version, 'service-2.json'), 'utf8')) as Model;
  return model;
}

/**
 * Values real EC2 sends that the model's enum spells differently: DescribeVpcEndpoints answers State "available" in lower case
 * (the CLI reference's own example output shows it), while the State enum lists "Available".
 */
const WIRE_SPELLINGS: Readonly<Record<string, readonly string[]>> = { State: ['available', 'pending', 'deleting', 'deleted', 'failed'] };

type Node = string | { [name: string]: Node | Node[] };

/** The problems found (empty when the answer fits the model). */
export function checkEc2Response(action: string, xml: string): string[] {
  const { operations, shapes } = ec2Model();
  const parsed = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false }).parse(xml) as Record<string, Node>;
  if (!Object.hasOwn(operations, action)) return [`${action} is not an operation of the EC2 model`];
  const root = parsed[`${action}Response`];
  const problems: string[] = [];
  if (root === undefined || typeof root === 'string') return [`no <${action}Response> element`];
  if (typeof root.requestId !== 'string') problems.push('no requestId');
  const outputShape = operations[action]?.output?.shape;
  const rest: Record<string, Node | Node[]> = { ...root };
  delete rest.requestId;
  if (outputShape === undefined) {
    // Operations without an output shape still answer <return>true</return>, which clients ignore.
    return Object.keys(rest).filter((name) => name !== 'return').map((name) => `unexpected <${name}>`).concat(problems);
  }
  check(rest, outputShape, action, shapes, problems);
  return problems;
}

function check(node: Node | Node[], shapeName: string, path: string, shapes: Model['shapes'], problems: string[]): void {
  const shape = shapes[shapeName];
  if (!shape) return void problems.push(`${path}: unknown shape ${shapeName}`);
  if (Array.isArray(node)) return void problems.push(`${path}: repeated element`);
  switch (shape.type) {
    case 'structure': {
      if (node === '') return;
      if (typeof node === 'string') return void problems.push(`${path}: text where a structure belongs`);
      const byLocation = new Map(Object.entries(shape.members ?? {}).map(([name, ref]) => [ref.locationName ?? name, { name, ref }]));
      for (const [element, value] of Object.entries(node)) {
        const member = byLocation.get(element);
        if (!member) problems.push(`${path}: <${element}> is not in ${shapeName}`);
        else check(value, member.ref.shape, `${path}.${element}`, shapes, problems);
      }
      for (const required of shape.required ?? []) {
        const ref = shape.members?.[required];
        if (ref && !((ref.locationName ?? required) in node)) problems.push(`${path}: required ${required} missing`);
      }
      return;
    }
    case 'list': {
      if (node === '') return;
      if (typeof node === 'string') return void problems.push(`${path}: text where a list belongs`);
      const itemName = shape.member?.locationName ?? 'member';
      for (const element of Object.keys(node)) if (element !== itemName) problems.push(`${path}: <${element}> in a list of <${itemName}>`);
      const items = node[itemName];
      for (const item of Array.isArray(items) ? items : items === undefined ? [] : [items]) check(item, shape.member?.shape ?? '', `${path}[]`, shapes, problems);
      return;
    }
    default: {
      if (typeof node !== 'string') return void problems.push(`${path}: structure where a ${shape.type} belongs`);
      if ((shape.type === 'integer' || shape.type === 'long') && !/^-?\d+$/.test(node)) problems.push(`${path}: "${node}" is not an integer`);
      if (shape.type === 'boolean' && node !== 'true' && node !== 'false') problems.push(`${path}: "${node}" is not a boolean`);
      if (shape.type === 'timestamp' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(node)) problems.push(`${path}: "${node}" is not an ISO 8601 time`);
      if (shape.enum && !shape.enum.includes(node) && !(WIRE_SPELLINGS[shapeName] ?? []).includes(node)) problems.push(`${path}: "${node}" is not one of ${shapeName}`);
    }
  }
}
