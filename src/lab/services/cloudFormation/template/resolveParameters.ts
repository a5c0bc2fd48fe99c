// Resolves a stack's parameter values: defaults, previous values, types, constraints and SSM parameter types.
import { AwsError } from '../../../http/AwsError';
import type { TemplateParameter } from './Template';

export interface GivenParameter {
  readonly ParameterKey: string;
  readonly ParameterValue?: string;
  readonly UsePreviousValue?: boolean;
}

/** A parameter as DescribeStacks shows it (ResolvedValue only for SSM parameter types). */
export interface StackParameter {
  readonly ParameterKey: string;
  readonly ParameterValue: string;
  readonly ResolvedValue?: string;
}

export interface ResolvedParameters {
  readonly values: Map<string, string | string[]>;
  readonly stackParameters: StackParameter[];
}

const SSM_VALUE_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

export function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

export function resolveParameters(
  declared: Readonly<Record<string, TemplateParameter>>,
  given: readonly GivenParameter[],
  previous: readonly StackParameter[],
  readSsmParameter: (name: string) => string | undefined,
): ResolvedParameters {
  const unknown = given.filter((parameter) => !Object.hasOwn(declared, parameter.ParameterKey)).map((parameter) => parameter.ParameterKey);
  if (unknown.length > 0) throw validation(`Parameters: [${unknown.join(', ')}] do not exist in the template`);

  const chosen = new Map<string, string>();
  const missing: string[] = [];
  for (const [name, declaration] of Object.entries(declared)) {
    const supplied = given.find((parameter) => parameter.ParameterKey === name);
    let value: string | undefined;
    if (supplied?.UsePreviousValue) {
      value = previous.find((parameter) => parameter.ParameterKey === name)?.ParameterValue;
      if (value === undefined) throw validation(`Invalid input for parameter key ${name}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`);
    } else if (supplied?.ParameterValue !== undefined) {
      value = supplied.ParameterValue;
    } else if (declaration.Default !== undefined && declaration.Default !== null) {
      value = Array.isArray(declaration.Default) ? declaration.Default.join(',') : String(declaration.Default);
    }
    if (value === undefined) missing.push(name);
    else chosen.set(name, value);
  }
  if (missing.length > 0) throw validation(`Parameters: [${missing.join(', ')}] must have values`);

  const values = new Map<string, string | string[]>();
  const stackParameters: StackParameter[] = [];
  for (const [name, declaration] of Object.entries(declared)) {
    const value = chosen.get(name) ?? '';
    const type = declaration.Type ?? 'String';
    checkConstraints(name, type, value, declaration);
    const ssmType = SSM_VALUE_TYPE.exec(type);
    if (ssmType) {
      const resolved = readSsmParameter(value);
      if (resolved === undefined) throw validation(`Unable to fetch parameters [${value}] from parameter store for this account.`);
      values.set(name, isListType(ssmType[1] ?? '') ? resolved.split(',') : resolved);
      stackParameters.push({ ParameterKey: name, ParameterValue: value, ResolvedValue: resolved });
      continue;
    }
    values.set(name, isListType(type) ? (value === '' ? [] : value.split(',').map((item) => item.trim())) : value);
    stackParameters.push({ ParameterKey: name, ParameterValue: isNoEcho(declaration) ? '****' : value });
  }
  return { values, stackParameters };
}

function isNoEcho(declaration: TemplateParameter): boolean {
  return declaration.NoEcho === true || declaration.NoEcho === 'true';
}

function checkConstraints(name: string, type: string, value: string, declaration: TemplateParameter): void {
  const fail = (detail: string) => {
    throw validation(declaration.ConstraintDescription ? `Parameter '${name}' failed to satisfy constraint: ${declaration.ConstraintDescription}` : `Parameter '${name}' ${detail}`);
  };
  const items = isListType(type) ? value.split(',').map((item) => item.trim()) : [value];
  for (const item of items) {
    if (type === 'Number' || type === 'List<Number>') {
      if (item.trim() === '' || !Number.isFinite(Number(item))) throw validation(`Parameter '${name}' must be a number.`);
      if (declaration.MinValue !== undefined && Number(item) < Number(declaration.MinValue)) fail(`must be a number not less than ${declaration.MinValue}`);
      if (declaration.MaxValue !== undefined && Number(item) > Number(declaration.MaxValue)) fail(`must be a number not greater than ${declaration.MaxValue}`);
    }
    if (declaration.AllowedValues && !declaration.AllowedValues.map(String).includes(item)) fail('must be one of AllowedValues');
    if (declaration.AllowedPattern !== undefined && !new RegExp(`^(?:${declaration.AllowedPattern})$`).test(item)) fail(`must match pattern ${declaration.AllowedPattern}`);
    if (declaration.MinLength !== undefined && item.length < Number(declaration.MinLength)) fail(`must contain at least ${declaration.MinLength} characters`);
    if (declaration.MaxLength !== undefined && item.length > Number(declaration.MaxLength)) fail(`must contain at most ${declaration.MaxLength} characters`);
  }
}

function validation(message: string): AwsError {
  return new AwsError('ValidationError', message);
}
