// Checks lab answers against botocore's service models (the AWS CLI's copy): every member known, typed and in its enum.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MODELS = '/usr/lib/python3/dist-packages/awscli/botocore/data';

interface ShapeModel {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
}

export interface ServiceModel {
  metadata: { protocol: string };
  operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>;
  shapes: Record<string, ShapeModel>;
}

export function loadModel(service: string): ServiceModel {
  const [version] = readdirSync(join(MODELS, service)).sort().reverse();
  return JSON.parse(readFileSync(join(MODELS, service, version ?? '', 'service-2.json'), 'utf8')) as ServiceModel;
}

/**
 * Problems of `value` as the output of `operation`: unknown members, wrong types, values outside enums or lengths.
 * `timestamps` says how the wire carried timestamps: epoch seconds (JSON protocols) or ISO 8601 text (XML, after parsing).
 */
export function outputProblems(model: ServiceModel, operation: string, value: unknown, timestamps: 'epoch' | 'iso' = 'epoch'): string[] {
  const shapeName = model.operations[operation]?.output?.shape;
  if (!shapeName) return [`${operation} has no output shape`];
  const problems: string[] = [];
  check(model, shapeName, value, operation, problems, timestamps);
  return problems;
}

function check(model: ServiceModel, shapeName: string, value: unknown, path: string, problems: string[], timestamps: 'epoch' | 'iso'): void {
  const shape = model.shapes[shapeName];
  if (!shape) return void problems.push(`${path}: unknown shape ${shapeName}`);
  if (value === undefined || value === null) return;
  const fail = (why: string): void => {
    problems.push(`${path}: ${why} (${JSON.stringify(value)})`);
  };
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return fail('not a structure');
      for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
        const memberShape = shape.members?.[name];
        if (!memberShape) fail(`member ${name} is not in ${shapeName}`);
        else check(model, memberShape.shape, member, `${path}.${name}`, problems, timestamps);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return fail('not a list');
      value.forEach((item, i) => check(model, shape.member?.shape ?? '', item, `${path}[${i}]`, problems, timestamps));
      return;
    case 'string':
      if (typeof value !== 'string') return fail('not a string');
      if (shape.enum && !shape.enum.includes(value)) fail(`not one of ${shape.enum.join(', ')}`);
      if (shape.min !== undefined && value.length < shape.min) fail(`shorter than ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`longer than ${shape.max}`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('not an integer');
      if (shape.min !== undefined && value < shape.min) fail(`below ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`above ${shape.max}`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') fail('not a number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('not a boolean');
      return;
    case 'timestamp':
      if (timestamps === 'epoch' ? typeof value !== 'number' : typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail(`not a ${timestamps} timestamp`);
      return;
    default:
      return;
  }
}
