// Turns a gateway's per-minute tape traffic into its cache and upload-buffer metrics: writes fill, uploads drain.
import type { GatewayMetricName } from '../../../tape/gatewayMetrics';

export const MINUTE_MS = 60_000;

/** Bytes that moved through a gateway's drives in one minute. */
export interface MinuteTraffic {
  writeBytes: number;
  readBytes: number;
  /** Reads of data not in the cache (retrieved tapes): fetched from the cloud. */
  readMissBytes: number;
}

/** What the simulation needs to know about a gateway (from Storage Gateway's state). */
export interface GatewayFacts {
  readonly gatewayArn: string;
  readonly gatewayId: string;
  readonly gatewayName: string;
  readonly activatedAt: number;
  readonly cacheBytes: number;
  readonly uploadBufferBytes: number;
  /** Upload rate in bytes per second at a given minute (a bandwidth limit or the lab's uplink); Infinity drains at once. */
  readonly uploadRateAt: (epochMs: number) => number;
}

export type MinuteSamples = Partial<Record<GatewayMetricName, number>>;

/**
 * One sample set per minute from activation to `untilMs` (exclusive), keyed by the minute's start (epoch ms).
 * Cached data stays until the cache is full (then the oldest is evicted); dirty data is what is not yet uploaded,
 * held in the upload buffer and drained at the upload rate.
 */
export function simulateGateway(facts: GatewayFacts, traffic: ReadonlyMap<number, MinuteTraffic>, untilMs: number): Map<number, MinuteSamples> {
  const samples = new Map<number, MinuteSamples>();
  let cached = 0;
  let dirty = 0;
  const first = Math.floor(facts.activatedAt / MINUTE_MS) * MINUTE_MS;
  for (let minute = first; minute < untilMs; minute += MINUTE_MS) {
    const moved = traffic.get(minute);
    const sample: MinuteSamples = {};
    if (moved) {
      cached = Math.min(facts.cacheBytes, cached + moved.writeBytes + moved.readMissBytes);
      dirty += moved.writeBytes;
      if (moved.writeBytes > 0) sample.WriteBytes = moved.writeBytes;
      if (moved.readBytes > 0) {
        sample.ReadBytes = moved.readBytes;
        sample.CacheHitPercent = ((moved.readBytes - moved.readMissBytes) / moved.readBytes) * 100;
      }
      if (moved.readMissBytes > 0) sample.CloudBytesDownloaded = moved.readMissBytes;
    }
    if (dirty > 0) {
      const uploaded = Math.min(dirty, facts.uploadRateAt(minute) * 60);
      dirty -= uploaded;
      if (uploaded > 0) sample.CloudBytesUploaded = uploaded;
    }
    const buffered = Math.min(dirty, facts.uploadBufferBytes);
    sample.CacheUsed = cached;
    sample.TotalCacheSize = facts.cacheBytes;
    sample.CacheFree = facts.cacheBytes - cached;
    sample.CachePercentUsed = percent(cached, facts.cacheBytes);
    sample.CachePercentDirty = percent(Math.min(dirty, facts.cacheBytes), facts.cacheBytes);
    sample.UploadBufferUsed = buffered;
    sample.UploadBufferFree = facts.uploadBufferBytes - buffered;
    sample.UploadBufferPercentUsed = percent(buffered, facts.uploadBufferBytes);
    samples.set(minute, sample);
  }
  return samples;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}
