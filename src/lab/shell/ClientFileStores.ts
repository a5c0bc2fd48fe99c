// The saved files of every running client host: opened when a host boots, closed when it stops, deleted with its instance.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientFiles, clientFilesFolder } from './ClientFiles';
import type { EmulatedClientHost } from './createClientHost';
import { importLegacyHomes } from './legacyHomes';

export class ClientFileStores {
  private readonly running = new Map<string, ClientFiles>();

  constructor(
    private readonly stateDir: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Brings back the instance's files over its freshly built host; from then on every change is kept. */
  async attach(host: EmulatedClientHost): Promise<void> {
    await this.stop(host.instanceId);
    // Amazon Linux 2023 mounts /tmp as a tmpfs, so a reboot empties it; on Amazon Linux 2 /tmp is on the root volume.
    const emptiedAtBoot = host.environment.os === 'al2023' ? (path: string) => path.startsWith('/tmp/') : undefined;
    const files = await ClientFiles.open(host.environment.fs, clientFilesFolder(this.stateDir, host.instanceId), this.log, emptiedAtBoot);
    this.running.set(host.instanceId, files);
    await importLegacyHomes(host.environment.fs, this.stateDir, host.instanceId, this.log);
  }

  /** The instance stops: its files wait on disk for the next start. */
  async stop(instanceId: string): Promise<void> {
    const files = this.running.get(instanceId);
    this.running.delete(instanceId);
    await files?.close();
  }

  /** The instance was terminated: its root volume, and so its files, are gone. */
  async forget(instanceId: string): Promise<void> {
    const files = this.running.get(instanceId);
    this.running.delete(instanceId);
    if (files) await files.destroy();
    else await rm(clientFilesFolder(this.stateDir, instanceId), { recursive: true, force: true });
    await rm(join(this.stateDir, 'client-homes', `${instanceId}.json`), { force: true });
  }

  async closeAll(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((files) => files.close()));
  }
}
