// Keeps one client host's whole tree on the real disk under <stateDir>/client-files/<instanceId>/: metadata journaled, contents as blobs.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StateStore } from '../state/StateStore';
import type { Table } from '../state/Table';
import { FileNode, FsNode, TreeObserver, VirtualFileSystem } from './VirtualFileSystem';

/**
 * One entry that differs from the image: `k` its kind ('gone': the image's entry was removed), mode, owner, group, mtime
 * (epoch ms), `b` the blob of a file, `i` a small image file's content (base64), `l` a symlink's target, and `x` set on a
 * directory that replaced the image's one (its image children are not brought back).
 */
export interface TreeRecord {
  readonly k: 'dir' | 'file' | 'symlink' | 'gone';
  readonly m?: number;
  readonly o?: string;
  readonly g?: string;
  readonly t?: number;
  readonly b?: number;
  readonly i?: string;
  readonly l?: string;
  readonly x?: 1;
}

/** Where an instance's files live; instance ids are checked so no id can name a folder elsewhere. */
export function clientFilesFolder(stateDir: string, instanceId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(instanceId)) throw new Error(`"${instanceId}" is not an EC2 instance id.`);
  return join(stateDir, 'client-files', instanceId);
}

/** /dev is rebuilt at every boot (udev), so nothing under it is kept. */
function kept(path: string): boolean {
  return path !== '/dev' && !path.startsWith('/dev/');
}

function depth(path: string): number {
  let count = 0;
  for (let i = 0; i < path.length; i += 1) if (path.charCodeAt(i) === 47) count += 1;
  return count;
}

const STAT_BATCH = 64;

export class ClientFiles implements TreeObserver {
  private releasing: number[] = [];
  /** The paths naming each blob: more than one for a hard-linked file, whose records all carry its metadata. */
  private readonly pathsOfBlob = new Map<number, Set<string>>();
  private readonly blobOfPath = new Map<string, number>();
  private releaseRun: Promise<void> | undefined;

  private constructor(
    private readonly fs: VirtualFileSystem,
    private readonly folder: string,
    private readonly store: StateStore,
    private readonly table: Table<TreeRecord>,
    /** The image's own nodes by path, as the host was built before its saved entries came back. */
    private readonly image: ReadonlyMap<string, FsNode>,
  ) {}

  /** Brings back the saved entries over a freshly built host's tree, then journals every change the tree sees. */
  /**
   * `emptiedAtBoot` names the paths a reboot loses although they are on the tree (AL2023 mounts /tmp as a tmpfs): their
   * records are dropped and their blobs removed as the host comes back.
   */
  static async open(fs: VirtualFileSystem, folder: string, log: (line: string) => void, emptiedAtBoot: (path: string) => boolean = () => false): Promise<ClientFiles> {
    const image = new Map<string, FsNode>();
    const collect = (path: string, node: FsNode) => {
      if (!kept(path)) return;
      image.set(path, node);
      if (node.kind === 'dir') for (const [name, child] of node.children) collect(`${path === '/' ? '' : path}/${name}`, child);
    };
    collect('/', fs.root);
    const store = new StateStore(join(folder, 'tree.journal'), { log });
    const table = store.table<TreeRecord>('nodes');
    await store.open();
    const files = new ClientFiles(fs, folder, store, table, image);
    for (const [path] of [...table.entries()]) if (emptiedAtBoot(path)) table.delete(path);
    await files.restore(log);
    fs.observer = files;
    return files;
  }

