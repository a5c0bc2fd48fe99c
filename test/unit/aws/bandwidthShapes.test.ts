// The bandwidth schedule's mapping between the SDK's interval shape and the extension's: field by field, and back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromBandwidthInterval, toBandwidthInterval } from '../../../src/aws/storageGatewayShapes';

test('an interval maps to UpdateBandwidthRateLimitSchedule fields and back unchanged', () => {
  const interval = { startHour: 9, startMinute: 0, endHour: 17, endMinute: 59, days: [1, 2, 3, 4, 5], uploadBitsPerSecond: 51_200, downloadBitsPerSecond: undefined };
  const sdk = fromBandwidthInterval(interval);
  assert.deepEqual(sdk, { StartHourOfDay: 9, StartMinuteOfHour: 0, EndHourOfDay: 17, EndMinuteOfHour: 59, DaysOfWeek: [1, 2, 3, 4, 5], AverageUploadRateLimitInBitsPerSec: 51_200, AverageDownloadRateLimitInBitsPerSec: undefined });
  assert.deepEqual(toBandwidthInterval(sdk), interval);
});

test('missing SDK fields read as midnight and no days, limits stay absent', () => {
  assert.deepEqual(toBandwidthInterval({} as Parameters<typeof toBandwidthInterval>[0]), { startHour: 0, startMinute: 0, endHour: 0, endMinute: 0, days: [], uploadBitsPerSecond: undefined, downloadBitsPerSecond: undefined });
});
