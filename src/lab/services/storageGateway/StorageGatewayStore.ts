// Durable Storage Gateway state per account and region: loads state files, runs due tape steps, saves atomically.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AwsError } from '../../http/AwsError';
import type { LabRuntime } from '../../LabRuntime';
import { DurableDocument } from '../../state/DurableDocument';
import { emptyRegionState, isRegionState, type RegionState } from './model';
import { advanceTapes, nextDueAt } from './tapeStateMachine';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
const FILE_PATTERN = /^(\d{12})_([a-z0-9-]+)\.json$/;

export interface RegionKey {
  readonly accountId: string;
  readonly region: string;
}

interface RegionEntry {
  readonly key: RegionKey;
  readonly document: DurableDocument<RegionState>;
  timer?: NodeJS.Timeout;
}

export class StorageGatewayStore {
  private readonly entries = new Map<string, RegionEntry>();
  private readonly opening = new Map<string, Promise<RegionEntry>>();
  private closed = false;

  private constructor(
    private readonly runtime: LabRuntime,
    private readonly folder: string,
  ) {}

  /** Opens the store and loads every account/region already on disk, so libraries are there before the first request. */
  static async open(runtime: LabRuntime): Promise<StorageGatewayStore> {
    const folder = join(runtime.config.stateDir, 'storagegateway');
    const store = new StorageGatewayStore(runtime, folder);
    let names: string[] = [];
    try {
      names = await readdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const name of names) {
      const match = FILE_PATTERN.exec(name);
      if (match?.[1] && match[2]) await store.entry({ accountId: match[1], region: match[2] });
    }
    return store;
  }

  get timeScale(): number {
    return this.runtime.config.timeScale;
  }

  nowMs(): number {
    return this.runtime.now().getTime();
  }

  /** The state of an account and region, with due tape steps applied. */
  async state(key: RegionKey): Promise<RegionState> {
    const entry = await this.entry(key);
    this.advance(entry);
    return entry.document.value;
  }

  /** Loaded states only (synchronous, for the iSCSI-side library), with due steps applied. */
  loadedStates(): { key: RegionKey; state: RegionState }[] {
    return [...this.entries.values()].map((entry) => {
      this.advance(entry);
      return { key: entry.key, state: entry.document.value };
    });
  }

  loadedState(key: RegionKey): RegionState | undefined {
    const entry = this.entries.get(entryId(key));
    if (!entry) return undefined;
    this.advance(entry);
    return entry.document.value;
  }

  /** Persists a state after a change and re-arms its step timer; resolves once the change is on disk. */
  async commit(key: RegionKey): Promise<void> {
    const entry = this.entries.get(entryId(key));
    if (!entry) return;
    this.schedule(entry);
    await entry.document.save();
  }

  /** Synchronous callers (the library) persist in the background; failures are logged. */
  commitInBackground(key: RegionKey): void {
    this.commit(key).catch((error: unknown) => this.runtime.log(`storagegateway: saving state failed: ${(error as Error).message}`));
  }

  /** Resolves once every change made so far (including background commits from the library) is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => entry.document.flush()));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      await entry.document.close();
    }
  }

  private async entry(key: RegionKey): Promise<RegionEntry> {
    if (!REGION_PATTERN.test(key.region)) throw new AwsError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${key.region}'.`);
    if (!ACCOUNT_PATTERN.test(key.accountId)) throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    const id = entryId(key);
    const existing = this.entries.get(id);
    if (existing) return existing;
    let pending = this.opening.get(id);
    if (!pending) {
      pending = DurableDocument.open(join(this.folder, `${key.accountId}_${key.region}.json`), emptyRegionState, isRegionState).then((document) => {
        const entry: RegionEntry = { key, document };
        this.entries.set(id, entry);
        this.opening.delete(id);
        this.advance(entry);
        this.schedule(entry);
        return entry;
      });
      this.opening.set(id, pending);
    }
    return pending;
  }

  private advance(entry: RegionEntry): void {
    if (advanceTapes(entry.document.value, this.nowMs(), this.timeScale)) this.commitInBackground(entry.key);
  }

  /** One timer per region at the earliest due step, so progress is saved even when nobody asks. */
  private schedule(entry: RegionEntry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    if (this.closed) return;
    const due = nextDueAt(entry.document.value);
    if (due === undefined) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.advance(entry);
      this.schedule(entry);
    }, Math.max(0, due - this.nowMs()) + 1);
    entry.timer.unref();
  }
}

function entryId(key: RegionKey): string {
  return `${key.accountId}_${key.region}`;
}
