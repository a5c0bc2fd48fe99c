// Durable Storage Gateway state per account and region (the index of gateways by account and region): one journal each, due tape steps applied.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AwsError } from '../../http/AwsError';
import type { LabRuntime } from '../../LabRuntime';
import type { RegionState } from './model';
import { openRegionTables, type RegionTables } from './regionTables';
import { advanceTapes, nextDueAt } from './tapeStateMachine';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
/** `<account>_<region>.journal`; `.json` is the whole-document file of older labs, imported on first open. */
const FILE_PATTERN = /^(\d{12})_([a-z0-9-]+)\.(journal|json)$/;

export interface RegionKey {
  readonly accountId: string;
  readonly region: string;
}

interface RegionEntry {
  readonly key: RegionKey;
  readonly tables: RegionTables;
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

  /** The state of an account and region, with due tape steps applied: `tracked` to change it, `plain` to read it. */
  async state(key: RegionKey): Promise<RegionTables> {
    const entry = await this.entry(key);
    this.advance(entry);
    return entry.tables;
  }

  /** Loaded states only (synchronous, for the iSCSI-side library), with due steps applied; changes go through them. */
  loadedStates(): { key: RegionKey; state: RegionState }[] {
    return [...this.entries.values()].map((entry) => {
      this.advance(entry);
      return { key: entry.key, state: entry.tables.tracked };
    });
  }

  loadedState(key: RegionKey): RegionState | undefined {
    const entry = this.entries.get(entryId(key));
    if (!entry) return undefined;
    this.advance(entry);
    return entry.tables.tracked;
  }

  /** After a change: re-arms the step timer; resolves once the change is on disk. */
  async commit(key: RegionKey): Promise<void> {
    const entry = this.entries.get(entryId(key));
    if (!entry) return;
    this.schedule(entry);
    await entry.tables.store.durable();
  }

  /** Synchronous callers (the library): the journal writes the change on its own (logging failures); the timer is re-armed. */
  commitInBackground(key: RegionKey): void {
    const entry = this.entries.get(entryId(key));
    if (entry) this.schedule(entry);
  }

  /** Resolves once every change made so far (including background commits from the library) is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => entry.tables.store.durable()));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      await entry.tables.store.close();
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
      const legacy = join(this.folder, `${id}.json`);
      pending = openRegionTables(join(this.folder, `${id}.journal`), legacy, this.runtime.log).then(async (tables) => {
        // The journal now holds what the older whole-document file held.
        await rm(legacy, { force: true });
        const entry: RegionEntry = { key, tables };
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
    // Steps applied here are journaled like any change; the timer that applies them unattended is re-armed by schedule().
    advanceTapes(entry.tables.tracked, this.nowMs(), this.timeScale);
  }

  /** One timer per region at the earliest due step, so progress is saved even when nobody asks. */
  private schedule(entry: RegionEntry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    if (this.closed) return;
    const due = nextDueAt(entry.tables.tracked);
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
