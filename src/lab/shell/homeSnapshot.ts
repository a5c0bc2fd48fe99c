// What survives a client host's reboot (a lab restart): /home and /root of its in-memory filesystem, as a JSON snapshot.
import type { FsNode, VirtualFileSystem } from './VirtualFileSystem';

/** Folders on the instance's root volume that a reboot keeps; /dev nodes and iSCSI sessions do not survive. */
export const PERSISTENT_FOLDERS = ['/home', '/root'] as const;

interface SnapshotEntry {
  readonly path: string;
  readonly kind: 'dir' | 'file' | 'symlink';
  readonly mode: number;
  readonly owner: string;
  readonly group: string;
  /** Epoch ms. */
  readonly mtime: number;
  /** Base64 file content. */
  readonly data?: string;
  readonly target?: string;
}

export interface HomeSnapshot {
  readonly version: 1;
  /** Parents before children. */
  readonly entries: readonly SnapshotEntry[];
}

export function takeHomeSnapshot(fs: VirtualFileSystem): HomeSnapshot {
  const entries: SnapshotEntry[] = [];
  const visit = (path: string, node: FsNode) => {
    if (node.kind === 'device') return;
    const { mode, owner, group, mtime } = node.meta;
    const base = { path, kind: node.kind, mode, owner, group, mtime: mtime.getTime() };
    if (node.kind === 'file') entries.push({ ...base, data: node.data.toString('base64') });
    else if (node.kind === 'symlink') entries.push({ ...base, target: node.target });
    else {
      entries.push(base);
      for (const [name, child] of node.children) visit(`${path}/${name}`, child);
    }
  };
  for (const folder of PERSISTENT_FOLDERS) {
    const found = fs.tryResolve(folder, '/', false);
    if (found) visit(folder, found.node);
  }
  return { version: 1, entries };
}

export function isHomeSnapshot(value: unknown): value is HomeSnapshot {
  return typeof value === 'object' && value !== null && (value as HomeSnapshot).version === 1 && Array.isArray((value as HomeSnapshot).entries);
}

/** Puts a snapshot back over a freshly built filesystem (same paths replaced, metadata restored). */
export function restoreHomeSnapshot(fs: VirtualFileSystem, snapshot: HomeSnapshot): void {
  for (const entry of snapshot.entries) {
    if (!PERSISTENT_FOLDERS.some((folder) => entry.path === folder || entry.path.startsWith(`${folder}/`))) continue;
    const existing = fs.tryResolve(entry.path, '/', false)?.node;
    if (existing && existing.kind !== entry.kind) fs.remove(entry.path, '/');
    if (entry.kind === 'dir') {
      if (existing?.kind !== 'dir') fs.mkdir(entry.path, '/', entry.owner, entry.mode);
    } else if (entry.kind === 'file') {
      fs.writeFile(entry.path, '/', Buffer.from(entry.data ?? '', 'base64'), entry.owner, { mode: entry.mode });
    } else {
      fs.symlink(entry.path, entry.target ?? '', entry.owner);
    }
    const node = fs.tryResolve(entry.path, '/', false)?.node;
    if (node) Object.assign(node.meta, { mode: entry.mode, owner: entry.owner, group: entry.group, mtime: new Date(entry.mtime) });
  }
}
