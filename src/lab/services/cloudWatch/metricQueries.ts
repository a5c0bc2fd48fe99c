// CloudWatch's GetMetricData and ListMetrics over the simulated gateway metrics, independent of the wire protocol.
import { AwsError } from '../../http/AwsError';
import { GATEWAY_METRICS, STORAGE_GATEWAY_NAMESPACE, metricUnit } from '../../../tape/gatewayMetrics';
import { MINUTE_MS, simulateGateway, type GatewayFacts, type MinuteSamples } from './gatewaySimulation';
import type { TrafficHistory } from './TrafficHistory';

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricInput {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: Dimension[];
}

export interface MetricDataQueryInput {
  Id: string;
  MetricStat?: { Metric: MetricInput; Period: number; Stat: string; Unit?: string };
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
  Period?: number;
  AccountId?: string;
}

export interface GetMetricDataInput {
  MetricDataQueries: MetricDataQueryInput[];
  StartTime: Date;
  EndTime: Date;
  NextToken?: string;
  ScanBy?: string;
  MaxDatapoints?: number;
}

export interface MetricDataResult {
  Id: string;
  Label: string;
  Timestamps: Date[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
  Messages: { Code: string; Value: string }[];
}

export interface ListMetricsInput {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value?: string }[];
  NextToken?: string;
  RecentlyActive?: string;
  IncludeLinkedAccounts?: boolean;
  OwningAccount?: string;
}

export interface MetricQueryScope {
  readonly accountId: string;
  readonly region: string;
  readonly now: number;
}

/** The gateways of an account and region, as Storage Gateway's state has them. */
export type GatewayFactsSource = (accountId: string, region: string) => Promise<GatewayFacts[]>;

const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const LIST_PAGE_SIZE = 500;
const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;
const PERCENTILE = /^p(\d{1,2}(?:\.\d{1,2})?|100)$/;

export const invalidParameterValue = (message: string): AwsError => new AwsError('InvalidParameterValue', message);
export const missingParameter = (name: string): AwsError => new AwsError('MissingParameter', `The parameter ${name} is required.`);

export class MetricQueries {
  constructor(
    private readonly gateways: GatewayFactsSource,
    private readonly history: TrafficHistory,
  ) {}

