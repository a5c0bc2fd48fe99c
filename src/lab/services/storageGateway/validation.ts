// Server-side input checking with AWS's wording: member types (SerializationException), then every constraint (ValidationException).
import { AwsError } from '../../http/AwsError';

export type Rule =
  | { kind: 'string'; min?: number; max?: number; pattern?: RegExp; enum?: readonly string[] }
  | { kind: 'long' | 'integer'; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'list'; member: Rule; min?: number; max?: number }
  | { kind: 'structure'; members: Shape };

export interface Field {
  readonly rule: Rule;
  readonly required?: boolean;
}

export type Shape = Readonly<Record<string, Field>>;

export const str = (options: Omit<Extract<Rule, { kind: 'string' }>, 'kind'> = {}): Rule => ({ kind: 'string', ...options });
export const long = (options: { min?: number; max?: number } = {}): Rule => ({ kind: 'long', ...options });
export const integer = (options: { min?: number; max?: number } = {}): Rule => ({ kind: 'integer', ...options });
export const bool = (): Rule => ({ kind: 'boolean' });
export const list = (member: Rule, options: { min?: number; max?: number } = {}): Rule => ({ kind: 'list', member, ...options });
export const struct = (members: Shape): Rule => ({ kind: 'structure', members });
export const required = (rule: Rule): Field => ({ rule, required: true });
export const optional = (rule: Rule): Field => ({ rule });

/** Jackson/Coral wording of the JSON token a value starts with. */
function tokenName(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (value === null) return 'VALUE_NULL';
  switch (typeof value) {
    case 'string':
      return 'VALUE_STRING';
    case 'number':
      return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
    case 'boolean':
      return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
    default:
      return 'START_OBJECT';
  }
}

const TYPE_NAMES: Record<Rule['kind'], string> = { string: 'String', long: 'Long', integer: 'Integer', boolean: 'Boolean', list: 'List', structure: 'Structure' };

function serializationError(rule: Rule, value: unknown): AwsError {
  if (rule.kind === 'structure' && Array.isArray(value)) return new AwsError('SerializationException', 'Start of list found where not expected');
  if (rule.kind === 'list' && value !== null && typeof value === 'object') return new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  return new AwsError('SerializationException', `${tokenName(value)} can not be converted to a ${TYPE_NAMES[rule.kind]}`);
}

/** Checks JSON types recursively; JSON null counts as absent, as Coral reads it. Unknown members are ignored, as AWS does. */
function checkTypes(rule: Rule, value: unknown): void {
  if (value === null || value === undefined) return;
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') throw serializationError(rule, value);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw serializationError(rule, value);
      return;
    case 'long':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw serializationError(rule, value);
      if (!Number.isInteger(value)) throw new AwsError('SerializationException', `${tokenName(value)} can not be converted to a ${TYPE_NAMES[rule.kind]}`);
      return;
    case 'list':
      if (!Array.isArray(value)) throw serializationError(rule, value);
      for (const item of value) checkTypes(rule.member, item);
      return;
    case 'structure':
      if (typeof value !== 'object' || Array.isArray(value)) throw serializationError(rule, value);
      for (const [name, field] of Object.entries(rule.members)) checkTypes(field.rule, (value as Record<string, unknown>)[name]);
      return;
  }
}

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function display(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${display(v)}`).join(', ')}}`;
  return String(value);
}

function collect(rule: Rule, value: unknown, path: string, problems: string[]): void {
  const fail = (constraint: string) => problems.push(`Value '${display(value)}' at '${path}' failed to satisfy constraint: ${constraint}`);
  switch (rule.kind) {
    case 'string': {
      const text = value as string;
      const length = [...text].length;
      if (rule.min !== undefined && length < rule.min) fail(`Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && length > rule.max) fail(`Member must have length less than or equal to ${rule.max}`);
      if (rule.pattern && !rule.pattern.test(text)) fail(`Member must satisfy regular expression pattern: ${rule.pattern.source}`);
      if (rule.enum && !rule.enum.includes(text)) fail(`Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
      return;
    }
    case 'long':
    case 'integer': {
      const number = value as number;
      if (rule.min !== undefined && number < rule.min) fail(`Member must have value greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && number > rule.max) fail(`Member must have value less than or equal to ${rule.max}`);
      return;
    }
    case 'boolean':
      return;
    case 'list': {
      const items = value as unknown[];
      if (rule.min !== undefined && items.length < rule.min) fail(`Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && items.length > rule.max) fail(`Member must have length less than or equal to ${rule.max}`);
      items.forEach((item, i) => {
        if (item === null || item === undefined) problems.push(`Value null at '${path}.${i + 1}.member' failed to satisfy constraint: Member must not be null`);
        else collect(rule.member, item, `${path}.${i + 1}.member`, problems);
      });
      return;
    }
    case 'structure':
      collectMembers(rule.members, value as Record<string, unknown>, `${path}.`, problems);
      return;
  }
}

function collectMembers(shape: Shape, input: Record<string, unknown>, prefix: string, problems: string[]): void {
  for (const [name, field] of Object.entries(shape)) {
    const value = input[name];
    const path = `${prefix}${lowerCamel(name)}`;
    if (value === null || value === undefined) {
      if (field.required) problems.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    collect(field.rule, value, path, problems);
  }
}

/**
 * Returns the input typed as T when it satisfies `shape`; otherwise throws SerializationException (wrong JSON types) or
 * ValidationException with Coral's "N validation error(s) detected: …" text.
 */
export function validateInput<T>(shape: Shape, input: Record<string, unknown>): T {
  checkTypes({ kind: 'structure', members: shape }, input);
  const problems: string[] = [];
  collectMembers(shape, input, '', problems);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
    throw new AwsError('ValidationException', `${count}: ${problems.join('; ')}`);
  }
  const typed: Record<string, unknown> = {};
  for (const name of Object.keys(shape)) if (input[name] !== null && input[name] !== undefined) typed[name] = input[name];
  return typed as T;
}
