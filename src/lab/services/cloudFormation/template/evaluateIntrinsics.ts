// Evaluates intrinsic functions (Ref, Fn::Sub, Fn::GetAtt, Fn::If, ...) in a template value against a stack's scope.
import { TemplateError } from './TemplateError';

/** What a Ref to AWS::NoValue yields; removed from the enclosing object or list. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface EvaluationScope {
  /** Parameter and pseudo parameter values by name (lists for List<...> types). */
  readonly names: ReadonlyMap<string, string | string[]>;
  readonly region: string;
  readonly mappings: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  condition(name: string): boolean;
  /** Physical id of a resource (what Ref returns); throws TemplateError if it does not exist. */
  resourceRef(logicalId: string): string;
  resourceAttribute(logicalId: string, attribute: string): unknown;
}

export function availabilityZones(region: string): string[] {
  const letters = region === 'us-east-1' ? 'abcdef' : 'abc';
  return [...letters].map((letter) => `${region}${letter}`);
}

export function evaluate(value: unknown, scope: EvaluationScope): unknown {
  if (Array.isArray(value)) return value.map((item) => evaluate(item, scope)).filter((item) => item !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [first] = entries;
  if (entries.length === 1 && first && isIntrinsicName(first[0])) return evaluateFunction(first[0], first[1], scope);
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const evaluated = evaluate(item, scope);
    if (evaluated !== NO_VALUE) result[key] = evaluated;
  }
  return result;
}

export function isIntrinsicName(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::') || key === 'Condition';
}

function evaluateFunction(name: string, argument: unknown, scope: EvaluationScope): unknown {
  switch (name) {
    case 'Ref':
      return ref(argument, scope);
    case 'Condition':
      return scope.condition(asString(argument, name));
    case 'Fn::Sub':
      return sub(argument, scope);
    case 'Fn::GetAtt':
      return getAtt(argument, scope);
    case 'Fn::Join': {
      const [delimiter, list] = asList(argument, name, 2);
      const items = evaluate(list, scope);
      if (!Array.isArray(items)) throw evaluationError('Fn::Join requires a list of values as its second argument.');
      return items.map((item) => scalarText(item, name)).join(asString(evaluate(delimiter, scope), name));
    }
    case 'Fn::Select': {
      const [index, list] = asList(argument, name, 2);
      const items = evaluate(list, scope);
      const position = Number(evaluate(index, scope));
      if (!Array.isArray(items) || !Number.isInteger(position) || position < 0 || position >= items.length) {
        throw evaluationError('Fn::Select cannot select nonexistent value at index ' + String(evaluate(index, scope)));
      }
      return items[position];
    }
    case 'Fn::Split': {
      const [delimiter, text] = asList(argument, name, 2);
      return asString(evaluate(text, scope), name).split(asString(evaluate(delimiter, scope), name));
    }
    case 'Fn::GetAZs': {
      const region = asString(evaluate(argument, scope), name);
      return availabilityZones(region === '' ? scope.region : region);
    }
    case 'Fn::If': {
      const [conditionName, whenTrue, whenFalse] = asList(argument, name, 3);
      return evaluate(scope.condition(asString(conditionName, name)) ? whenTrue : whenFalse, scope);
    }
    case 'Fn::Equals': {
      const [left, right] = asList(argument, name, 2);
      return scalarText(evaluate(left, scope), name) === scalarText(evaluate(right, scope), name);
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const items = asList(argument, name);
      if (items.length < 2 || items.length > 10) throw evaluationError(`${name} requires between 2 and 10 conditions.`);
      const results = items.map((item) => asBoolean(evaluate(item, scope), name));
      return name === 'Fn::And' ? results.every(Boolean) : results.some(Boolean);
    }
    case 'Fn::Not': {
      const [item] = asList(argument, name, 1);
      return !asBoolean(evaluate(item, scope), name);
    }
    case 'Fn::Base64':
      return Buffer.from(asString(evaluate(argument, scope), name), 'utf8').toString('base64');
    case 'Fn::FindInMap': {
      const [mapName, topKey, secondKey] = asList(argument, name, 3).map((item) => scalarText(evaluate(item, scope), name));
      const found = scope.mappings[mapName ?? '']?.[topKey ?? '']?.[secondKey ?? ''];
      if (found === undefined) throw evaluationError(`Unable to get mapping for ${mapName}::${topKey}::${secondKey}`);
      return found;
    }
    case 'Fn::Cidr':
      return cidr(asList(argument, name, 3).map((item) => scalarText(evaluate(item, scope), name)));
    case 'Fn::ImportValue':
      throw evaluationError(`No export named ${scalarText(evaluate(argument, scope), name)} found.`);
    default:
      throw evaluationError(`Encountered unsupported function: ${name} Supported functions are: [Fn::Base64, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Join, Fn::Split, Fn::FindInMap, Fn::Select, Ref, Fn::Equals, Fn::If, Fn::Not, Condition, Fn::And, Fn::Or, Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn, Fn::ValueOf, Fn::ValueOfAll, Fn::RefAll, Fn::Sub, Fn::Cidr]`);
  }
}

