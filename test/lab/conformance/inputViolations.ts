// Derives, from an operation's input shape and a valid input the scenario sent, inputs that each break one model constraint.
import { INPUT_EXCEPTIONS } from './modelExceptions';
import { codePointLength, patternRegExp, shapeOf, type ModelShape, type ServiceModel } from './serviceModel';
import type { ServiceName, WireAnswer, WireExchange } from './wireClient';

export interface ViolationCase {
  readonly operation: string;
  readonly constraint: string;
  readonly input: Record<string, unknown>;
}

/** Larger limits are not worth a megabyte-sized request each (TemplateBody, command parameters). */
const LARGEST_MAX = 4096;
const LARGEST_LIST = 1000;


type Slot = { readonly path: readonly (string | number)[]; readonly shapeName: string; readonly value: unknown };

function withValue(input: Record<string, unknown>, path: readonly (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(input);
  let node: Record<string | number, unknown> = copy;
  for (const [index, step] of path.slice(0, -1).entries()) {
    // An optional structure or list the base input leaves out is created for the member under test.
    node[step] ??= typeof path[index + 1] === 'number' ? [] : {};
    node = node[step] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] ?? '';
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

function fitLength(seed: string, length: number): string {
  const chars = [...(seed === '' ? 'a' : seed)];
  while (chars.length < length) chars.push(chars[chars.length - 1] ?? 'a');
  return chars.slice(0, length).join('');
}

/** A string within the shape's lengths that its pattern (or enum) refuses, if one of the candidates is. */
function outsideString(shape: ModelShape, refuses: (candidate: string) => boolean): string | undefined {
  const length = Math.max(shape.min ?? 1, 1);
  const candidates = ['NOT_IN_ENUM', ' ', '!', '#', '\u00e9', '..', 'a', 'A', '0'].map((seed) => fitLength(seed, Math.min(Math.max(length, codePointLength(seed)), shape.max ?? Infinity)));
  return candidates.find((candidate) => codePointLength(candidate) >= (shape.min ?? 0) && refuses(candidate));
}

function slotCases(model: ServiceModel, operation: string, base: Record<string, unknown>, slot: Slot, out: ViolationCase[]): void {
  const shape = shapeOf(model, slot.shapeName);
  const where = slot.path.join('.');
  const add = (constraint: string, value: unknown) => out.push({ operation, constraint: `${where} ${constraint}`, input: withValue(base, slot.path, value) });
  const seed = typeof slot.value === 'string' ? slot.value : '';
  switch (shape.type) {
    case 'string': {
      if (shape.min !== undefined && shape.min > 0) add(`length < ${shape.min}`, fitLength(seed, shape.min - 1));
      if (shape.max !== undefined && shape.max < LARGEST_MAX) add(`length > ${shape.max}`, fitLength(seed, shape.max + 1));
      const pattern = shape.pattern === undefined ? undefined : patternRegExp(shape.pattern);
      if (pattern) {
        const value = outsideString(shape, (candidate) => !pattern.test(candidate));
        if (value !== undefined) add(`pattern ${shape.pattern ?? ''}`, value);
      }
      if (shape.enum) {
        const value = outsideString(shape, (candidate) => !(shape.enum ?? []).includes(candidate) && (!pattern || pattern.test(candidate)));
        if (value !== undefined) add('enum', value);
      }
      return;
    }
    case 'integer':
    case 'long':
      if (shape.min !== undefined) add(`value < ${shape.min}`, shape.min - 1);
      if (shape.max !== undefined && shape.max < Number.MAX_SAFE_INTEGER) add(`value > ${shape.max}`, shape.max + 1);
      return;
    case 'list': {
      const memberShape = shape.member?.shape ?? '';
      const given = Array.isArray(slot.value) ? slot.value : [];
      const made = given.length === 0 ? validString(shapeOf(model, memberShape)) : undefined;
      const items = given.length > 0 ? given : made === undefined ? [] : [made];
      if (shape.min !== undefined && shape.min > 0) add(`list length < ${shape.min}`, items.slice(0, shape.min - 1));
      if (shape.max !== undefined && shape.max < LARGEST_LIST && items.length > 0) {
        const many = Array.from({ length: shape.max + 1 }, (_, index) => distinctItem(items[0], index, shapeOf(model, memberShape)));
        add(`list length > ${shape.max}`, many);
      }
      slotCases(model, operation, base, { path: [...slot.path, 0], shapeName: memberShape, value: given[0] }, out);
      return;
    }
    case 'structure':
      if (slot.value !== null && typeof slot.value === 'object') structureCases(model, operation, base, slot.path, slot.shapeName, slot.value as Record<string, unknown>, out);
      // Members of an optional structure the base leaves out, when the structure alone breaks nothing.
      else if (slot.value === undefined && (shape.required ?? []).length === 0) structureCases(model, operation, base, slot.path, slot.shapeName, {}, out);
      return;
    default:
  }
}

/** A string item that meets every constraint of its shape, for lists the base input leaves out; undefined if none is simple to make. */
function validString(shape: ModelShape): string | undefined {
  if (shape.type !== 'string') return undefined;
  if (shape.enum) return shape.enum[0];
  const value = fitLength('a', Math.max(shape.min ?? 1, 1));
  const pattern = shape.pattern === undefined ? undefined : patternRegExp(shape.pattern);
  if ((shape.pattern !== undefined && !pattern) || (pattern && !pattern.test(value)) || (shape.max !== undefined && codePointLength(value) > shape.max)) return undefined;
  return value;
}

/** Copies of a list item made distinct where they are strings or tags (so a duplicate is not what the service refuses). */
function distinctItem(item: unknown, index: number, member: ModelShape): unknown {
  if (typeof item === 'string' && !member.enum && !member.pattern) return `${item}${index}`.slice(-(member.max ?? 1000));
  if (item !== null && typeof item === 'object' && 'Key' in item) return { ...item, Key: `k${index}` };
  return item;
}

function structureCases(model: ServiceModel, operation: string, base: Record<string, unknown>, path: readonly (string | number)[], shapeName: string, value: Record<string, unknown>, out: ViolationCase[]): void {
  const shape = shapeOf(model, shapeName);
  for (const required of shape.required ?? []) {
    if (value[required] !== undefined) out.push({ operation, constraint: `${[...path, required].join('.')} required`, input: withValue(base, [...path, required], undefined) });
  }
  for (const [name, ref] of Object.entries(shape.members ?? {})) slotCases(model, operation, base, { path: [...path, name], shapeName: ref.shape, value: value[name] }, out);
}

/** One case per constraint of each served operation's input, built on the first input the scenario sent successfully. */
export function constraintViolations(model: ServiceModel, service: ServiceName, operations: readonly string[], exchanges: readonly WireExchange[]): ViolationCase[] {
  const cases: ViolationCase[] = [];
  for (const operation of operations) {
    const inputShape = model.operations[operation]?.input?.shape;
    const base = exchanges.find((exchange) => exchange.service === service && exchange.operation === operation && exchange.answer.status === 200)?.input;
    if (!inputShape || !base) continue;
    structureCases(model, operation, base, [], inputShape, base, cases);
  }
  return cases.filter((testCase) => !INPUT_EXCEPTIONS.some((exception) => exception.service === service && exception.operation === testCase.operation && exception.constraint.test(testCase.constraint)));
}

const VALIDATION_ERRORS: Record<ServiceName, readonly string[]> = {
  storagegateway: ['ValidationException', 'InvalidGatewayRequestException'],
  ssm: ['ValidationException'],
  cloudformation: ['ValidationError'],
};

/** A description of what is wrong with the answer to a violation case, or undefined when it is the validation error. */
export function expectValidationError(model: ServiceModel, service: ServiceName, testCase: ViolationCase, answer: WireAnswer | undefined): string | undefined {
  const label = `${testCase.operation} (${testCase.constraint})`;
  if (!answer) return `${label}: no answer`;
  // SSM also answers a constraint its own checks catch first with the operation's modeled exception (InvalidInstanceId, …).
  const modeled = service === 'ssm' ? (model.operations[testCase.operation]?.errors ?? []).map((error) => error.shape) : [];
  const accepted = [...VALIDATION_ERRORS[service], ...modeled];
  if (answer.status !== 400 || !accepted.includes(answer.errorType ?? '')) return `${label}: ${answer.status} ${answer.errorType ?? ''} ${answer.text.slice(0, 200)}`;
  // A model constraint is reported in Coral's words, naming the member (lower camel case) and the constraint.
  const message = errorMessage(answer);
  const member = String(testCase.constraint.split(' ')[0]?.split('.').filter((step) => !/^\d+$/.test(step)).pop() ?? '');
  const coral = /^\d+ validation errors? detected: /.test(message) && message.toLowerCase().includes(`'`) && message.includes(member.charAt(0).toLowerCase() + member.slice(1));
  if (VALIDATION_ERRORS[service].includes(answer.errorType ?? '') && answer.errorType !== 'InvalidGatewayRequestException' && !coral) return `${label}: ${answer.errorType ?? ''} without Coral's text naming ${member}: ${message}`;
  return undefined;
}

function errorMessage(answer: WireAnswer): string {
  const json = answer.json;
  if (json) return String(json.message ?? json.Message ?? '');
  return /<Message>([^<]*)<\/Message>/.exec(answer.text)?.[1]?.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') ?? '';
}

