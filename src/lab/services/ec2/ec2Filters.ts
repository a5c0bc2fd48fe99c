// EC2 Describe* filters: named fields, tag:KEY / tag-key / tag-value, `*` and `?` wildcards, OR within a filter, AND across filters.
import { AwsError } from '../../http/AwsError';
import type { Ec2Filter } from './ec2Input';

/** Filter name -> the values a resource has for it (a resource matches when any of them matches any filter value). */
export type FilterFields<T> = Readonly<Record<string, (item: T) => readonly (string | undefined)[]>>;

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

function anyMatches(have: readonly (string | undefined)[], wanted: readonly string[]): boolean {
  const patterns = wanted.map(wildcard);
  return have.some((value) => value !== undefined && patterns.some((pattern) => pattern.test(value)));
}

/** Keeps the items that pass every filter; an unknown filter name is EC2's InvalidParameterValue. */
export function applyFilters<T>(items: readonly T[], filters: readonly Ec2Filter[], fields: FilterFields<T>, tagsOf: (item: T) => Readonly<Record<string, string>>): T[] {
  const checks = filters.map((filter) => {
    if (filter.values.length === 0) throw new AwsError('InvalidParameterValue', `The filter '${filter.name}' has no values: add Filter.N.Value.1.`);
    if (filter.name.startsWith('tag:')) {
      const key = filter.name.slice(4);
      return (item: T) => anyMatches([tagsOf(item)[key]], filter.values);
    }
    if (filter.name === 'tag-key') return (item: T) => anyMatches(Object.keys(tagsOf(item)), filter.values);
    if (filter.name === 'tag-value') return (item: T) => anyMatches(Object.values(tagsOf(item)), filter.values);
    const field = Object.hasOwn(fields, filter.name) ? fields[filter.name] : undefined;
    if (!field) throw new AwsError('InvalidParameterValue', `The filter '${filter.name}' is invalid`);
    return (item: T) => anyMatches(field(item), filter.values);
  });
  return items.filter((item) => checks.every((check) => check(item)));
}

/** A tag map as EC2's tagSet: key/value items sorted by key. */
export function tagSet(tags: Readonly<Record<string, string>>): { key: string; value: string }[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] ?? '' }));
}
