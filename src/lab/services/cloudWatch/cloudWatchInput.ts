// Reads CloudWatch inputs from either wire form (query-protocol form fields or a JSON 1.0 body) into typed inputs.
import { invalidParameterValue, missingParameter, type GetMetricDataInput, type ListMetricsInput, type MetricDataQueryInput, type MetricInput } from './metricQueries';

type Node = unknown;

/** `A.member.2.B=x` form fields as the tree `{A: [undefined, {B: 'x'}]}` (list indexes are 1-based on the wire). */
export function unflattenForm(form: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const parts = key.split('.');
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length; i += 1) {
      const last = i === parts.length - 1;
      let part: string | number = parts[i] ?? '';
      if (part === 'member' && Array.isArray(node)) continue;
      if (Array.isArray(node)) {
        const index = Number(part);
        if (!Number.isInteger(index) || index < 1) break;
        part = index - 1;
      }
      const next = parts[i + 1] === 'member' ? [] : {};
      const container = node as Record<string | number, unknown>;
      if (last) container[part] = value;
      else {
        container[part] ??= next;
        node = container[part] as Record<string, unknown> | unknown[];
        if (typeof node !== 'object' || node === null) break;
      }
    }
  }
  return root;
}

function field(node: Node, name: string): unknown {
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[name] : undefined;
}

function invalid(path: string, value: unknown): Error {
  return invalidParameterValue(`The value ${typeof value === 'object' ? JSON.stringify(value) : String(value)} for parameter ${path} is not valid.`);
}

function text(node: Node, name: string, path: string, isRequired = false): string | undefined {
  const value = field(node, name);
  if (value === undefined || value === null) {
    if (isRequired) throw missingParameter(`${path}${name}`);
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(`${path}${name}`, value);
  return value;
}

function integer(node: Node, name: string, path: string, isRequired = false): number | undefined {
  const value = field(node, name);
  if (value === undefined || value === null) {
    if (isRequired) throw missingParameter(`${path}${name}`);
    return undefined;
  }
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw invalid(`${path}${name}`, value);
  return number;
}

function boolean(node: Node, name: string, path: string): boolean | undefined {
  const value = field(node, name);
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalid(`${path}${name}`, value);
}

/** Epoch seconds (JSON) or ISO 8601 / epoch seconds text (query). */
function timestamp(node: Node, name: string): Date {
  const value = field(node, name);
  if (value === undefined || value === null) throw missingParameter(name);
  const ms = typeof value === 'number' ? value * 1000 : /^\d+(\.\d+)?$/.test(String(value)) ? Number(value) * 1000 : Date.parse(String(value));
  if (!Number.isFinite(ms)) throw invalid(name, value);
  return new Date(ms);
}

function items(node: Node, name: string, path: string, max?: number): unknown[] {
  const value = field(node, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(`${path}${name}`, value);
  if (max !== undefined && value.length > max) throw invalidParameterValue(`The collection ${path}${name} must not have a size greater than ${max}.`);
  return Array.from(value, (item) => item ?? {});
}

function metric(node: Node, path: string): MetricInput {
  return {
    Namespace: text(node, 'Namespace', path),
    MetricName: text(node, 'MetricName', path),
    Dimensions: items(node, 'Dimensions', path, 30).map((d, i) => ({
      Name: text(d, 'Name', `${path}Dimensions.member.${i + 1}.`, true) ?? '',
      Value: text(d, 'Value', `${path}Dimensions.member.${i + 1}.`, true) ?? '',
    })),
  };
}

export function readGetMetricDataInput(tree: Record<string, unknown>): GetMetricDataInput {
  const queries = items(tree, 'MetricDataQueries', '').map((query, i): MetricDataQueryInput => {
    const at = `MetricDataQueries.member.${i + 1}.`;
    const stat = field(query, 'MetricStat');
    return {
      Id: text(query, 'Id', at, true) ?? '',
      MetricStat:
        stat === undefined || stat === null
          ? undefined
          : {
              Metric: metric(field(stat, 'Metric') ?? {}, `${at}MetricStat.Metric.`),
              Period: integer(stat, 'Period', `${at}MetricStat.`, true) ?? 60,
              Stat: text(stat, 'Stat', `${at}MetricStat.`, true) ?? '',
              Unit: text(stat, 'Unit', `${at}MetricStat.`),
            },
      Expression: text(query, 'Expression', at),
      Label: text(query, 'Label', at),
      ReturnData: boolean(query, 'ReturnData', at),
      Period: integer(query, 'Period', at),
      AccountId: text(query, 'AccountId', at),
    };
  });
  if (field(tree, 'MetricDataQueries') === undefined) throw missingParameter('MetricDataQueries');
  const period = queries.find((q) => q.MetricStat && q.MetricStat.Period < 1);
  if (period) throw invalidParameterValue(`The parameter Period of query ${period.Id} must be at least 1.`);
  const scanBy = text(tree, 'ScanBy', '');
  if (scanBy !== undefined && scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') throw invalid('ScanBy', scanBy);
  return {
    MetricDataQueries: queries,
    StartTime: timestamp(tree, 'StartTime'),
    EndTime: timestamp(tree, 'EndTime'),
    NextToken: text(tree, 'NextToken', ''),
    ScanBy: scanBy,
    MaxDatapoints: integer(tree, 'MaxDatapoints', ''),
  };
}

export function readListMetricsInput(tree: Record<string, unknown>): ListMetricsInput {
  return {
    Namespace: text(tree, 'Namespace', ''),
    MetricName: text(tree, 'MetricName', ''),
    Dimensions: items(tree, 'Dimensions', '', 10).map((d, i) => ({ Name: text(d, 'Name', `Dimensions.member.${i + 1}.`, true) ?? '', Value: text(d, 'Value', `Dimensions.member.${i + 1}.`) })),
    NextToken: text(tree, 'NextToken', ''),
    RecentlyActive: text(tree, 'RecentlyActive', ''),
    IncludeLinkedAccounts: boolean(tree, 'IncludeLinkedAccounts', ''),
    OwningAccount: text(tree, 'OwningAccount', ''),
  };
}
