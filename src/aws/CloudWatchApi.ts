// CloudWatch GetMetricData for a tape gateway's AWS/StorageGateway metrics (the SDK is loaded on first use).
import type { AwsClients } from './AwsClients';
import { type GatewayMetricName, STORAGE_GATEWAY_NAMESPACE, metricUnit } from '../tape/gatewayMetrics';
import { callAws } from './callAws';

const sdk = () => import('@aws-sdk/client-cloudwatch');

/** The metrics the dashboard charts: gauges averaged per period, byte counters summed. */
export const DASHBOARD_METRICS: readonly { readonly name: GatewayMetricName; readonly stat: 'Average' | 'Sum' }[] = [
  { name: 'CachePercentUsed', stat: 'Average' },
  { name: 'CachePercentDirty', stat: 'Average' },
  { name: 'UploadBufferPercentUsed', stat: 'Average' },
  { name: 'CacheHitPercent', stat: 'Average' },
  { name: 'WriteBytes', stat: 'Sum' },
  { name: 'ReadBytes', stat: 'Sum' },
  { name: 'CloudBytesUploaded', stat: 'Sum' },
  { name: 'CloudBytesDownloaded', stat: 'Sum' },
];

export type MetricRange = 'hour' | 'day';

export interface MetricSeries {
  readonly name: string;
  readonly unit: string;
  /** Ascending [epoch ms, value] pairs. */
  readonly points: readonly (readonly [number, number])[];
}

export interface GatewayMetrics {
  readonly range: MetricRange;
  readonly periodSeconds: number;
  readonly start: number;
  readonly end: number;
  readonly series: readonly MetricSeries[];
}

/** A period that keeps each chart at 60 points (hour) or 288 (day): CloudWatch's 1- and 5-minute resolutions. */
export function periodFor(range: MetricRange): number {
  return range === 'hour' ? 60 : 300;
}

export class CloudWatchApi {
  constructor(private readonly clients: AwsClients) {}

  /** Gateway metrics carry both dimensions, GatewayId and GatewayName, as AWS publishes them. */
  async gatewayMetrics(gatewayId: string, gatewayName: string, range: MetricRange, now = Date.now()): Promise<GatewayMetrics> {
    const { GetMetricDataCommand } = await sdk();
    const client = await this.clients.cloudWatch();
    const period = periodFor(range);
    const end = Math.ceil(now / (period * 1000)) * period * 1000;
    const start = end - (range === 'hour' ? 3600_000 : 86_400_000);
    const dimensions = [
      { Name: 'GatewayId', Value: gatewayId },
      { Name: 'GatewayName', Value: gatewayName },
    ];
    const points = new Map<string, [number, number][]>(DASHBOARD_METRICS.map((m) => [m.name, []]));
    await callAws(this.clients, 'GetMetricData', async () => {
      let token: string | undefined;
      do {
        const page = await client.send(
          new GetMetricDataCommand({
            StartTime: new Date(start),
            EndTime: new Date(end),
            ScanBy: 'TimestampAscending',
            NextToken: token,
            MetricDataQueries: DASHBOARD_METRICS.map((metric, index) => ({
              Id: `m${index}`,
              MetricStat: { Metric: { Namespace: STORAGE_GATEWAY_NAMESPACE, MetricName: metric.name, Dimensions: dimensions }, Period: period, Stat: metric.stat },
            })),
          }),
        );
        for (const result of page.MetricDataResults ?? []) {
          const metric = DASHBOARD_METRICS[Number((result.Id ?? '').slice(1))];
          const target = metric && points.get(metric.name);
          if (!target) continue;
          (result.Timestamps ?? []).forEach((at, i) => target.push([at.getTime(), result.Values?.[i] ?? 0]));
        }
        token = page.NextToken;
      } while (token);
    });
    return {
      range,
      periodSeconds: period,
      start,
      end,
      series: DASHBOARD_METRICS.map((metric) => ({ name: metric.name, unit: metricUnit(metric.name) ?? 'None', points: (points.get(metric.name) ?? []).sort((a, b) => a[0] - b[0]) })),
    };
  }
}
