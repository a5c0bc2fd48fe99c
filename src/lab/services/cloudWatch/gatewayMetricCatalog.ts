// The AWS/StorageGateway metrics a tape gateway publishes every minute, with their units and dimensions.

export const STORAGE_GATEWAY_NAMESPACE = 'AWS/StorageGateway';

/**
 * Gateway metrics carry both dimensions GatewayId and GatewayName (in that order), as AWS publishes them.
 * `gauge` metrics are a sample taken at the end of each minute; `counter` metrics count bytes during the minute
 * and, like AWS's, only have a data point for minutes in which something moved.
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

export const GATEWAY_DIMENSION_NAMES = ['GatewayId', 'GatewayName'] as const;

export function metricUnit(name: string): string | undefined {
  return GATEWAY_METRICS.find((metric) => metric.name === name)?.unit;
}
