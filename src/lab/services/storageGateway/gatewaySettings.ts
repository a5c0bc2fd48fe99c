// A gateway's settings beyond identity: bandwidth limits and their schedule, the maintenance window, the software update record.

/** One interval of a bandwidth rate limit schedule, as UpdateBandwidthRateLimitSchedule takes it. */
export interface BandwidthInterval {
  StartHourOfDay: number;
  StartMinuteOfHour: number;
  EndHourOfDay: number;
  EndMinuteOfHour: number;
  DaysOfWeek: number[];
  AverageUploadRateLimitInBitsPerSec?: number;
  AverageDownloadRateLimitInBitsPerSec?: number;
}

export interface MaintenanceWindow {
  hourOfDay: number;
  minuteOfHour: number;
  /** 0 (Sunday) - 6; set for a weekly window. */
  dayOfWeek?: number;
  /** 1 - 28; set for a monthly window. */
  dayOfMonth?: number;
}

export interface GatewaySettings {
  uploadRateLimitBitsPerSec?: number;
  downloadRateLimitBitsPerSec?: number;
  schedule: BandwidthInterval[];
  maintenance: MaintenanceWindow;
  /** Epoch ms of the last UpdateGatewaySoftwareNow (or of activation: the appliance ships current). */
  lastSoftwareUpdate: number;
  /** Epoch ms from which the lab offers a newer gateway software; absent while the gateway is current. */
  nextUpdateAvailable?: number;
}

/** The lab publishes a new gateway software release this long after the last update (lab clock). */
export const SOFTWARE_RELEASE_INTERVAL_MS = 14 * 24 * 3600 * 1000;

/** Deterministic defaults per gateway: AWS assigns each new gateway a weekly maintenance window of its own. */
export function defaultSettings(gatewayId: string, activatedAt: number): GatewaySettings {
  let hash = 0;
  for (const char of gatewayId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return {
    schedule: [],
    maintenance: { hourOfDay: hash % 24, minuteOfHour: (hash >>> 5) % 60, dayOfWeek: (hash >>> 11) % 7 },
    lastSoftwareUpdate: activatedAt,
    nextUpdateAvailable: activatedAt + SOFTWARE_RELEASE_INTERVAL_MS,
  };
}

/** What the settings hold in a gateway record, created on first use so older lab state needs no migration. */
export function settingsOf(gateway: { gatewayId: string; activatedAt: number; settings?: GatewaySettings }): GatewaySettings {
  gateway.settings ??= defaultSettings(gateway.gatewayId, gateway.activatedAt);
  return gateway.settings;
}

/** Storage Gateway's date strings ("2016-01-02T16:00:00"): no zone, no fraction, in the gateway's time zone. */
export function gatewayDateString(epochMs: number, timezone: string): string {
  return new Date(epochMs + timezoneOffsetMs(timezone)).toISOString().slice(0, 19);
}

/** GMT, GMT+h:mm or GMT-h:mm as an offset from UTC in ms. */
export function timezoneOffsetMs(timezone: string): number {
  const match = /^GMT(?:([+-])(\d{1,2}):(\d{2}))?$/.exec(timezone);
  if (!match?.[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/** The software update fields of DescribeGatewayInformation. */
export function softwareUpdateFields(gateway: { gatewayId: string; activatedAt: number; timezone: string; settings?: GatewaySettings }, now: number): { LastSoftwareUpdate: string; NextUpdateAvailabilityDate?: string } {
  const settings = gateway.settings ?? defaultSettings(gateway.gatewayId, gateway.activatedAt);
  const next = settings.nextUpdateAvailable;
  return {
    LastSoftwareUpdate: gatewayDateString(settings.lastSoftwareUpdate, gateway.timezone),
    // Announced once the release exists, as the console shows "an update is available".
    NextUpdateAvailabilityDate: next !== undefined && next <= now ? gatewayDateString(next, gateway.timezone) : undefined,
  };
}

/** The upload rate in force at `at` (epoch ms) in bits per second: a matching schedule interval wins over the plain limit. */
export function uploadRateAt(settings: GatewaySettings | undefined, timezone: string, at: number): number | undefined {
  if (!settings) return undefined;
  const local = new Date(at + timezoneOffsetMs(timezone));
  const day = local.getUTCDay();
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  for (const interval of settings.schedule) {
    const start = interval.StartHourOfDay * 60 + interval.StartMinuteOfHour;
    const end = interval.EndHourOfDay * 60 + interval.EndMinuteOfHour;
    if (interval.DaysOfWeek.includes(day) && minute >= start && minute <= end) return interval.AverageUploadRateLimitInBitsPerSec;
  }
  return settings.uploadRateLimitBitsPerSec;
}
