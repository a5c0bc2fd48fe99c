// Validates SSM JSON 1.1 inputs the way the service does (ValidationException texts for constraint failures).
import { AwsError } from '../../http/AwsError';

export type JsonInput = Readonly<Record<string, unknown>>;

export function validationException(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function requiredText(input: JsonInput, member: string, wireName: string, minLength = 1, maxLength = 2048): string {
  const value = input[member];
  if (value === undefined || value === null) throw validationException(`1 validation error detected: Value null at '${wireName}' failed to satisfy constraint: Member must not be null`);
  if (typeof value !== 'string') throw new AwsError('SerializationException', `Unexpected value type for ${member}; expected a string.`);
  if (value.length < minLength) throw validationException(`1 validation error detected: Value '${value}' at '${wireName}' failed to satisfy constraint: Member must have length greater than or equal to ${minLength}`);
  if (value.length > maxLength) throw validationException(`1 validation error detected: Value '${value}' at '${wireName}' failed to satisfy constraint: Member must have length less than or equal to ${maxLength}`);
  return value;
}

export function optionalText(input: JsonInput, member: string, wireName: string, minLength = 1, maxLength = 2048): string | undefined {
  return input[member] === undefined ? undefined : requiredText(input, member, wireName, minLength, maxLength);
}

export function textList(input: JsonInput, member: string): string[] {
  const value = input[member];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new AwsError('SerializationException', `Unexpected value type for ${member}; expected a list of strings.`);
  return value as string[];
}

export function optionalInteger(input: JsonInput, member: string, wireName: string, minimum: number, maximum: number): number | undefined {
  const value = input[member];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new AwsError('SerializationException', `Unexpected value type for ${member}; expected an integer.`);
  if (value < minimum) throw validationException(`1 validation error detected: Value '${value}' at '${wireName}' failed to satisfy constraint: Member must have value greater than or equal to ${minimum}`);
  if (value > maximum) throw validationException(`1 validation error detected: Value '${value}' at '${wireName}' failed to satisfy constraint: Member must have value less than or equal to ${maximum}`);
  return value;
}

/** SendCommand's MaxConcurrency and MaxErrors (botocore's SSM model): a count or a percentage, 1-7 characters. */
export const MAX_CONCURRENCY_PATTERN = /^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/;
export const MAX_ERRORS_PATTERN = /^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$/;

export function optionalPattern(input: JsonInput, member: string, wireName: string, pattern: RegExp, maxLength = 7): string | undefined {
  const value = optionalText(input, member, wireName, 1, maxLength);
  if (value !== undefined && !pattern.test(value)) {
    throw validationException(`1 validation error detected: Value '${value}' at '${wireName}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`);
  }
  return value;
}

/** Offset-based NextToken, opaque to callers. */
export function pageOf<T>(items: readonly T[], nextToken: unknown, size: number): { items: T[]; NextToken?: string } {
  const start = typeof nextToken === 'string' ? Number(Buffer.from(nextToken, 'base64').toString('utf8')) || 0 : 0;
  const more = start + size < items.length;
  return { items: items.slice(start, start + size), ...(more ? { NextToken: Buffer.from(String(start + size)).toString('base64') } : {}) };
}