  private async restore(log: (line: string) => void): Promise<void> {
    const entries = [...this.table.entries()].sort(([a], [b]) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
    const sizes = new Map<number, number>();
    const restored = new Map<number, FileNode>();
    const blobs = entries.flatMap(([, record]) => (record.b === undefined ? [] : [record.b]));
    // A file's size is what its blob holds: a kill during a write keeps what reached the disk.
    for (let at = 0; at < blobs.length; at += STAT_BATCH) {
      const batch = blobs.slice(at, at + STAT_BATCH);
      const found = await Promise.all(batch.map((blob) => this.fs.blobs.size(blob)));
      batch.forEach((blob, index) => sizes.set(blob, found[index]));
    }
    for (const [path, record] of entries) {
      try {
        this.apply(path, record, sizes, restored);
      } catch (error) {
        log(`lab: an entry of the saved files (${path}) could not be restored: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // Blobs no entry names: a kill between a removal reaching the journal and its blob's unlink.
    const referenced = new Set(blobs);
    let highest = 0;
    for (const blob of await this.fs.blobs.list()) {
      highest = Math.max(highest, blob);
      if (!referenced.has(blob)) await this.fs.blobs.remove(blob);
    }
    for (const blob of blobs) highest = Math.max(highest, blob);
    this.fs.blobs.reserveThrough(highest);
  }

  private apply(path: string, record: TreeRecord, sizes: ReadonlyMap<number, number>, restored: Map<number, FileNode>): void {
    if (record.k === 'gone') {
      this.fs.restoreRemoval(path);
      return;
    }
    const meta = { mode: record.m ?? 0o644, owner: record.o ?? 'root', group: record.g ?? record.o ?? 'root', mtime: new Date(record.t ?? 0) };
    const existing = this.fs.tryResolve(path, '/', false)?.node;
    if (record.k === 'dir') {
      if (existing?.kind === 'dir' && !record.x) Object.assign(existing.meta, meta);
      else this.fs.restore(path, { kind: 'dir', meta, children: new Map() });
    } else if (record.k === 'symlink') this.fs.restore(path, { kind: 'symlink', meta, target: record.l ?? '' });
    else if (record.i !== undefined) {
      const inline = Buffer.from(record.i, 'base64');
      this.fs.restore(path, { kind: 'file', meta, size: inline.length, inline });
    } else if (record.b === undefined) this.fs.restore(path, { kind: 'file', meta, size: 0 });
    else {
      this.noteBlob(path, record.b);
      // A second record naming the same blob is a hard link: it gets the same node.
      const linked = restored.get(record.b);
      if (linked) this.fs.restoreLink(path, linked);
      else {
        const node: FileNode = { kind: 'file', meta, size: sizes.get(record.b) ?? 0, blob: record.b };
        restored.set(record.b, node);
        this.fs.restore(path, node);
      }
    }
  }

  private noteBlob(path: string, blob: number | undefined): void {
    const before = this.blobOfPath.get(path);
    if (before === blob) return;
    if (before !== undefined) {
      this.pathsOfBlob.get(before)?.delete(path);
      if (this.pathsOfBlob.get(before)?.size === 0) this.pathsOfBlob.delete(before);
      this.blobOfPath.delete(path);
    }
    if (blob === undefined) return;
    this.blobOfPath.set(path, blob);
    const paths = this.pathsOfBlob.get(blob) ?? new Set<string>();
    paths.add(path);
    this.pathsOfBlob.set(blob, paths);
  }

  changed(path: string, node: FsNode | undefined, top: boolean): void {
    if (!kept(path)) return;
    this.noteBlob(path, node?.kind === 'file' ? node.blob : undefined);
    if (node === undefined || node.kind === 'device') {
      if (top && this.image.has(path)) this.table.put(path, { k: 'gone' });
      else this.table.delete(path);
      return;
    }
    const base = { m: node.meta.mode, o: node.meta.owner, g: node.meta.group, t: node.meta.mtime.getTime() };
    if (node.kind === 'dir') {
      const replaced = this.image.has(path) && this.image.get(path) !== node;
      this.table.put(path, { k: 'dir', ...base, ...(replaced ? { x: 1 as const } : {}) });
    } else if (node.kind === 'symlink') this.table.put(path, { k: 'symlink', ...base, l: node.target });
    else if (node.inline !== undefined) this.table.put(path, { k: 'file', ...base, i: node.inline.toString('base64') });
    else if (node.blob === undefined) this.table.put(path, { k: 'file', ...base });
    else {
      // Every name of a hard-linked file carries the inode's metadata, so a restart finds it whichever name comes first.
      for (const other of this.pathsOfBlob.get(node.blob) ?? [path]) this.table.put(other, { k: 'file', ...base, b: node.blob });
    }
  }

  /** A blob's file is unlinked once the journal no longer names it (a kill in between leaves an orphan, removed at restore). */
  release(blob: number): void {
    this.releasing.push(blob);
    this.releaseRun ??= (async () => {
      while (this.releasing.length > 0) {
        await this.store.durable();
        const batch = this.releasing;
        this.releasing = [];
        await Promise.all(batch.map((id) => this.fs.blobs.remove(id).catch(() => undefined)));
      }
      this.releaseRun = undefined;
    })();
  }

  durable(): Promise<void> {
    return this.store.durable();
  }

  /** The host stops: everything so far reaches the disk; later changes are not journaled. */
  async close(): Promise<void> {
    if (this.fs.observer === this) this.fs.observer = undefined;
    await this.releaseRun;
    await this.store.close();
  }

  /** The instance is terminated: its volume, and so its files, are gone. */
  async destroy(): Promise<void> {
    await this.close();
    await rm(this.folder, { recursive: true, force: true });
  }
}
