// What users type for gateway settings, parsed and formatted: bandwidth rates, schedule intervals, maintenance windows.
import type { BandwidthInterval } from './model';

/** AWS's smallest limits: upload 51,200 bit/s, download 102,400 bit/s (BandwidthUploadRateLimit / BandwidthDownloadRateLimit). */
export const MIN_UPLOAD_BITS_PER_SECOND = 51_200;
export const MIN_DOWNLOAD_BITS_PER_SECOND = 102_400;

const RATE_UNITS: Record<string, number> = { '': 1, bit: 1, bits: 1, bps: 1, k: 1e3, kbit: 1e3, kbps: 1e3, m: 1e6, mbit: 1e6, mbps: 1e6, g: 1e9, gbit: 1e9, gbps: 1e9 };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** "51200", "10 Mbit/s", "1.5 Gbps", "none"/"" (no limit) in bits per second; checked against AWS's minimum. */
export function parseRate(text: string, minimum: number): Parsed<number | undefined> {
  const trimmed = text.trim().toLowerCase().replace(/\/s$/, '');
  if (trimmed === '' || trimmed === 'none' || trimmed === 'unlimited') return { ok: true, value: undefined };
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/.exec(trimmed);
  const unit = match ? RATE_UNITS[match[2] ?? ''] : undefined;
  if (!match || unit === undefined) return { ok: false, problem: 'Write a rate such as 51200, 500 kbit/s, 10 Mbit/s or 1 Gbit/s, or "none" for no limit.' };
  const bits = Math.round(Number(match[1]) * unit);
  if (bits < minimum) return { ok: false, problem: `AWS needs at least ${formatRate(minimum)} (${minimum.toLocaleString('en-US')} bit/s).` };
  return { ok: true, value: bits };
}

export function formatRate(bitsPerSecond: number | undefined): string {
  if (bitsPerSecond === undefined) return 'none';
  for (const [unit, size] of [['Gbit/s', 1e9], ['Mbit/s', 1e6], ['kbit/s', 1e3]] as const) {
    if (bitsPerSecond >= size) return `${Number((bitsPerSecond / size).toFixed(2))} ${unit}`;
  }
  return `${bitsPerSecond} bit/s`;
}

export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

function parseDays(text: string): number[] | undefined {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to] = part.split('-').map((name) => DAY_NAMES.findIndex((day) => day.toLowerCase() === name.trim().slice(0, 3).toLowerCase()));
    if (from === undefined || from < 0 || (to !== undefined && to < 0)) return undefined;
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (to === undefined || day === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function parseClock(text: string): [number, number] | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? [hour, minute] : undefined;
}

/**
 * One schedule interval: "Mon-Fri 08:00-17:59 up=10Mbit down=50Mbit". Days as names, ranges or lists; times in the
 * gateway's time zone, the end minute included; at least one of up= and down=.
 */
export function parseInterval(text: string): Parsed<BandwidthInterval> {
  const usage = 'Write an interval as "Mon-Fri 08:00-17:59 up=10Mbit down=50Mbit" (days, start-end in the gateway time zone, and up=, down= or both).';
  const [dayText, timeText, ...limits] = text.trim().split(/\s+/);
  const days = dayText ? parseDays(dayText) : undefined;
  const [startText, endText] = (timeText ?? '').split('-');
  const start = parseClock(startText ?? '');
  const end = parseClock(endText ?? '');
  if (!days || !start || !end || limits.length === 0) return { ok: false, problem: usage };
  if (end[0] * 60 + end[1] < start[0] * 60 + start[1]) return { ok: false, problem: 'The interval ends before it starts; one cannot cross midnight, so split it in two.' };
  let up: number | undefined;
  let down: number | undefined;
  for (const limit of limits) {
    const [name, value] = limit.split('=');
    const which = name?.toLowerCase();
    if ((which !== 'up' && which !== 'down') || value === undefined) return { ok: false, problem: usage };
    const rate = parseRate(value, which === 'up' ? MIN_UPLOAD_BITS_PER_SECOND : MIN_DOWNLOAD_BITS_PER_SECOND);
    if (!rate.ok) return rate;
    if (which === 'up') up = rate.value;
    else down = rate.value;
  }
  return { ok: true, value: { startHour: start[0], startMinute: start[1], endHour: end[0], endMinute: end[1], days, uploadBitsPerSecond: up, downloadBitsPerSecond: down } };
}

const two = (n: number) => String(n).padStart(2, '0');

export function formatInterval(interval: BandwidthInterval): string {
  const limits = [interval.uploadBitsPerSecond !== undefined ? `up=${formatRate(interval.uploadBitsPerSecond).replace(/ |\/s/g, '')}` : '', interval.downloadBitsPerSecond !== undefined ? `down=${formatRate(interval.downloadBitsPerSecond).replace(/ |\/s/g, '')}` : ''].filter(Boolean);
  return `${interval.days.map((day) => DAY_NAMES[day]).join(',')} ${two(interval.startHour)}:${two(interval.startMinute)}-${two(interval.endHour)}:${two(interval.endMinute)} ${limits.join(' ')}`;
}

/** "Sun 03:30" (weekly) or "28 03:30" (monthly, day 1-28). */
export function parseMaintenance(text: string): Parsed<{ hour: number; minute: number; dayOfWeek?: number; dayOfMonth?: number }> {
  const [dayText, timeText] = text.trim().split(/\s+/);
  const clock = parseClock(timeText ?? '');
  const usage = 'Write a weekly window as "Sun 03:30" or a monthly one as "15 03:30" (day of the month 1-28), in the gateway time zone.';
  if (!dayText || !clock) return { ok: false, problem: usage };
  if (/^\d+$/.test(dayText)) {
    const day = Number(dayText);
    return day >= 1 && day <= 28 ? { ok: true, value: { hour: clock[0], minute: clock[1], dayOfMonth: day } } : { ok: false, problem: 'A monthly window falls on day 1 to 28.' };
  }
  const days = parseDays(dayText);
  if (!days || days.length !== 1) return { ok: false, problem: usage };
  return { ok: true, value: { hour: clock[0], minute: clock[1], dayOfWeek: days[0] } };
}

export function formatMaintenance(window: { hour: number; minute: number; dayOfWeek?: number; dayOfMonth?: number }): string {
  const day = window.dayOfMonth !== undefined ? String(window.dayOfMonth) : DAY_NAMES[window.dayOfWeek ?? 0];
  return `${day} ${two(window.hour)}:${two(window.minute)}`;
}
