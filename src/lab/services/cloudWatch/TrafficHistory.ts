// The lab's metric history: per gateway and minute, the bytes its drives moved; kept 15 days in <stateDir>/cloudwatch/traffic.journal.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalOp } from '../../state/journalFormat';
import { isVersionOneDocument, readLegacyDocument } from '../../state/legacyDocument';
import { StateStore } from '../../state/StateStore';
import type { Table } from '../../state/Table';
import { MINUTE_MS, type MinuteTraffic } from './gatewaySimulation';

/** CloudWatch keeps 1-minute data points for 15 days. */
export const RETENTION_MS = 15 * 24 * 3600 * 1000;
/** Traffic arrives block by block; the minutes it changed are saved at most this often. */
const SAVE_DELAY_MS = 1000;

const HOUR_MS = 60 * MINUTE_MS;

/**
 * One gateway's traffic in one hour: minute of the hour ("0".."59") -> [writeBytes, readBytes, readMissBytes]. An hour per
 * record keeps the gateway ARN out of every minute (the file stays near the size of the data) while a save still writes
 * at most one hour of one gateway.
 */
export interface HourRecord {
  readonly gatewayArn: string;
  /** Hour start, epoch ms (lab clock). */
  readonly hour: number;
  readonly minutes: Record<string, [number, number, number]>;
}

interface LegacyTrafficDocument {
  version: 1;
  /** gatewayArn -> minute start (epoch ms, as a string key) -> [writeBytes, readBytes, readMissBytes]. */
  gateways: Record<string, Record<string, [number, number, number]>>;
}

const TABLE = 'hours';

/** Keys sort by gateway, then by time (hour starts are padded to a fixed width), so the oldest hours come first. */
function hourKey(gatewayArn: string, hour: number): string {
  return `${gatewayArn} ${String(hour).padStart(16, '0')}`;
}

/** The record of the hour `at` falls in, and the minute of that hour it is filed under. */
function placeOf(at: number): { hour: number; minute: string } {
  const minuteStart = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  const hour = Math.floor(minuteStart / HOUR_MS) * HOUR_MS;
  return { hour, minute: String((minuteStart - hour) / MINUTE_MS) };
}

/** The whole-document gateway-traffic.json of older labs, imported the first time. */
async function legacyTraffic(path: string): Promise<JournalOp[] | undefined> {
  const document = await readLegacyDocument<LegacyTrafficDocument>(path, isVersionOneDocument('gateways'));
  if (!document) return undefined;
  const hours = new Map<string, HourRecord>();
  for (const [gatewayArn, minutes] of Object.entries(document.gateways)) {
    for (const [start, bytes] of Object.entries(minutes)) {
      const { hour, minute } = placeOf(Number(start));
      const key = hourKey(gatewayArn, hour);
      let record = hours.get(key);
      if (!record) hours.set(key, (record = { gatewayArn, hour, minutes: {} }));
      record.minutes[minute] = bytes;
    }
  }
  return [...hours].map(([key, record]): JournalOp => [TABLE, key, record]);
}

export class TrafficHistory {
  private timer: NodeJS.Timeout | undefined;
  /** Hours changed since the last save, and the lab time of the latest change (retention counts from it). */
  private readonly dirty = new Set<string>();
  private latest = 0;

  private constructor(
    private readonly store: StateStore,
    private readonly hours: Table<HourRecord>,
    private readonly log: (line: string) => void,
  ) {}

  /** Opens the history; `stateDir` undefined keeps it in memory only (unit tests). */
  static async open(stateDir: string | undefined, log: (line: string) => void): Promise<TrafficHistory> {
    const folder = stateDir === undefined ? undefined : join(stateDir, 'cloudwatch');
    const legacy = folder === undefined ? undefined : join(folder, 'gateway-traffic.json');
    const store = new StateStore(folder && join(folder, 'traffic.journal'), { log, importWhenMissing: async () => (legacy ? legacyTraffic(legacy) : undefined) });
    const hours = store.table<HourRecord>(TABLE, { indexes: { gateway: (record) => record.gatewayArn } });
    await store.open();
    // The journal now holds what the older file held.
    if (legacy) await rm(legacy, { force: true });
    return new TrafficHistory(store, hours, log);
  }

  record(gatewayArn: string, at: number, traffic: MinuteTraffic): void {
    const { hour, minute } = placeOf(at);
    const key = hourKey(gatewayArn, hour);
    let record = this.hours.get(key);
    if (!record) {
      record = { gatewayArn, hour, minutes: {} };
      this.hours.put(key, record);
    }
    const entry = (record.minutes[minute] ??= [0, 0, 0]);
    entry[0] += traffic.writeBytes;
    entry[1] += traffic.readBytes;
    entry[2] += traffic.readMissBytes;
    this.dirty.add(key);
    this.latest = Math.max(this.latest, at);
    this.scheduleSave();
  }

  /** The traffic of one gateway by minute start, oldest first. */
  traffic(gatewayArn: string): Map<number, MinuteTraffic> {
    const result = new Map<number, MinuteTraffic>();
    for (const key of this.hours.lookupSorted('gateway', gatewayArn)) {
      const record = this.hours.get(key);
      if (!record) continue;
      const minutes = Object.entries(record.minutes).map(([minute, bytes]) => [Number(minute), bytes] as const).sort((a, b) => a[0] - b[0]);
      for (const [minute, [writeBytes, readBytes, readMissBytes]] of minutes) result.set(record.hour + minute * MINUTE_MS, { writeBytes, readBytes, readMissBytes });
    }
    return result;
  }

  /** Saves the traffic counted so far; resolves once it is on disk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.save();
    return this.store.durable();
  }

  async close(): Promise<void> {
    await this.flush().catch((error: unknown) => this.log(`cloudwatch: saving the gateway traffic history failed: ${errorText(error)}`));
    await this.store.close();
  }

  private scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save();
      this.store.durable().catch((error: unknown) => this.log(`cloudwatch: saving the gateway traffic history failed: ${errorText(error)}`));
    }, SAVE_DELAY_MS);
    this.timer.unref?.();
  }

  /** Journals the changed hours and drops, for the gateways that changed, minutes older than the retention. */
  private save(): void {
    const gateways = new Set<string>();
    for (const key of this.dirty) {
      this.hours.touch(key);
      const record = this.hours.get(key);
      if (record) gateways.add(record.gatewayArn);
    }
    this.dirty.clear();
    const oldest = this.latest - RETENTION_MS;
    for (const gatewayArn of gateways) {
      const expired: string[] = [];
      for (const key of this.hours.lookupSorted('gateway', gatewayArn)) {
        const record = this.hours.get(key);
        if (!record || record.hour >= oldest) break;
        if (record.hour + HOUR_MS <= oldest) {
          expired.push(key);
          continue;
        }
        // The hour the retention cuts through keeps only its newer minutes.
        for (const minute of Object.keys(record.minutes)) if (record.hour + Number(minute) * MINUTE_MS < oldest) delete record.minutes[minute];
        this.hours.touch(key);
        break;
      }
      for (const key of expired) this.hours.delete(key);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
