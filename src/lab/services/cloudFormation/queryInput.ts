// Reads query-protocol inputs: scalars, booleans and `Name.member.N[.Field]` lists from the decoded form.
import { AwsError } from '../../http/AwsError';

export type Form = Readonly<Record<string, string>>;

export function stringMembers(form: Form, name: string): string[] {
  const result: string[] = [];
  for (let index = 1; form[`${name}.member.${index}`] !== undefined; index += 1) result.push(form[`${name}.member.${index}`] ?? '');
  return result;
}

export function structureMembers(form: Form, name: string): Record<string, string>[] {
  const result: Record<string, string>[] = [];
  for (let index = 1; ; index += 1) {
    const prefix = `${name}.member.${index}.`;
    const fields = Object.entries(form).filter(([key]) => key.startsWith(prefix));
    if (fields.length === 0) return result;
    result.push(Object.fromEntries(fields.map(([key, value]) => [key.slice(prefix.length), value])));
  }
}

export function booleanField(form: Form, name: string): boolean | undefined {
  const value = form[name];
  return value === undefined ? undefined : value === 'true';
}

export function requiredField(form: Form, name: string, memberName: string): string {
  const value = form[name];
  if (value === undefined || value === '') {
    throw new AwsError('ValidationError', `1 validation error detected: Value null at '${memberName}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}
