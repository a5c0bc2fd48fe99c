// The EC2 state the lab keeps beside its stacks: which instances are stopped, and when they last changed (<stateDir>/ec2/instances.journal).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalOp } from '../../state/journalFormat';
import { isVersionOneDocument, readLegacyDocument } from '../../state/legacyDocument';
import { StateStore } from '../../state/StateStore';
import type { Table } from '../../state/Table';

export type PowerState = 'running' | 'stopped';

export interface PowerRecord {
  state: PowerState;
  /** Epoch ms (lab clock) of the last StopInstances / StartInstances. */
  changedAt: number;
  /** Why it last stopped, as DescribeInstances' StateTransitionReason shows it. */
  reason?: string;
}

interface LegacyPowerDocument {
  version: 1;
  instances: Record<string, PowerRecord>;
}

const TABLE = 'power';

/** The whole-document instances.json of older labs, imported the first time. */
async function legacyPower(path: string): Promise<JournalOp[] | undefined> {
  const document = await readLegacyDocument<LegacyPowerDocument>(path, isVersionOneDocument('instances'));
  return document && Object.entries(document.instances).map(([instanceId, record]): JournalOp => [TABLE, instanceId, record]);
}

/**
 * Instances themselves are saved with their stacks (the CloudFormation resource state) and relaunched from there; only what
 * the EC2 API changes afterwards lives here. An instance without a record is running.
 */
export class InstancePowerStore {
  private constructor(
    private readonly store: StateStore,
    private readonly records: Table<PowerRecord>,
  ) {}

  /** Opens the store; `stateDir` undefined keeps it in memory only (unit tests). */
  static async open(stateDir: string | undefined, log?: (line: string) => void): Promise<InstancePowerStore> {
    const folder = stateDir === undefined ? undefined : join(stateDir, 'ec2');
    const legacy = folder === undefined ? undefined : join(folder, 'instances.json');
    const store = new StateStore(folder && join(folder, 'instances.journal'), { log, importWhenMissing: async () => (legacy ? legacyPower(legacy) : undefined) });
    const records = store.table<PowerRecord>(TABLE);
    await store.open();
    // The journal now holds what the older file held.
    if (legacy) await rm(legacy, { force: true });
    return new InstancePowerStore(store, records);
  }

  get(instanceId: string): PowerRecord | undefined {
    return this.records.get(instanceId);
  }

  /** Records the change; resolves once it is on disk. */
  set(instanceId: string, record: PowerRecord): Promise<void> {
    this.records.put(instanceId, record);
    return this.store.durable();
  }

  forget(instanceId: string): Promise<void> {
    if (!this.records.delete(instanceId)) return Promise.resolve();
    return this.store.durable();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
