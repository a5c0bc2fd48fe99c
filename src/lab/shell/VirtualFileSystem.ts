// The client host's filesystem: the tree and its metadata in memory, file contents on disk (FileBlobs), a running used-bytes total.
import { type ErrnoName, STRERROR } from './strerror';
import { FileBlobs } from './FileBlobs';

export type DeviceRef =
  | { readonly kind: 'null' | 'zero' | 'urandom' }
  | { readonly kind: 'sg'; readonly minor: number; readonly gatewayArn: string; readonly drive?: number }
  | { readonly kind: 'tape'; readonly minor: number; readonly gatewayArn: string; readonly drive: number; readonly rewindOnClose: boolean };

export interface NodeMeta {
  mode: number;
  owner: string;
  group: string;
  mtime: Date;
}

/**
 * A regular file: `size` bytes, kept in blob `blob` on disk, or (for the few small files the image itself brings)
 * in `inline` until the first write. `detached` is set once the file has left the tree.
 */
export interface FileNode {
  readonly kind: 'file';
  readonly meta: NodeMeta;
  size: number;
  blob?: number;
  inline?: Buffer;
  detached?: boolean;
  /** Directory entries naming this inode (hard links); absent means one. Its data leaves the volume with the last. */
  links?: number;
}

export type FsNode =
  | { readonly kind: 'dir'; readonly meta: NodeMeta; readonly children: Map<string, FsNode> }
  | FileNode
  | { readonly kind: 'symlink'; readonly meta: NodeMeta; readonly target: string }
  | { readonly kind: 'device'; readonly meta: NodeMeta; readonly device: DeviceRef };

export class FsError extends Error {
  constructor(readonly code: Exclude<ErrnoName, 'EPERM'>) {
    super(STRERROR[code]);
  }
}

