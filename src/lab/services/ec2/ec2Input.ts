// Reading EC2 request parameters (ids, filters, MaxResults/NextToken) and paging results as EC2 does.
import { AwsError } from '../../http/AwsError';
import { parseEc2Params, type Ec2Param } from '../../http/ec2Query';

export interface Ec2Filter {
  readonly name: string;
  readonly values: readonly string[];
}

export interface Ec2Request {
  readonly params: Record<string, Ec2Param>;
  /** `Name.1`, `Name.2`, … as a list; a single value given without a position is refused as EC2 refuses it. */
  list(name: string): string[];
  string(name: string): string | undefined;
  boolean(name: string): boolean | undefined;
  integer(name: string): number | undefined;
  filters(): Ec2Filter[];
}

export function ec2Request(form: Readonly<Record<string, string>>): Ec2Request {
  const params = parseEc2Params(form);
  const string = (name: string): string | undefined => {
    const value = params[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new AwsError('InvalidParameterValue', `Value for parameter ${name} is invalid: expected a single value, not a list.`);
    return value;
  };
  return {
    params,
    list(name) {
      const value = params[name];
      if (value === undefined) return [];
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        throw new AwsError('InvalidParameterValue', `Value for parameter ${name} is invalid: send it as ${name}.1, ${name}.2, …`);
      }
      return value as string[];
    },
    string,
    boolean(name) {
      const value = string(name);
      if (value === undefined) return undefined;
      if (value !== 'true' && value !== 'false') throw new AwsError('InvalidParameterValue', `Invalid value '${value}' for ${name}: use true or false.`);
      return value === 'true';
    },
    integer(name) {
      const value = string(name);
      if (value === undefined) return undefined;
      if (!/^-?\d+$/.test(value)) throw new AwsError('InvalidParameterValue', `Invalid value '${value}' for ${name}: it must be an integer.`);
      return Number(value);
    },
    filters() {
      const value = params.Filter;
      if (value === undefined) return [];
      if (!Array.isArray(value)) throw new AwsError('InvalidParameterValue', 'The filter list is malformed: send Filter.1.Name and Filter.1.Value.1, …');
      return value.map((filter) => {
        if (typeof filter !== 'object' || Array.isArray(filter) || typeof filter.Name !== 'string') {
          throw new AwsError('InvalidParameterValue', 'The filter list is malformed: every filter needs a Name.');
        }
        const values = filter.Value === undefined ? [] : Array.isArray(filter.Value) ? filter.Value.filter((v): v is string => typeof v === 'string') : [];
        return { name: filter.Name, values };
      });
    },
  };
}

/** Every id must exist; EC2 names the missing ones, comma-separated, in one error. */
export function requireAll(ids: readonly string[], exists: (id: string) => boolean, code: string, noun: string): void {
  const missing = ids.filter((id) => !exists(id));
  if (missing.length === 0) return;
  throw new AwsError(code, missing.length === 1 ? `The ${noun} '${missing[0]}' does not exist` : `The ${noun}s '${missing.join(', ')}' do not exist`);
}

/** Ids must look like `prefix-` and 8 or 17 hex digits before EC2 even looks them up. */
export function requireWellFormed(ids: readonly string[], prefix: string, code: string): void {
  const pattern = new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);
  const bad = ids.find((id) => !pattern.test(id));
  if (bad !== undefined) throw new AwsError(code, `Invalid id: "${bad}"`);
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * MaxResults/NextToken paging. EC2 refuses MaxResults outside [min, max] and, for some operations, together with explicit ids;
 * tokens here are opaque base64 of the next item's key, so each item appears once while items are added or removed.
 */
export function paginate<T>(items: readonly T[], key: (item: T) => string, request: Ec2Request, limits: { min: number; max: number; idsParameter?: string; clampToMax?: boolean }): Page<T> {
  const maxResults = request.integer('MaxResults');
  const token = request.string('NextToken');
  if (maxResults !== undefined) {
    if (limits.idsParameter !== undefined) throw new AwsError('InvalidParameterCombination', `The parameter ${limits.idsParameter} cannot be used with the parameter maxResults`);
    if (maxResults < limits.min || (maxResults > limits.max && limits.clampToMax !== true)) {
      throw new AwsError('InvalidParameterValue', `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${limits.min} and ${limits.max}.`);
    }
  }
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let start = 0;
  if (token !== undefined) {
    const after = Buffer.from(token, 'base64').toString('utf8');
    if (token === '' || !/^[A-Za-z0-9+/=]+$/.test(token) || !after.startsWith('next:')) throw new AwsError('InvalidParameterValue', `The token '${token}' is invalid. Use the NextToken of the previous page.`);
    const from = after.slice('next:'.length);
    start = sorted.findIndex((item) => key(item) >= from);
    if (start < 0) start = sorted.length;
  }
  if (maxResults === undefined) return { items: sorted.slice(start) };
  const end = start + Math.min(maxResults, limits.max);
  const next = sorted[end];
  return { items: sorted.slice(start, end), ...(next === undefined ? {} : { nextToken: Buffer.from(`next:${key(next)}`, 'utf8').toString('base64') }) };
}
