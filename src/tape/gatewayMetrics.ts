// The AWS/StorageGateway metrics a tape gateway publishes, with their CloudWatch units: one list for the lab and the dashboard.

export const STORAGE_GATEWAY_NAMESPACE = 'AWS/StorageGateway';

/**
 * Each metric's unit, and its kind: `gauge` metrics are a sample taken at the end of each minute; `counter` metrics count
 * during the minute and, like AWS's, only have a data point for minutes in which something moved.
 */
export const GATEWAY_METRICS = [
  { name: 'CacheHitPercent', unit: 'Percent', kind: 'counter' },
  { name: 'CachePercentDirty', unit: 'Percent', kind: 'gauge' },
  { name: 'CachePercentUsed', unit: 'Percent', kind: 'gauge' },
  { name: 'CacheUsed', unit: 'Bytes', kind: 'gauge' },
  { name: 'CacheFree', unit: 'Bytes', kind: 'gauge' },
  { name: 'TotalCacheSize', unit: 'Bytes', kind: 'gauge' },
  { name: 'UploadBufferPercentUsed', unit: 'Percent', kind: 'gauge' },
  { name: 'UploadBufferUsed', unit: 'Bytes', kind: 'gauge' },
  { name: 'UploadBufferFree', unit: 'Bytes', kind: 'gauge' },
  { name: 'CloudBytesUploaded', unit: 'Bytes', kind: 'counter' },
  { name: 'CloudBytesDownloaded', unit: 'Bytes', kind: 'counter' },
  { name: 'ReadBytes', unit: 'Bytes', kind: 'counter' },
  { name: 'WriteBytes', unit: 'Bytes', kind: 'counter' },
] as const;

export type GatewayMetricName = (typeof GATEWAY_METRICS)[number]['name'];
export type GatewayMetricUnit = (typeof GATEWAY_METRICS)[number]['unit'];

/** The unit CloudWatch reports for a gateway metric, or undefined for a name a tape gateway does not publish. */
export function metricUnit(name: string): GatewayMetricUnit | undefined {
  return GATEWAY_METRICS.find((metric) => metric.name === name)?.unit;
}