  async getMetricData(input: GetMetricDataInput, scope: MetricQueryScope): Promise<{ MetricDataResults: MetricDataResult[]; NextToken?: string; Messages: [] }> {
    const start = input.StartTime.getTime();
    const end = input.EndTime.getTime();
    if (input.MetricDataQueries.length === 0) throw invalidParameterValue('The parameter MetricDataQueries must contain at least one query.');
    if (input.MetricDataQueries.length > MAX_QUERIES) throw invalidParameterValue(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
    if (!(start < end)) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
    const seen = new Set<string>();
    input.MetricDataQueries.forEach((query, index) => checkQuery(query, index + 1, seen));
    const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
    const facts = await this.gateways(scope.accountId, scope.region);
    const simulated = new Map<string, Map<number, MinuteSamples>>();
    const series = input.MetricDataQueries.filter((query) => query.ReturnData !== false).map((query) => {
      const stat = query.MetricStat as NonNullable<MetricDataQueryInput['MetricStat']>;
      const gateway = matchGateway(stat.Metric, facts);
      let points: [number, number][] = [];
      const unit = metricUnit(stat.Metric.MetricName ?? '');
      if (gateway && (stat.Unit === undefined || stat.Unit === unit)) {
        let samples = simulated.get(gateway.gatewayArn);
        if (!samples) {
          samples = simulateGateway(gateway, this.history.traffic(gateway.gatewayArn), Math.min(end, scope.now));
          simulated.set(gateway.gatewayArn, samples);
        }
        points = aggregate(samples, stat.Metric.MetricName ?? '', stat.Stat, Math.max(stat.Period, 60) * 1000, start, end);
      }
      if (descending) points.reverse();
      return { query, points };
    });
    const offset = decodeToken(input.NextToken, 'InvalidNextToken');
    const limit = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
    let skipped = 0;
    let taken = 0;
    let more = false;
    const results = series.map(({ query, points }) => {
      const from = Math.min(points.length, Math.max(0, offset - skipped));
      skipped += from;
      const count = Math.min(points.length - from, Math.max(0, limit - taken));
      taken += count;
      const page = points.slice(from, from + count);
      skipped += count;
      const partial = from + count < points.length;
      more ||= partial;
      return {
        Id: query.Id,
        Label: query.Label ?? query.MetricStat?.Metric.MetricName ?? query.Id,
        Timestamps: page.map(([at]) => new Date(at)),
        Values: page.map(([, value]) => value),
        StatusCode: partial ? ('PartialData' as const) : ('Complete' as const),
        Messages: [],
      };
    });
    return { MetricDataResults: results, NextToken: more ? encodeToken(offset + taken) : undefined, Messages: [] };
  }

  async listMetrics(input: ListMetricsInput, scope: MetricQueryScope): Promise<{ Metrics: MetricInput[]; NextToken?: string; OwningAccounts?: string[] }> {
    if (input.RecentlyActive !== undefined && input.RecentlyActive !== 'PT3H') throw invalidParameterValue('The parameter RecentlyActive must be PT3H.');
    const facts = input.OwningAccount !== undefined && input.OwningAccount !== scope.accountId ? [] : await this.gateways(scope.accountId, scope.region);
    const all: MetricInput[] = [];
    for (const gateway of [...facts].sort((a, b) => a.gatewayId.localeCompare(b.gatewayId))) {
      for (const metric of GATEWAY_METRICS) {
        all.push({ Namespace: STORAGE_GATEWAY_NAMESPACE, MetricName: metric.name, Dimensions: gatewayDimensions(gateway) });
      }
    }
    const matching = all.filter(
      (metric) =>
        (input.Namespace === undefined || input.Namespace === metric.Namespace) &&
        (input.MetricName === undefined || input.MetricName === metric.MetricName) &&
        (input.Dimensions ?? []).every((filter) => metric.Dimensions?.some((d) => d.Name === filter.Name && (filter.Value === undefined || filter.Value === d.Value))),
    );
    const offset = decodeToken(input.NextToken, 'InvalidParameterValue');
    const page = matching.slice(offset, offset + LIST_PAGE_SIZE);
    const next = offset + LIST_PAGE_SIZE < matching.length ? encodeToken(offset + LIST_PAGE_SIZE) : undefined;
    return { Metrics: page, NextToken: next, OwningAccounts: input.IncludeLinkedAccounts ? page.map(() => scope.accountId) : undefined };
  }
}

export function gatewayDimensions(gateway: GatewayFacts): Dimension[] {
  return [
    { Name: 'GatewayId', Value: gateway.gatewayId },
    { Name: 'GatewayName', Value: gateway.gatewayName },
  ];
}

function checkQuery(query: MetricDataQueryInput, n: number, seen: Set<string>): void {
  const at = `MetricDataQueries.member.${n}`;
  if (!ID_PATTERN.test(query.Id)) throw invalidParameterValue(`The value ${query.Id} for parameter ${at}.Id is not valid: an Id starts with a lowercase letter and holds only letters, digits and underscores.`);
  if (seen.has(query.Id)) throw invalidParameterValue(`The value ${query.Id} for parameter ${at}.Id is used more than once; every query needs its own Id.`);
  seen.add(query.Id);
  if ((query.MetricStat === undefined) === (query.Expression === undefined)) {
    throw invalidParameterValue(`Exactly one element of MetricStat or Expression must be set in ${at}.`);
  }
  if (query.Expression !== undefined) {
    throw invalidParameterValue(`The lab evaluates MetricStat queries only; ${at} uses a metric math Expression. Ask for each metric with MetricStat and combine the values yourself.`);
  }
  const stat = query.MetricStat;
  if (!stat) return;
  if (stat.Period % 60 !== 0 && ![1, 5, 10, 30].includes(stat.Period)) {
    throw invalidParameterValue(`The parameter ${at}.MetricStat.Period must be a multiple of 60 (or 1, 5, 10 or 30 for high-resolution metrics).`);
  }
  if (!['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'].includes(stat.Stat) && !PERCENTILE.test(stat.Stat)) {
    throw invalidParameterValue(`The parameter ${at}.MetricStat.Stat "${stat.Stat}" is not a statistic the lab knows; use Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p90.`);
  }
}

/** The gateway whose dimensions the metric names exactly (AWS matches the full dimension set). */
function matchGateway(metric: MetricInput, facts: GatewayFacts[]): GatewayFacts | undefined {
  if (metric.Namespace !== STORAGE_GATEWAY_NAMESPACE || metricUnit(metric.MetricName ?? '') === undefined) return undefined;
  const dimensions = metric.Dimensions ?? [];
  return facts.find((gateway) => {
    const wanted = gatewayDimensions(gateway);
    return dimensions.length === wanted.length && wanted.every((w) => dimensions.some((d) => d.Name === w.Name && d.Value === w.Value));
  });
}

/** Ascending [periodStart, value] pairs; periods align to multiples of the period since the epoch, as CloudWatch's do. */
export function aggregate(samples: ReadonlyMap<number, MinuteSamples>, metricName: string, stat: string, periodMs: number, start: number, end: number): [number, number][] {
  const points: [number, number][] = [];
  for (let bucket = Math.floor(start / periodMs) * periodMs; bucket < end; bucket += periodMs) {
    const values: number[] = [];
    for (let minute = Math.max(bucket, Math.floor(start / MINUTE_MS) * MINUTE_MS); minute < Math.min(bucket + periodMs, end); minute += MINUTE_MS) {
      const value = samples.get(minute)?.[metricName as keyof MinuteSamples];
      if (value !== undefined) values.push(value);
    }
    if (values.length > 0) points.push([bucket, statistic(stat, values)]);
  }
  return points;
}

export function statistic(stat: string, values: number[]): number {
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
    default: {
      // Nearest-rank percentile.
      const p = Number(stat.slice(1));
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
    }
  }
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

function decodeToken(token: string | undefined, code: string): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // falls through to the error below
  }
  throw new AwsError(code, 'The NextToken is not valid; start again without it.');
}
