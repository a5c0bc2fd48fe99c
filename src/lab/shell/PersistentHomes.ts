// Keeps each client host's /home and /root under <stateDir>/client-homes/<instanceId>.json, so files outlive a lab
// restart as they outlive a reboot: saved after every Run Command, when a terminal session ends, and when the lab stops.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientHost } from '../hosts/ClientHost';
import { readJsonFile, writeFileAtomic } from '../state/atomicWrite';
import type { EmulatedClientHost } from './createClientHost';
import { isHomeSnapshot, restoreHomeSnapshot, takeHomeSnapshot } from './homeSnapshot';

export class PersistentHomes {
  private readonly hosts = new Map<string, EmulatedClientHost>();
  /** One save at a time per host, in order. */
  private readonly saving = new Map<string, Promise<void>>();

  constructor(
    private readonly folder: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Restores the host's saved folders, then returns the host as SSM sees it, saving after each use. */
  async attach(host: EmulatedClientHost): Promise<ClientHost> {
    const saved = await readJsonFile(this.fileOf(host.instanceId));
    if (isHomeSnapshot(saved)) restoreHomeSnapshot(host.environment.fs, saved);
    this.hosts.set(host.instanceId, host);
    return {
      instanceId: host.instanceId,
      privateIp: host.privateIp,
      hostname: host.hostname,
      runner: {
        run: async (script, options) => {
          try {
            return await host.runner.run(script, options);
          } finally {
            // In the background, as a page cache is: the command's result does not wait for the disk.
            void this.save(host.instanceId);
          }
        },
      },
      openSession: (size) => {
        const shell = host.openSession(size);
        shell.onExit(() => void this.save(host.instanceId));
        return shell;
      },
    };
  }

  /** The instance was terminated: its volume, and so its files, are gone. */
  async forget(instanceId: string): Promise<void> {
    if (!this.hosts.delete(instanceId)) return;
    await this.saving.get(instanceId);
    await rm(this.fileOf(instanceId), { force: true });
  }

  async saveAll(): Promise<void> {
    await Promise.all([...this.hosts.keys()].map((instanceId) => this.save(instanceId)));
  }

  private save(instanceId: string): Promise<void> {
    const next = (this.saving.get(instanceId) ?? Promise.resolve()).then(async () => {
      const host = this.hosts.get(instanceId);
      if (!host) return;
      try {
        await writeFileAtomic(this.fileOf(instanceId), JSON.stringify(takeHomeSnapshot(host.environment.fs)));
      } catch (error) {
        this.log(`lab: saving the files of ${instanceId} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    this.saving.set(instanceId, next);
    return next;
  }

  private fileOf(instanceId: string): string {
    if (!/^i-[0-9a-f]{8,17}$/.test(instanceId)) throw new Error(`"${instanceId}" is not an EC2 instance id.`);
    return join(this.folder, `${instanceId}.json`);
  }
}
