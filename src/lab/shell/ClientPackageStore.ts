// The packages `yum/dnf install` added to each client instance, kept in the lab's state (client-packages.journal) so they outlive a lab restart as an rpm database outlives a reboot.
import { join } from 'node:path';
import { StateStore } from '../state/StateStore';
import type { Table } from '../state/Table';

interface InstalledRecord {
  /** Package names in the order they were installed. */
  readonly packages: string[];
}

export class ClientPackageStore {
  private constructor(
    private readonly store: StateStore,
    private readonly records: Table<InstalledRecord>,
    private readonly log: (line: string) => void,
  ) {}

  /** Opens `<stateDir>/ec2/client-packages.journal` (in memory only when stateDir is undefined). */
  static async open(stateDir: string | undefined, log: (line: string) => void): Promise<ClientPackageStore> {
    const store = new StateStore(stateDir === undefined ? undefined : join(stateDir, 'ec2', 'client-packages.journal'), { log });
    const packages = new ClientPackageStore(store, store.table<InstalledRecord>('installed'), log);
    await store.open();
    return packages;
  }

  /** What yum/dnf installed on the instance after it booted. */
  installed(instanceId: string): readonly string[] {
    return this.records.get(instanceId)?.packages ?? [];
  }

  add(instanceId: string, names: readonly string[]): void {
    const known = this.installed(instanceId);
    this.records.put(instanceId, { packages: [...known, ...names.filter((name) => !known.includes(name))] });
    this.store.durable().catch((error: unknown) => this.log(`lab: saving the packages of ${instanceId} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** The instance was terminated: its root volume, and the packages on it, are gone. */
  forget(instanceId: string): void {
    if (this.records.has(instanceId)) this.records.delete(instanceId);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
