// The simulated gateway: writes fill the cache and the upload buffer, uploads drain them at the upload rate; statistics per period.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MINUTE_MS, simulateGateway, type GatewayFacts, type MinuteTraffic } from '../../../src/lab/services/cloudWatch/gatewaySimulation';
import { aggregate, statistic } from '../../../src/lab/services/cloudWatch/metricQueries';
import { uploadRateAt } from '../../../src/lab/services/storageGateway/gatewaySettings';

const T0 = Date.UTC(2026, 11, 1, 10, 0);
const MiB = 1024 * 1024;

function facts(rate: number): GatewayFacts {
  return { gatewayArn: 'arn', gatewayId: 'sgw-1', gatewayName: 'g', activatedAt: T0, cacheBytes: 100 * MiB, uploadBufferBytes: 10 * MiB, uploadRateAt: () => rate };
}

test('a write fills cache and upload buffer; the upload drains it minute by minute at the upload rate', () => {
  const traffic = new Map<number, MinuteTraffic>([[T0 + MINUTE_MS, { writeBytes: 30 * MiB, readBytes: 0, readMissBytes: 0 }]]);
  // 6 MiB per minute.
  const samples = simulateGateway(facts((6 * MiB) / 60), traffic, T0 + 10 * MINUTE_MS);
  assert.equal(samples.size, 10);
  assert.equal(samples.get(T0)?.CachePercentUsed, 0);
  const first = samples.get(T0 + MINUTE_MS);
  assert.equal(first?.WriteBytes, 30 * MiB);
  assert.equal(first?.CloudBytesUploaded, 6 * MiB);
  assert.equal(first?.CachePercentUsed, 30);
  assert.equal(first?.CachePercentDirty, 24);
  assert.equal(first?.UploadBufferPercentUsed, 100, '24 MiB dirty in a 10 MiB upload buffer: full');
  assert.equal(samples.get(T0 + 4 * MINUTE_MS)?.UploadBufferUsed, 6 * MiB);
  assert.equal(samples.get(T0 + 5 * MINUTE_MS)?.CachePercentDirty, 0);
  assert.equal(samples.get(T0 + 5 * MINUTE_MS)?.CloudBytesUploaded, 6 * MiB);
  assert.equal(samples.get(T0 + 6 * MINUTE_MS)?.CloudBytesUploaded, undefined, 'nothing left to upload');
  assert.equal(samples.get(T0 + 9 * MINUTE_MS)?.CachePercentUsed, 30, 'uploaded data stays cached');
});

test('reads of retrieved tapes miss the cache and are downloaded', () => {
  const traffic = new Map<number, MinuteTraffic>([[T0, { writeBytes: 0, readBytes: 4 * MiB, readMissBytes: 1 * MiB }]]);
  const sample = simulateGateway(facts(Infinity), traffic, T0 + MINUTE_MS).get(T0);
  assert.equal(sample?.CacheHitPercent, 75);
  assert.equal(sample?.CloudBytesDownloaded, MiB);
  assert.equal(sample?.ReadBytes, 4 * MiB);
});

test('periods align to the epoch; statistics over the minute samples', () => {
  const samples = new Map([0, 1, 2, 3, 4, 5].map((m) => [T0 + m * MINUTE_MS, { WriteBytes: (m + 1) * 10 }]));
  assert.deepEqual(aggregate(samples, 'WriteBytes', 'Sum', 5 * MINUTE_MS, T0, T0 + 6 * MINUTE_MS), [[T0, 150], [T0 + 5 * MINUTE_MS, 60]]);
  assert.deepEqual(aggregate(samples, 'WriteBytes', 'Maximum', 3 * MINUTE_MS, T0 + MINUTE_MS, T0 + 6 * MINUTE_MS), [[T0, 30], [T0 + 3 * MINUTE_MS, 60]]);
  assert.equal(statistic('Average', [1, 2, 3, 6]), 3);
  assert.equal(statistic('SampleCount', [1, 2]), 2);
  assert.equal(statistic('p50', [5, 1, 3]), 3);
  assert.equal(statistic('p100', [5, 1, 3]), 5);
});

test('the upload rate in force: a schedule interval (in the gateway time zone, end minute included) wins over the plain limit', () => {
  const settings = {
    uploadRateLimitBitsPerSec: 1_000_000,
    schedule: [{ StartHourOfDay: 9, StartMinuteOfHour: 0, EndHourOfDay: 9, EndMinuteOfHour: 59, DaysOfWeek: [2], AverageUploadRateLimitInBitsPerSec: 51_200 }],
    maintenance: { hourOfDay: 0, minuteOfHour: 0, dayOfWeek: 0 },
    lastSoftwareUpdate: 0,
  };
  // 2026-12-01 is a Tuesday (day 2); 10:30 UTC is 09:30 at GMT-1:00.
  assert.equal(uploadRateAt(settings, 'GMT-1:00', Date.UTC(2026, 11, 1, 10, 30)), 51_200);
  assert.equal(uploadRateAt(settings, 'GMT-1:00', Date.UTC(2026, 11, 1, 10, 59, 59)), 51_200);
  assert.equal(uploadRateAt(settings, 'GMT-1:00', Date.UTC(2026, 11, 1, 11, 0)), 1_000_000);
  assert.equal(uploadRateAt(settings, 'GMT', Date.UTC(2026, 11, 1, 10, 30)), 1_000_000);
  assert.equal(uploadRateAt(undefined, 'GMT', T0), undefined);
});