/** Joins and normalises a path against a working directory (no symlink resolution). */
export function absolutePath(path: string, cwd: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export interface Resolved {
  readonly node: FsNode;
  /** Canonical path with symlinks followed. */
  readonly path: string;
}

/** Told of every change to the tree, so it can be journaled; a blob is released once no entry names it any more. */
export interface TreeObserver {
  /** `node` now sits at `path` (created, written or its metadata changed); undefined: the entry at `path` is gone. */
  changed(path: string, node: FsNode | undefined, top: boolean): void;
  release(blob: number): void;
  /** Resolves once every change so far is on disk. */
  durable(): Promise<void>;
}

export class VirtualFileSystem {
  readonly root: FsNode & { kind: 'dir' };
  observer: TreeObserver | undefined;
  private used = 0;
  /** Inode numbers handed out so far (`stat -c %i`, `ls -i`, `test -ef`): one per node, shared by its hard links. */
  private readonly inodes = new WeakMap<FsNode, number>();
  private nextInode = 1000;

  constructor(
    readonly now: () => Date,
    readonly blobs: FileBlobs,
    /** Bytes of file data the volume holds; a write past it fills the volume and fails with ENOSPC. */
    readonly capacityBytes = Number.POSITIVE_INFINITY,
  ) {
    this.root = { kind: 'dir', meta: this.meta(0o555, 'root'), children: new Map() };
  }

  /** Bytes of file data stored now (a running total: no walk of the tree). */
  usedBytes(): number {
    return this.used;
  }

  /** Resolves once every change to the tree so far is on disk. */
  settle(): Promise<void> {
    return this.observer?.durable() ?? Promise.resolve();
  }

  /** Bytes still free on the volume. */
  freeBytes(): number {
    return Math.max(0, this.capacityBytes - this.used);
  }

  /** A file grew or shrank by `delta` bytes. */
  account(node: FileNode, delta: number): void {
    node.size += delta;
    if (!node.detached) this.used += delta;
  }

  /** The node's inode number: stable while the lab runs, the same through every hard link. */
  inodeOf(node: FsNode): number {
    let number = this.inodes.get(node);
    if (number === undefined) {
      number = node === this.root ? 2 : this.nextInode++;
      this.inodes.set(node, number);
    }
    return number;
  }

  /** How many directory entries name the node (a directory: its own `.`, its parent's entry and each subfolder's `..`). */
  linkCount(node: FsNode): number {
    if (node.kind === 'file') return node.links ?? 1;
    if (node.kind !== 'dir') return 1;
    let count = 2;
    for (const child of node.children.values()) if (child.kind === 'dir') count += 1;
    return count;
  }

  /** A second name for an existing file: both entries share the inode, so a write through one shows through the other. */
  link(node: FileNode, path: string, cwd: string): void {
    const { dir, name, path: canonical } = this.parentOf(path, cwd);
    if (dir.children.has(name)) throw new FsError('EEXIST');
    node.links = (node.links ?? 1) + 1;
    this.attach(dir, name, canonical, node);
  }

  meta(mode: number, owner: string, group = owner): NodeMeta {
    return { mode, owner, group, mtime: this.now() };
  }

  /** Finds a node; the last component's symlink is followed unless `followLast` is false. */
  resolve(path: string, cwd: string, followLast = true): Resolved {
    return this.walk(absolutePath(path, cwd), followLast, 0);
  }

  tryResolve(path: string, cwd: string, followLast = true): Resolved | undefined {
    try {
      return this.resolve(path, cwd, followLast);
    } catch (error) {
      if (error instanceof FsError) return undefined;
      throw error;
    }
  }

  /** The directory that would hold `path`, and the entry name; `path` is the parent's canonical path plus the name. */
  parentOf(path: string, cwd: string): { dir: FsNode & { kind: 'dir' }; name: string; path: string } {
    const absolute = absolutePath(path, cwd);
    const at = absolute.lastIndexOf('/');
    const name = absolute.slice(at + 1);
    const parent = this.resolve(absolute.slice(0, at) || '/', '/');
    if (parent.node.kind !== 'dir') throw new FsError('ENOTDIR');
    if (name === '') throw new FsError('EISDIR');
    return { dir: parent.node, name, path: `${parent.path === '/' ? '' : parent.path}/${name}` };
  }

  mkdir(path: string, cwd: string, owner: string, mode = 0o755, parents = false): void {
    const absolute = absolutePath(path, cwd);
    if (parents) {
      let current = '';
      for (const part of absolute.split('/').filter(Boolean)) {
        current += `/${part}`;
        const found = this.tryResolve(current, '/');
        if (found && found.node.kind !== 'dir') throw new FsError('ENOTDIR');
        if (!found) this.mkdir(current, '/', owner, mode);
      }
      return;
    }
    const { dir, name, path: canonical } = this.parentOf(absolute, '/');
    if (dir.children.has(name)) throw new FsError('EEXIST');
    this.attach(dir, name, canonical, { kind: 'dir', meta: this.meta(mode, owner), children: new Map() });
  }

  /** Puts a file of the image itself (small, kept in memory until written). */
  putImageFile(path: string, data: Buffer, owner: string, mode = 0o644): void {
    const { dir, name, path: canonical } = this.parentOf(path, '/');
    if (dir.children.has(name)) this.detach(dir, name, canonical);
    this.attach(dir, name, canonical, { kind: 'file', meta: this.meta(mode, owner), size: 0, inline: Buffer.alloc(0) });
    const node = dir.children.get(name) as FileNode;
    node.inline = data;
    this.account(node, data.length);
  }

  /**
   * The file a write at `path` goes to (following a symlink at the last component), created empty if missing;
   * a device node is returned as is (writes to it are the device's business).
   */
  fileForWrite(path: string, cwd: string, owner: string, mode = 0o644): { node: FileNode | (FsNode & { kind: 'device' }); path: string } {
    const existing = this.tryResolve(path, cwd);
    if (existing) {
      if (existing.node.kind === 'dir') throw new FsError('EISDIR');
      if (existing.node.kind === 'file' || existing.node.kind === 'device') return { node: existing.node, path: existing.path };
    }
    const { dir, name, path: canonical } = this.parentOf(path, cwd);
    if (dir.children.has(name)) this.detach(dir, name, canonical);
    const node: FileNode = { kind: 'file', meta: this.meta(mode, owner), size: 0 };
    this.attach(dir, name, canonical, node);
    return { node, path: canonical };
  }

  symlink(path: string, target: string, owner = 'root'): void {
    const { dir, name, path: canonical } = this.parentOf(path, '/');
    if (dir.children.has(name)) this.detach(dir, name, canonical);
    this.attach(dir, name, canonical, { kind: 'symlink', meta: this.meta(0o777, owner), target });
  }

  mknod(path: string, device: DeviceRef, mode: number, group: string): void {
    const { dir, name, path: canonical } = this.parentOf(path, '/');
    if (dir.children.has(name)) this.detach(dir, name, canonical);
    this.attach(dir, name, canonical, { kind: 'device', meta: this.meta(mode, 'root', group), device });
  }

  remove(path: string, cwd: string): void {
    const { dir, name, path: canonical } = this.parentOf(path, cwd);
    if (!dir.children.has(name)) throw new FsError('ENOENT');
    this.detach(dir, name, canonical);
  }

  /** Moves an entry (and everything under it), replacing what the destination held. */
  rename(from: string, to: string): void {
    const source = this.parentOf(from, '/');
    const node = source.dir.children.get(source.name);
    if (!node) throw new FsError('ENOENT');
    const target = this.parentOf(to, '/');
    if (target.path === source.path) return;
    if (node.kind === 'dir' && (target.path + '/').startsWith(`${source.path}/`)) throw new FsError('EACCES');
    if (target.dir.children.has(target.name)) this.detach(target.dir, target.name, target.path);
    source.dir.children.delete(source.name);
    this.visit(source.path, node, (path) => this.observer?.changed(path, undefined, path === source.path), true);
    target.dir.children.set(target.name, node);
    this.visit(target.path, node, (path, child) => this.observer?.changed(path, child, path === target.path), false);
  }

  /** The node at `path` changed in place (mode, owner, times, or its content): journal it. */
  touch(path: string, node: FsNode): void {
    this.observer?.changed(path, node, true);
  }

  /** Removes empty directories from `path` upwards (what udev does with /dev/tape/by-id). */
  pruneEmpty(path: string, stopAt: string): void {
    let current = absolutePath(path, '/');
    while (current !== stopAt && current !== '/') {
      const found = this.tryResolve(current, '/', false);
      if (!found || found.node.kind !== 'dir' || found.node.children.size > 0) return;
      this.remove(current, '/');
      current = current.slice(0, current.lastIndexOf('/')) || '/';
    }
  }

  /** Places a restored node without telling the observer (a restart rebuilding the tree). */
  restore(path: string, node: FsNode): void {
    const { dir, name, path: canonical } = this.parentOf(path, '/');
    if (dir.children.has(name)) this.detach(dir, name, canonical, false);
    dir.children.set(name, node);
    if (node.kind === 'file') this.used += node.size;
  }

  /** Places one more name of a restored file (a hard link) without telling the observer. */
  restoreLink(path: string, node: FileNode): void {
    const { dir, name, path: canonical } = this.parentOf(path, '/');
    if (dir.children.get(name) === node) return;
    if (dir.children.has(name)) this.detach(dir, name, canonical, false);
    node.links = (node.links ?? 1) + 1;
    dir.children.set(name, node);
  }

  /** Removes a restored path's current node without telling the observer. */
  restoreRemoval(path: string): void {
    const { dir, name, path: canonical } = this.parentOf(path, '/');
    if (dir.children.has(name)) this.detach(dir, name, canonical, false);
  }

  private attach(dir: FsNode & { kind: 'dir' }, name: string, path: string, node: FsNode): void {
    dir.children.set(name, node);
    this.observer?.changed(path, node, true);
  }

  /** Takes an entry and its subtree out: their bytes leave the volume and their blobs are released. */
  private detach(dir: FsNode & { kind: 'dir' }, name: string, path: string, notify = true): void {
    const node = dir.children.get(name);
    if (!node) return;
    dir.children.delete(name);
    this.visit(path, node, (childPath, child) => {
      if (child.kind === 'file' && (child.links ?? 1) > 1) child.links = (child.links ?? 1) - 1;
      else if (child.kind === 'file') {
        this.used -= child.size;
        child.detached = true;
        if (child.blob !== undefined) {
          if (this.observer) this.observer.release(child.blob);
          else void this.blobs.remove(child.blob).catch(() => undefined);
        }
      }
      if (notify) this.observer?.changed(childPath, undefined, childPath === path);
    }, true);
  }

  /** Calls `fn` for `node` and every node under it (children first when `childrenFirst`). */
  private visit(path: string, node: FsNode, fn: (path: string, node: FsNode) => void, childrenFirst: boolean): void {
    if (!childrenFirst) fn(path, node);
    if (node.kind === 'dir') for (const [name, child] of node.children) this.visit(`${path}/${name}`, child, fn, childrenFirst);
    if (childrenFirst) fn(path, node);
  }

  private walk(absolute: string, followLast: boolean, depth: number): Resolved {
    if (depth > 40) throw new FsError('ELOOP');
    const parts = absolute.split('/').filter(Boolean);
    let node: FsNode = this.root;
    let path = '';
    for (let i = 0; i < parts.length; i += 1) {
      if (node.kind !== 'dir') throw new FsError('ENOTDIR');
      const child: FsNode | undefined = node.children.get(parts[i]);
      if (!child) throw new FsError('ENOENT');
      const last = i === parts.length - 1;
      if (child.kind === 'symlink' && (!last || followLast)) {
        const rest = parts.slice(i + 1).join('/');
        const target = absolutePath(child.target, path || '/');
        return this.walk(rest ? `${target}/${rest}` : target, followLast, depth + 1);
      }
      node = child;
      path += `/${parts[i]}`;
    }
    return { node, path: path || '/' };
  }
}
