// The client host's filesystem as just-bash sees it: every call checks the shell user's Unix permissions, and device nodes stay devices.
import { randomBytes } from 'node:crypto';
import { type ByteString, type CpOptions, type FsStat, type IFileSystem, type MkdirOptions, type RmOptions, unsafeBytesFromLatin1 } from 'just-bash';
import { ShellUser } from './CommandContext';
import { canRead, canSearch, canWrite } from './filePermissions';
import { copyFile, ensureBlob, readWholeFile, writeWholeFile } from './fileIo';
import { FsError, FsNode, VirtualFileSystem, absolutePath } from './VirtualFileSystem';

type FileContent = string | Uint8Array;

/** Where writes to a capture path go: `replace` for an open that truncates (writeFile), `append` for appendFile. */
export interface CaptureSink {
  replace(bytes: Buffer): void;
  append(bytes: Buffer): void;
}
type DirentEntry = { name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean };
type Encoding = 'utf8' | 'utf-8' | 'ascii' | 'binary' | 'base64' | 'hex' | 'latin1';
type EncodingOption = Encoding | { encoding?: Encoding | null } | undefined;

/** Reads of endless devices (/dev/zero, /dev/urandom) through the shell's own commands return this much. */
const ENDLESS_DEVICE_READ = 1 << 20;

const SYSCALL_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory',
  EEXIST: 'file already exists',
  EACCES: 'permission denied',
  ENOTEMPTY: 'directory not empty',
  ELOOP: 'too many symbolic links encountered',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
};

