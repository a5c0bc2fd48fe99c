// The client host's small in-memory filesystem: directories, files, symlinks and the device nodes iSCSI logins create.

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

export type FsNode =
  | { readonly kind: 'dir'; readonly meta: NodeMeta; readonly children: Map<string, FsNode> }
  | { readonly kind: 'file'; readonly meta: NodeMeta; data: Buffer }
  | { readonly kind: 'symlink'; readonly meta: NodeMeta; readonly target: string }
  | { readonly kind: 'device'; readonly meta: NodeMeta; readonly device: DeviceRef };

export class FsError extends Error {
  constructor(readonly code: 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'EACCES' | 'ENOTEMPTY' | 'ELOOP' | 'ENOSPC') {
    super(
      {
        ENOENT: 'No such file or directory',
        ENOTDIR: 'Not a directory',
        EISDIR: 'Is a directory',
        EEXIST: 'File exists',
        EACCES: 'Permission denied',
        ENOTEMPTY: 'Directory not empty',
        ELOOP: 'Too many levels of symbolic links',
        ENOSPC: 'No space left on device',
      }[code],
    );
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

export class VirtualFileSystem {
  readonly root: FsNode & { kind: 'dir' };

  constructor(
    private readonly now: () => Date,
    /** Bytes of file data the volume holds; a write past it fills the volume and fails with ENOSPC. */
    readonly capacityBytes = Number.POSITIVE_INFINITY,
  ) {
    this.root = { kind: 'dir', meta: this.meta(0o555, 'root'), children: new Map() };
  }

  /** Bytes of file data stored now (whole files, as their sizes add up on the volume). */
  usedBytes(): number {
    let total = 0;
    const visit = (node: FsNode) => {
      if (node.kind === 'file') total += node.data.length;
      else if (node.kind === 'dir') for (const child of node.children.values()) visit(child);
    };
    visit(this.root);
    return total;
  }

  /** Cuts `data` to what still fits when it replaces `replacing` bytes; throws ENOSPC after the caller stores the part. */
  private fit(data: Buffer, replacing: number): { data: Buffer; full: boolean } {
    if (!Number.isFinite(this.capacityBytes) || data.length === 0) return { data, full: false };
    const free = this.capacityBytes - (this.usedBytes() - replacing);
    if (data.length <= free) return { data, full: false };
    return { data: data.subarray(0, Math.max(0, free)), full: true };
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

  /** The directory that would hold `path`, and the entry name. */
  parentOf(path: string, cwd: string): { dir: FsNode & { kind: 'dir' }; name: string; path: string } {
    const absolute = absolutePath(path, cwd);
    const at = absolute.lastIndexOf('/');
    const name = absolute.slice(at + 1);
    const parent = this.resolve(absolute.slice(0, at) || '/', '/');
    if (parent.node.kind !== 'dir') throw new FsError('ENOTDIR');
    if (name === '') throw new FsError('EISDIR');
    return { dir: parent.node, name, path: absolute };
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
    const { dir, name } = this.parentOf(absolute, '/');
    if (dir.children.has(name)) throw new FsError('EEXIST');
    dir.children.set(name, { kind: 'dir', meta: this.meta(mode, owner), children: new Map() });
  }

  /** Creates or replaces a regular file's content (following a symlink at the last component). */
  writeFile(path: string, cwd: string, data: Buffer, owner: string, options: { append?: boolean; mode?: number } = {}): void {
    const existing = this.tryResolve(path, cwd);
    if (existing) {
      if (existing.node.kind === 'dir') throw new FsError('EISDIR');
      if (existing.node.kind === 'file') {
        const fitted = this.fit(data, options.append ? 0 : existing.node.data.length);
        existing.node.data = options.append ? Buffer.concat([existing.node.data, fitted.data]) : fitted.data;
        existing.node.meta.mtime = this.now();
        if (fitted.full) throw new FsError('ENOSPC');
        return;
      }
      if (existing.node.kind === 'device') return;
    }
    const { dir, name } = this.parentOf(existing?.path ?? path, cwd);
    const fitted = this.fit(data, 0);
    dir.children.set(name, { kind: 'file', meta: this.meta(options.mode ?? 0o644, owner), data: fitted.data });
    if (fitted.full) throw new FsError('ENOSPC');
  }

  symlink(path: string, target: string, owner = 'root'): void {
    const { dir, name } = this.parentOf(path, '/');
    dir.children.set(name, { kind: 'symlink', meta: this.meta(0o777, owner), target });
  }

  mknod(path: string, device: DeviceRef, mode: number, group: string): void {
    const { dir, name } = this.parentOf(path, '/');
    dir.children.set(name, { kind: 'device', meta: this.meta(mode, 'root', group), device });
  }

  remove(path: string, cwd: string): void {
    const { dir, name } = this.parentOf(path, cwd);
    if (!dir.children.delete(name)) throw new FsError('ENOENT');
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
