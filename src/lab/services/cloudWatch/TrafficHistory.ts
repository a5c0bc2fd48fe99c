// The lab's metric history: per gateway and minute, the bytes its drives moved; kept 15 days, saved atomically.
import { join } from 'node:path';
import { DurableDocument } from '../../state/DurableDocument';
import { MINUTE_MS, type MinuteTraffic } from './gatewaySimulation';

/** CloudWatch keeps 1-minute data points for 15 days. */
export const RETENTION_MS = 15 * 24 * 3600 * 1000;
/** Traffic arrives block by block; it is saved at most this often. */
const SAVE_DELAY_MS = 1000;

interface TrafficDocument {
  version: 1;
  /** gatewayArn -> minute start (epoch ms, as a string key) -> [writeBytes, readBytes, readMissBytes]. */
  gateways: Record<string, Record<string, [number, number, number]>>;
}

function isTrafficDocument(raw: unknown): raw is TrafficDocument {
  return typeof raw === 'object' && raw !== null && (raw as TrafficDocument).version === 1 && typeof (raw as TrafficDocument).gateways === 'object';
}

export class TrafficHistory {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly document: DurableDocument<TrafficDocument>,
    private readonly log: (line: string) => void,
  ) {}

  static async open(stateDir: string, log: (line: string) => void): Promise<TrafficHistory> {
    const document = await DurableDocument.open(join(stateDir, 'cloudwatch', 'gateway-traffic.json'), (): TrafficDocument => ({ version: 1, gateways: {} }), isTrafficDocument);
    return new TrafficHistory(document, log);
  }

  record(gatewayArn: string, at: number, traffic: MinuteTraffic): void {
    const minutes = (this.document.value.gateways[gatewayArn] ??= {});
    const key = String(Math.floor(at / MINUTE_MS) * MINUTE_MS);
    const entry = (minutes[key] ??= [0, 0, 0]);
    entry[0] += traffic.writeBytes;
    entry[1] += traffic.readBytes;
    entry[2] += traffic.readMissBytes;
    this.scheduleSave(at);
  }

  /** The traffic of one gateway by minute start. */
  traffic(gatewayArn: string): Map<number, MinuteTraffic> {
    const result = new Map<number, MinuteTraffic>();
    for (const [key, [writeBytes, readBytes, readMissBytes]] of Object.entries(this.document.value.gateways[gatewayArn] ?? {})) {
      result.set(Number(key), { writeBytes, readBytes, readMissBytes });
    }
    return result;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.document.save();
    await this.document.close();
  }

  private scheduleSave(now: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.prune(now);
      this.document.save().catch((error: unknown) => this.log(`cloudwatch: saving the gateway traffic history failed: ${error instanceof Error ? error.message : String(error)}`));
    }, SAVE_DELAY_MS);
    this.timer.unref?.();
  }

  private prune(now: number): void {
    const oldest = now - RETENTION_MS;
    for (const minutes of Object.values(this.document.value.gateways)) {
      for (const key of Object.keys(minutes)) if (Number(key) < oldest) delete minutes[key];
    }
  }
}