/** An error in Node's shape (`CODE: text, op 'path'`), which just-bash turns into the coreutils message. */
function fsError(code: string, op: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${SYSCALL_TEXT[code] ?? code.toLowerCase()}, ${op} '${path}'`), { code, path });
}

function toBuffer(content: FileContent, options: EncodingOption): Buffer {
  if (typeof content !== 'string') return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const encoding = typeof options === 'string' ? options : (options?.encoding ?? 'utf8');
  return Buffer.from(content, encoding === 'utf-8' ? 'utf8' : encoding);
}

function decode(data: Buffer, options: EncodingOption): string {
  const encoding = typeof options === 'string' ? options : (options?.encoding ?? 'utf8');
  return data.toString(encoding === 'utf-8' ? 'utf8' : encoding);
}

export class LabFileSystem implements IFileSystem {
  /** Paths that are not files but pipes into the shell itself (the state report, the terminal's two streams). */
  readonly captures = new Map<string, CaptureSink>();

  private lastYield = Date.now();

  constructor(
    readonly vfs: VirtualFileSystem,
    readonly user: ShellUser,
  ) {}

  /**
   * just-bash runs a script on promises that resolve at once; every 20 ms a filesystem call lets the event loop turn, so a
   * long Run Command script never holds up the lab's API (or its own status polls). Command lookups stat files, so every
   * command passes here.
   */
  private async turn(): Promise<void> {
    if (Date.now() - this.lastYield < 20) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastYield = Date.now();
  }

  /** Resolves with Unix search checks on every directory on the way; errors are Node-shaped. */
  private node(path: string, op: string, followLast = true): { node: FsNode; path: string } {
    const absolute = absolutePath(path, '/');
    try {
      const parts = absolute.split('/').filter(Boolean);
      let walked = '';
      for (const part of parts.slice(0, -1)) {
        walked += `/${part}`;
        const dir = this.vfs.resolve(walked, '/');
        if (dir.node.kind === 'dir' && !canSearch(this.user, dir.node)) throw new FsError('EACCES');
      }
      return this.vfs.resolve(absolute, '/', followLast);
    } catch (error) {
      if (error instanceof FsError) throw fsError(error.code, op, path);
      throw error;
    }
  }

  private async dataOf(path: string): Promise<Buffer> {
    const { node } = this.node(path, 'open');
    if (node.kind === 'dir') throw fsError('EISDIR', 'read', path);
    if (!canRead(this.user, node)) throw fsError('EACCES', 'open', path);
    if (node.kind === 'file') return readWholeFile(this.vfs, node);
    if (node.kind === 'device') {
      if (node.device.kind === 'zero') return Buffer.alloc(ENDLESS_DEVICE_READ);
      if (node.device.kind === 'urandom') return randomBytes(ENDLESS_DEVICE_READ);
    }
    return Buffer.alloc(0);
  }

  async readFile(path: string, options?: EncodingOption): Promise<string> {
    await this.turn();
    return decode(await this.dataOf(path), options);
  }

  /** just-bash's byte strings are latin1 text; without this it converts a Buffer one character at a time. */
  async readFileBytes(path: string): Promise<ByteString> {
    await this.turn();
    return unsafeBytesFromLatin1((await this.dataOf(path)).toString('latin1'));
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    await this.turn();
    return new Uint8Array(await this.dataOf(path));
  }

  private checkCreate(path: string, op: string): void {
    const existing = this.vfs.tryResolve(path, '/');
    if (existing) {
      if (existing.node.kind === 'dir') throw fsError('EISDIR', op, path);
      if (!canWrite(this.user, existing.node)) throw fsError('EACCES', 'open', path);
      return;
    }
    const absolute = absolutePath(path, '/');
    const parent = this.node(absolute.slice(0, absolute.lastIndexOf('/')) || '/', 'open');
    if (parent.node.kind !== 'dir') throw fsError('ENOTDIR', 'open', path);
    if (!canWrite(this.user, parent.node)) throw fsError('EACCES', 'open', path);
  }

  async writeFile(path: string, content: FileContent, options?: EncodingOption): Promise<void> {
    await this.turn();
    const capture = this.captures.get(path);
    if (capture) {
      capture.replace(toBuffer(content, options));
      return;
    }
    this.checkCreate(path, 'open');
    await this.store(writeWholeFile(this.vfs, path, '/', toBuffer(content, options), this.user), path);
  }

  /** A full volume reaches just-bash as Node's ENOSPC. */
  private async store(write: Promise<void>, path: string): Promise<void> {
    try {
      await write;
    } catch (error) {
      if (error instanceof FsError) throw fsError(error.code, 'write', path);
      throw error;
    }
  }

  async appendFile(path: string, content: FileContent, options?: EncodingOption): Promise<void> {
    await this.turn();
    const capture = this.captures.get(path);
    if (capture) {
      capture.append(toBuffer(content, options));
      return;
    }
    this.checkCreate(path, 'open');
    await this.store(writeWholeFile(this.vfs, path, '/', toBuffer(content, options), this.user, { append: true }), path);
  }

  async exists(path: string): Promise<boolean> {
    await this.turn();
    return this.vfs.tryResolve(path, '/') !== undefined;
  }

  private statOf(node: FsNode): FsStat {
    const size = node.kind === 'file' ? node.size : node.kind === 'symlink' ? Buffer.byteLength(node.target) : node.kind === 'dir' ? 4096 : 0;
    return { isFile: node.kind === 'file' || node.kind === 'device', isDirectory: node.kind === 'dir', isSymbolicLink: node.kind === 'symlink', mode: node.meta.mode, size, mtime: node.meta.mtime, dev: 66306, ino: this.vfs.inodeOf(node), identity: `inode:${this.vfs.inodeOf(node)}` };
  }

  async stat(path: string): Promise<FsStat> {
    await this.turn();
    const found = this.node(path, 'stat');
    return this.statOf(found.node);
  }

  async lstat(path: string): Promise<FsStat> {
    const found = this.node(path, 'lstat', false);
    return this.statOf(found.node);
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const absolute = absolutePath(path, '/');
    const existing = this.vfs.tryResolve(absolute, '/');
    if (existing) {
      if (options?.recursive && existing.node.kind === 'dir') return;
      throw fsError('EEXIST', 'mkdir', path);
    }
    const parentPath = absolute.slice(0, absolute.lastIndexOf('/')) || '/';
    if (options?.recursive && !this.vfs.tryResolve(parentPath, '/')) await this.mkdir(parentPath, options);
    const parent = this.node(parentPath, 'mkdir');
    if (parent.node.kind !== 'dir') throw fsError('ENOTDIR', 'mkdir', path);
    if (!canWrite(this.user, parent.node)) throw fsError('EACCES', 'mkdir', path);
    this.vfs.mkdir(absolute, '/', this.user, 0o755);
  }

  private dir(path: string): FsNode & { kind: 'dir' } {
    const { node } = this.node(path, 'scandir');
    if (node.kind !== 'dir') throw fsError('ENOTDIR', 'scandir', path);
    if (!canRead(this.user, node)) throw fsError('EACCES', 'scandir', path);
    return node;
  }

  async readdir(path: string): Promise<string[]> {
    return [...this.dir(path).children.keys()].sort();
  }

  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    return [...this.dir(path).children.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, node]) => ({ name, isFile: node.kind === 'file' || node.kind === 'device', isDirectory: node.kind === 'dir', isSymbolicLink: node.kind === 'symlink' }));
  }

  /** Unlinking needs write permission on the parent directory (no sticky-bit owner rule beyond /tmp's). */
  private checkUnlink(path: string, op: string): { parent: FsNode & { kind: 'dir' }; name: string; node: FsNode } {
    const absolute = absolutePath(path, '/');
    const parent = this.node(absolute.slice(0, absolute.lastIndexOf('/')) || '/', op);
    const name = absolute.slice(absolute.lastIndexOf('/') + 1);
    if (parent.node.kind !== 'dir') throw fsError('ENOTDIR', op, path);
    const node = parent.node.children.get(name);
    if (!node) throw fsError('ENOENT', op, path);
    const sticky = (parent.node.meta.mode & 0o1000) !== 0 && this.user !== 'root' && node.meta.owner !== this.user;
    if (!canWrite(this.user, parent.node) || sticky) throw fsError('EACCES', op, path);
    return { parent: parent.node, name, node };
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    let target: { parent: FsNode & { kind: 'dir' }; name: string; node: FsNode };
    try {
      target = this.checkUnlink(path, 'rm');
    } catch (error) {
      if (options?.force && (error as { code?: string }).code === 'ENOENT') return;
      throw error;
    }
    if (target.node.kind === 'dir' && target.node.children.size > 0) {
      if (!options?.recursive) throw fsError('ENOTEMPTY', 'rmdir', path);
      for (const name of [...target.node.children.keys()]) await this.rm(`${absolutePath(path, '/')}/${name}`, options);
    }
    this.vfs.remove(absolutePath(path, '/'), '/');
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const { node } = this.node(src, 'copyfile');
    if (node.kind === 'dir') {
      if (!options?.recursive) throw fsError('EISDIR', 'copyfile', src);
      await this.mkdir(dest, { recursive: true });
      for (const name of node.children.keys()) await this.cp(`${absolutePath(src, '/')}/${name}`, `${absolutePath(dest, '/')}/${name}`, options);
      return;
    }
    if (node.kind === 'symlink') {
      await this.symlink(node.target, dest);
      return;
    }
    if (node.kind !== 'file') {
      await this.writeFile(dest, await this.dataOf(src));
      return;
    }
    if (!canRead(this.user, node)) throw fsError('EACCES', 'open', src);
    this.checkCreate(dest, 'open');
    // Chunk by chunk through the files' blobs: a large file is never in memory whole.
    await this.store(copyFile(this.vfs, node, absolutePath(dest, '/'), this.user), dest);
    const copied = this.vfs.tryResolve(dest, '/');
    if (copied?.node.kind === 'file') {
      copied.node.meta.mode = node.meta.mode;
      this.vfs.touch(copied.path, copied.node);
    }
  }

  async mv(src: string, dest: string): Promise<void> {
    const from = this.checkUnlink(src, 'rename');
    const absolute = absolutePath(dest, '/');
    const existing = this.vfs.tryResolve(absolute, '/', false);
    if (existing?.node.kind === 'dir' && from.node.kind !== 'dir') throw fsError('EISDIR', 'rename', dest);
    if (existing) this.checkUnlink(absolute, 'rename');
    const parent = this.node(absolute.slice(0, absolute.lastIndexOf('/')) || '/', 'rename');
    if (parent.node.kind !== 'dir') throw fsError('ENOTDIR', 'rename', dest);
    if (!canWrite(this.user, parent.node)) throw fsError('EACCES', 'rename', dest);
    this.vfs.rename(absolutePath(src, '/'), absolute);
  }

  resolvePath(base: string, path: string): string {
    return absolutePath(path, base);
  }

  getAllPaths(): string[] {
    const paths: string[] = [];
    const visit = (path: string, node: FsNode) => {
      paths.push(path || '/');
      if (node.kind === 'dir') for (const [name, child] of node.children) visit(`${path}/${name}`, child);
    };
    visit('', this.vfs.root);
    return paths;
  }

  async chmod(path: string, mode: number): Promise<void> {
    const { node } = this.node(path, 'chmod');
    if (this.user !== 'root' && node.meta.owner !== this.user) throw fsError('EPERM', 'chmod', path);
    node.meta.mode = (node.meta.mode & ~0o7777) | (mode & 0o7777);
    this.vfs.touch(this.node(path, 'chmod').path, node);
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    if (this.vfs.tryResolve(linkPath, '/', false)) throw fsError('EEXIST', 'symlink', linkPath);
    this.checkCreate(linkPath, 'symlink');
    this.vfs.symlink(absolutePath(linkPath, '/'), target, this.user);
  }

  /** A second name for the same inode; the file is given a blob first, since the journal ties its names together by blob. */
  async link(existingPath: string, newPath: string): Promise<void> {
    const found = this.node(existingPath, 'link');
    if (found.node.kind === 'dir') throw fsError('EPERM', 'link', existingPath);
    if (this.vfs.tryResolve(newPath, '/', false)) throw fsError('EEXIST', 'link', newPath);
    this.checkCreate(newPath, 'link');
    if (found.node.kind !== 'file') throw fsError('EPERM', 'link', existingPath);
    await ensureBlob(this.vfs, found.path, found.node);
    try {
      this.vfs.link(found.node, absolutePath(newPath, '/'), '/');
    } catch (error) {
      if (error instanceof FsError) throw fsError(error.code, 'link', newPath);
      throw error;
    }
  }

  async readlink(path: string): Promise<string> {
    const { node } = this.node(path, 'readlink', false);
    if (node.kind !== 'symlink') throw Object.assign(new Error(`EINVAL: invalid argument, readlink '${path}'`), { code: 'EINVAL' });
    return node.target;
  }

  async realpath(path: string): Promise<string> {
    return this.node(path, 'realpath').path;
  }

  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const { node } = this.node(path, 'utime');
    if (!canWrite(this.user, node)) throw fsError('EACCES', 'utime', path);
    // A copy: the caller's Date may be a view that stops working once its command ends.
    node.meta.mtime = new Date(mtime.getTime());
    this.vfs.touch(this.node(path, 'utime').path, node);
  }
}