function ref(argument: unknown, scope: EvaluationScope): unknown {
  const name = asString(argument, 'Ref');
  if (name === 'AWS::NoValue') return NO_VALUE;
  const named = scope.names.get(name);
  if (named !== undefined) return named;
  return scope.resourceRef(name);
}

function getAtt(argument: unknown, scope: EvaluationScope): unknown {
  const parts = typeof argument === 'string' ? [argument.slice(0, argument.indexOf('.')), argument.slice(argument.indexOf('.') + 1)] : asList(argument, 'Fn::GetAtt', 2);
  const [logicalId, attribute] = parts.map((part) => scalarText(evaluate(part, scope), 'Fn::GetAtt'));
  return scope.resourceAttribute(logicalId ?? '', attribute ?? '');
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function sub(argument: unknown, scope: EvaluationScope): string {
  const [template, variables] = typeof argument === 'string' ? [argument, {}] : asList(argument, 'Fn::Sub', 2);
  const text = asString(template, 'Fn::Sub');
  const locals = evaluate(variables ?? {}, scope) as Record<string, unknown>;
  return text.replace(SUB_VARIABLE, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    if (Object.hasOwn(locals, name)) return scalarText(locals[name], 'Fn::Sub');
    const named = scope.names.get(name);
    if (named !== undefined) return scalarText(named, 'Fn::Sub');
    const dot = name.indexOf('.');
    if (dot > 0) return scalarText(scope.resourceAttribute(name.slice(0, dot), name.slice(dot + 1)), 'Fn::Sub');
    if (name === '') return whole;
    return scalarText(scope.resourceRef(name), 'Fn::Sub');
  });
}

/** Fn::Cidr [ipBlock, count, cidrBits]: `count` subnets of /(32 - cidrBits) carved from the block in order. */
function cidr([block, countText, bitsText]: string[]): string[] {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block ?? '');
  const count = Number(countText);
  const bits = Number(bitsText);
  if (!match || !Number.isInteger(count) || !Number.isInteger(bits) || count < 1 || count > 256 || bits < 1 || bits > 32 - Number(match[5])) {
    throw evaluationError(`Invalid Fn::Cidr arguments: [${block}, ${countText}, ${bitsText}]`);
  }
  const base = match.slice(1, 5).reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const size = 2 ** bits;
  return Array.from({ length: count }, (_, index) => {
    const address = base + index * size;
    return `${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')}/${32 - bits}`;
  });
}

function asList(value: unknown, name: string, length?: number): unknown[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    throw evaluationError(`${name} requires ${length === undefined ? 'a list' : `a list of ${length} arguments`}.`);
  }
  return value;
}

function asString(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw evaluationError(`${name} requires a string argument.`);
}

function asBoolean(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw evaluationError(`${name} requires conditions that evaluate to true or false.`);
}

function scalarText(value: unknown, name: string): string {
  if (Array.isArray(value)) return value.map((item) => scalarText(item, name)).join(',');
  return asString(value, name);
}

function evaluationError(detail: string): TemplateError {
  return new TemplateError(`Template error: ${detail}`);
}
