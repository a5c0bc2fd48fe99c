// Settings as users type them: rates with units and AWS minimums, schedule intervals, maintenance windows; round trips.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatInterval, formatMaintenance, formatRate, MIN_UPLOAD_BITS_PER_SECOND, parseInterval, parseMaintenance, parseRate } from '../../../src/tape/gatewaySettingsText';

test('rates: plain bits, units, "none"; below the AWS minimum is refused with the minimum', () => {
  assert.deepEqual(parseRate('51200', MIN_UPLOAD_BITS_PER_SECOND), { ok: true, value: 51_200 });
  assert.deepEqual(parseRate('10 Mbit/s', MIN_UPLOAD_BITS_PER_SECOND), { ok: true, value: 10_000_000 });
  assert.deepEqual(parseRate('1.5gbps', MIN_UPLOAD_BITS_PER_SECOND), { ok: true, value: 1_500_000_000 });
  assert.deepEqual(parseRate('none', MIN_UPLOAD_BITS_PER_SECOND), { ok: true, value: undefined });
  const low = parseRate('1000', MIN_UPLOAD_BITS_PER_SECOND);
  assert.equal(low.ok, false);
  assert.match(low.ok ? '' : low.problem, /51,200/);
  assert.equal(parseRate('fast', MIN_UPLOAD_BITS_PER_SECOND).ok, false);
  assert.equal(formatRate(10_000_000), '10 Mbit/s');
  assert.equal(formatRate(51_200), '51.2 kbit/s');
});

test('intervals: days, ranges across the week end, inclusive end minute, at least one limit; round trip', () => {
  const parsed = parseInterval('Mon-Fri 08:00-17:59 up=10Mbit down=50Mbit');
  assert.deepEqual(parsed, { ok: true, value: { startHour: 8, startMinute: 0, endHour: 17, endMinute: 59, days: [1, 2, 3, 4, 5], uploadBitsPerSecond: 10_000_000, downloadBitsPerSecond: 50_000_000 } });
  assert.equal(parsed.ok && formatInterval(parsed.value), 'Mon,Tue,Wed,Thu,Fri 08:00-17:59 up=10Mbit down=50Mbit');
  const weekend = parseInterval('Sat-Sun 00:00-23:59 up=1Mbit');
  assert.deepEqual(weekend.ok && weekend.value.days, [0, 6]);
  assert.equal(parseInterval('Mon 18:00-06:00 up=1Mbit').ok, false);
  assert.equal(parseInterval('Mon 08:00-09:00').ok, false);
  assert.equal(parseInterval('Mon 08:00-09:00 up=100').ok, false);
  assert.equal(parseInterval('Funday 08:00-09:00 up=1Mbit').ok, false);
});

test('maintenance windows: weekly by day name, monthly by day 1-28', () => {
  assert.deepEqual(parseMaintenance('Sun 03:30'), { ok: true, value: { hour: 3, minute: 30, dayOfWeek: 0 } });
  assert.deepEqual(parseMaintenance('15 23:05'), { ok: true, value: { hour: 23, minute: 5, dayOfMonth: 15 } });
  assert.equal(parseMaintenance('31 03:00').ok, false);
  assert.equal(parseMaintenance('Sun 24:00').ok, false);
  assert.equal(formatMaintenance({ hour: 3, minute: 5, dayOfWeek: 6 }), 'Sat 03:05');
  assert.equal(formatMaintenance({ hour: 3, minute: 5, dayOfMonth: 2 }), '2 03:05');
});
