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

/** One gateway's traffic in one minute: [writeBytes, readBytes, readMissBytes]. */
export interface MinuteRecord {
  readonly gatewayArn: string;
  /** Minute start, epoch ms (lab clock). */
  readonly minute: number;
  readonly bytes: [number, number, number];
}

interface LegacyTrafficDocument {
  version: 1;
  /** gatewayArn -> minute start (epoch ms, as a string key) -> [writeBytes, readBytes, readMissBytes]. */
  gateways: Record<string, Record<string, [number, number, number]>>;
}

const TABLE = 'minutes';

/** Keys sort by gateway, then by time (minute starts are padded to a fixed width), so the oldest minutes come first. */
function minuteKey(gatewayArn: string, minute: number): string {
  return `${gatewayArn} ${String(minute).padStart(16, '0')}`;
}

/** The whole-document gateway-traffic.json of older labs, imported the first time. */
async function legacyTraffic(path: string): Promise<JournalOp[] | undefined> {
  const document = await readLegacyDocument<LegacyTrafficDocument>(path, isVersionOneDocument('gateways'));
  if (!document) return undefined;
  const ops: JournalOp[] = [];
  for (const [gatewayArn, minutes] of Object.entries(document.gateways)) {
    for (const [start, bytes] of Object.entries(minutes)) ops.push([TABLE, minuteKey(gatewayArn, Number(start)), { gatewayArn, minute: Number(start), bytes } satisfies MinuteRecord]);
  }
  return ops;
}

export class TrafficHistory {
  private timer: NodeJS.Timeout | undefined;
  /** Minutes changed since the last save, and the lab time of the latest change (retention counts from it). */
  private readonly dirty = new Set<string>();
  private latest = 0;

  private constructor(
    private readonly store: StateStore,
    private readonly minutes: Table<MinuteRecord>,
    private readonly log: (line: string) => void,
  ) {}

  /** Opens the history; `stateDir` undefined keeps it in memory only (unit tests). */
  static async open(stateDir: string | undefined, log: (line: string) => void): Promise<TrafficHistory> {
    const folder = stateDir === undefined ? undefined : join(stateDir, 'cloudwatch');
    const legacy = folder === undefined ? undefined : join(folder, 'gateway-traffic.json');
    const store = new StateStore(folder && join(folder, 'traffic.journal'), { log, importWhenMissing: async () => (legacy ? legacyTraffic(legacy) : undefined) });
    const minutes = store.table<MinuteRecord>(TABLE, { indexes: { gateway: (record) => record.gatewayArn } });
    await store.open();
    // The journal now holds what the older file held.
    if (legacy) await rm(legacy, { force: true });
    return new TrafficHistory(store, minutes, log);
  }

  record(gatewayArn: string, at: number, traffic: MinuteTraffic): void {
    const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
    const key = minuteKey(gatewayArn, minute);
    let entry = this.minutes.get(key);
    if (!entry) {
      entry = { gatewayArn, minute, bytes: [0, 0, 0] };
      this.minutes.put(key, entry);
    }
    entry.bytes[0] += traffic.writeBytes;
    entry.bytes[1] += traffic.readBytes;
    entry.bytes[2] += traffic.readMissBytes;
    this.dirty.add(key);
    this.latest = Math.max(this.latest, at);
    this.scheduleSave();
  }

  /** The traffic of one gateway by minute start, oldest first. */
  traffic(gatewayArn: string): Map<number, MinuteTraffic> {
    const result = new Map<number, MinuteTraffic>();
    for (const key of this.minutes.lookupSorted('gateway', gatewayArn)) {
      const entry = this.minutes.get(key);
      if (entry) result.set(entry.minute, { writeBytes: entry.bytes[0], readBytes: entry.bytes[1], readMissBytes: entry.bytes[2] });
    }
    return result;
  }

  /** Saves the minutes changed so far; resolves once they are on disk. */
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

  /** Journals the changed minutes and drops, for the gateways that changed, minutes older than the retention. */
  private save(): void {
    const gateways = new Set<string>();
    for (const key of this.dirty) {
      this.minutes.touch(key);
      const entry = this.minutes.get(key);
      if (entry) gateways.add(entry.gatewayArn);
    }
    this.dirty.clear();
    const oldest = this.latest - RETENTION_MS;
    for (const gatewayArn of gateways) {
      const expired: string[] = [];
      for (const key of this.minutes.lookupSorted('gateway', gatewayArn)) {
        if ((this.minutes.get(key)?.minute ?? 0) >= oldest) break;
        expired.push(key);
      }
      for (const key of expired) this.minutes.delete(key);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
