// tar -t / -x: reads records from the archive (GNU tar's first-record and short-read rules) and parses them with tar-stream.
import * as tarStream from 'tar-stream';
import { TarEntryType, TarListFormatter } from '../../../tape/tarListing';
import { TarEndDetector } from '../../../tape/tarRecords';
import { TapeDeviceError } from '../../library/TapeDeviceError';
import { CommandContext } from '../CommandContext';
import { FsError, absolutePath } from '../VirtualFileSystem';
import { canWrite } from '../filePermissions';
import { ensureBlob, openFileWriter } from '../fileIo';
import { memberName } from './memberNames';
import { openArchiveForRead, type ArchiveReader } from './tarArchiveIo';
import { TarOptions } from './tarOptions';

/** Bytes of a member's data gathered before each write to its file. */
const MEMBER_WRITE_BYTES = 1024 * 1024;

const LIST_TYPES: Readonly<Record<string, TarEntryType>> = {
  file: 'file', 'contiguous-file': 'file', directory: 'directory', symlink: 'symlink', link: 'link',
  'character-device': 'character-device', 'block-device': 'block-device', fifo: 'fifo',
};

function selected(names: readonly string[], member: string): boolean {
  if (names.length === 0) return true;
  const bare = member.replace(/\/$/, '');
  return names.some((name) => {
    const wanted = name.replace(/^\/+/, '').replace(/\/$/, '');
    return bare === wanted || bare.startsWith(`${wanted}/`);
  });
}

export async function tarRead(context: CommandContext, options: TarOptions): Promise<number> {
  const stderr = (text: string) => context.stderr.write(`tar: ${text}\n`);
  const fatal = (text: string): number => {
    stderr(text);
    stderr('Error is not recoverable: exiting now');
    return 2;
  };
  const targetDir = options.directory === undefined ? context.cwd : absolutePath(options.directory, context.cwd);
  if (options.mode === 'extract' && context.host.fs.tryResolve(targetDir, '/')?.node.kind !== 'dir') return fatal(`${options.directory}: Cannot open: No such file or directory`);
  const opened = openArchiveForRead(context, options.archive);
  if (!opened.ok) return fatal(`${options.archive}: Cannot open: ${opened.error}`);
  const reader = opened.value;
  const formatter = new TarListFormatter();
  const warnedPrefixes = new Set<string>();
  /** Symlinks to absolute or `..` targets wait as empty placeholder files until the end, as GNU tar does. */
  const deferredLinks: { path: string; target: string; owner: string }[] = [];
  let failed = false;
  const extract = tarStream.extract();
  /** The member being written: the archive's end can come before its last chunks reach the file. */
  let lastMember: Promise<void> = Promise.resolve();
  extract.on('entry', (header, stream, next) => {
    // A member cut short by the end of the archive: the read loop below reports it as GNU tar does.
    stream.on('error', () => undefined);
    const member = memberName(header.name, options.absoluteNames);
    if (member.prefix && !warnedPrefixes.has(member.prefix)) {
      warnedPrefixes.add(member.prefix);
      stderr(`Removing leading \`${member.prefix}' from member names`);
    }
    const name = member.name;
    const refused = options.mode === 'extract' && member.dotDot;
    if (refused) {
      stderr(`${header.name}: Member name contains '..'`);
      failed = true;
    }
    const wanted = !refused && name !== '' && selected(options.names, name);
    if (wanted && options.mode === 'list') {
      const type = LIST_TYPES[header.type] ?? 'file';
      const entry = { name: header.name, type, mode: header.mode, uname: header.uname || String(header.uid), gname: header.gname || String(header.gid), size: header.size, mtime: header.mtime, linkname: header.linkname };
      context.stdout.write(`${options.verbose ? formatter.format(entry) : header.name}\n`);
    } else if (wanted && options.verbose) context.stdout.write(`${header.name}\n`);
    // Everything is caught here: thrown from an event handler, an error would end the lab process. It fails this member instead.
    lastMember = (async () => {
      let writer: MemberWriter | undefined;
      let stage = 'open';
      try {
        if (wanted && options.mode === 'extract') writer = await openMember(context, targetDir, name, header, deferredLinks);
        stage = 'write';
        // The member's data streams into its file chunk by chunk; the archive is read no faster than the disk takes it.
        for await (const chunk of stream) if (writer) await writer.write(chunk as Buffer);
        await writer?.close();
      } catch (error) {
        await writer?.close().catch(() => undefined);
        // A member cut short by the end of the archive: the read loop below reports it as GNU tar does.
        if (stage === 'write' && !(error instanceof FsError)) return;
        if (error instanceof HardLinkError) stderr(`${name}: Cannot hard link to ‘${header.linkname}’: ${error.message}`);
        else stderr(`${name}: Cannot ${stage}: ${error instanceof FsError ? error.message : 'Input/output error'}`);
        failed = true;
        if (stage === 'write') for await (const _ of stream.on('error', () => undefined)) void _;
      }
      next();
    })().catch(() => undefined);
  });
  let parseFailure: Error | undefined;
  const finished = new Promise<Error | undefined>((resolve) => {
    extract.on('finish', () => resolve(undefined));
    extract.on('error', (error: Error) => {
      parseFailure = error;
      resolve(error);
    });
    extract.on('close', () => resolve(parseFailure));
  });
  const detector = new TarEndDetector();
  let recordSize = options.recordSize;
  let first = true;
  let outcome: 'end' | 'eof' | 'invalid' | 'unexpectedEof' | 'empty' = 'eof';
  /** Bytes read before the current record; and, at the end, the 1-based number of a zero block no second one followed. */
  let consumed = 0;
  let loneZeroBlock: number | undefined;
  try {
    for (;;) {
      if (context.signal?.aborted) {
        extract.destroy();
        return 130;
      }
      let chunk: Buffer;
      try {
        chunk = await reader.readRecord(recordSize);
      } catch (error) {
        if (!(error instanceof TapeDeviceError)) throw error;
        stderr(`${options.archive}: Cannot read: ${error.strerror}`);
        if (first) stderr('At beginning of tape, quitting now');
        extract.destroy();
        stderr('Error is not recoverable: exiting now');
        return 2;
      }
      // GNU tar ignores a partial last block of an archive file (reads of a file are short only at its end).
      if (!reader.isDevice) chunk = chunk.subarray(0, chunk.length - (chunk.length % 512));
      if (chunk.length === 0) {
        outcome = first ? 'empty' : detector.atBoundary ? 'eof' : 'unexpectedEof';
        break;
      }
      if (first && reader.isDevice && chunk.length < recordSize && chunk.length % 512 === 0) {
        // buffer.c short_read: only on the first record, and only reported with -v.
        const blocks = chunk.length / 512;
        if (options.verbose) stderr(`Record size = ${blocks} block${blocks === 1 ? '' : 's'}`);
        recordSize = chunk.length;
      }
      first = false;
      const scan = detector.feed(chunk);
      if (scan === 'invalid') {
        outcome = 'invalid';
        break;
      }
      // The parser gets the members only: what follows the end block (padding, a lone zero block, garbage) is not its business.
      const ending = scan === 'end' ? detector.headerOffset - consumed : chunk.length;
      if (scan === 'end') loneZeroBlock = (await followedByZeroBlock(reader, chunk.subarray(ending + 512), recordSize)) ? undefined : detector.headerOffset / 512 + 1;
      if (!extract.write(chunk.subarray(0, ending))) await Promise.race([new Promise<void>((resolve) => extract.once('drain', () => resolve())), finished]);
      consumed += chunk.length;
      if (parseFailure) {
        outcome = 'unexpectedEof';
        break;
      }
      if (scan === 'end') {
        outcome = 'end';
        break;
      }
    }
  } finally {
    await reader.close();
  }
  // Less than one whole header before the end: GNU tar cannot read a first header at all.
  if (outcome === 'unexpectedEof' && detector.headers === 0) outcome = 'empty';
  if (outcome === 'empty' || (outcome === 'invalid' && detector.headers === 0)) {
    extract.destroy();
    stderr('This does not look like a tar archive');
    if (outcome === 'invalid') stderr('Skipping to next header');
    stderr('Exiting with failure status due to previous errors');
    return 2;
  }
  if (outcome === 'invalid') {
    extract.destroy();
    stderr('Skipping to next header');
    stderr('Exiting with failure status due to previous errors');
    return 2;
  }
  if (!parseFailure) extract.end(Buffer.alloc(0));
  const parseError = await finished;
  await lastMember;
  placeDeferredLinks(context, deferredLinks);
  if (outcome === 'unexpectedEof' || parseError) {
    // GNU tar reports a member cut short twice: once for the data, once for the archive.
    if (parseError) stderr('Unexpected EOF in archive');
    return fatal('Unexpected EOF in archive');
  }
  // A warning only (status 0): GNU tar stops at one zero block that a second does not follow.
  if (loneZeroBlock !== undefined) stderr(`A lone zero block at ${loneZeroBlock}`);
  if (failed) {
    stderr('Exiting with failure status due to previous errors');
    return 2;
  }
  return 0;
}

/** Is the block after the end block zero too? GNU tar reads one more record to see it when the current one ends there. */
async function followedByZeroBlock(reader: ArchiveReader, rest: Buffer, recordSize: number): Promise<boolean> {
  let next = rest;
  if (next.length < 512) {
    try {
      next = Buffer.concat([next, await reader.readRecord(recordSize)]);
    } catch (error) {
      if (!(error instanceof TapeDeviceError)) throw error;
    }
  }
  return next.length >= 512 && next.subarray(0, 512).every((byte) => byte === 0);
}

/** A hard link member whose target is not there; the message is the strerror text. */
class HardLinkError extends Error {}

function placeDeferredLinks(context: CommandContext, links: readonly { path: string; target: string; owner: string }[]): void {
  const fs = context.host.fs;
  for (const link of links) {
    const placeholder = fs.tryResolve(link.path, '/', false);
    if (placeholder?.node.kind !== 'file' || placeholder.node.size > 0) continue;
    fs.remove(link.path, '/');
    fs.symlink(link.path, link.target, link.owner);
  }
}

/** Where a file member's data goes; closing it sets the member's time and group. */
interface MemberWriter {
  write(chunk: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** Creates the member's entry; a regular file's data comes through the returned writer. */
async function openMember(context: CommandContext, dir: string, name: string, header: tarStream.Header, deferredLinks: { path: string; target: string; owner: string }[]): Promise<MemberWriter | undefined> {
  const fs = context.host.fs;
  const path = absolutePath(name, dir);
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  let existing = parent;
  while (existing !== '/' && !fs.tryResolve(existing, '/')) existing = existing.slice(0, existing.lastIndexOf('/')) || '/';
  if (!canWrite(context.user, fs.resolve(existing, '/').node)) throw new FsError('EACCES');
  fs.mkdir(parent, '/', context.user, 0o755, true);
  const owner = context.user === 'root' ? header.uname || context.user : context.user;
  const mode = context.user === 'root' ? header.mode : header.mode & ~0o022;
  if (header.type === 'directory') {
    if (!fs.tryResolve(path, '/')) fs.mkdir(path, '/', owner, mode);
    return undefined;
  }
  if (header.type === 'symlink') {
    const target = header.linkname ?? '';
    if (fs.tryResolve(path, '/', false)) fs.remove(path, '/');
    if (target.startsWith('/') || target.split('/').includes('..')) {
      fs.fileForWrite(path, '/', owner, 0);
      deferredLinks.push({ path, target, owner });
    } else fs.symlink(path, target, owner);
    return undefined;
  }
  const stamp = () => {
    const written = fs.resolve(path, '/');
    written.node.meta.mtime = header.mtime;
    written.node.meta.group = context.user === 'root' ? header.gname || owner : owner;
    fs.touch(written.path, written.node);
  };
  if (header.type === 'link') {
    // A hard link member carries no data: it becomes a second name of the member it names.
    const target = fs.tryResolve(absolutePath(memberName(header.linkname ?? '', false).name, dir), '/');
    if (target?.node.kind !== 'file') throw new HardLinkError(target ? 'Operation not permitted' : 'No such file or directory');
    if (target.path === path) return undefined;
    if (fs.tryResolve(path, '/', false)) fs.remove(path, '/');
    // The journal ties a file's names together by its blob, so the file gets one first.
    await ensureBlob(fs, target.path, target.node);
    fs.link(target.node, path, '/');
    return undefined;
  }
  if (fs.tryResolve(path, '/', false)) fs.remove(path, '/');
  const file = openFileWriter(fs, path, '/', owner, { mode });
  // The archive's records arrive a block at a time; they go to the file a MiB at a time (far fewer writes to wait on),
  // through one buffer per member that is filled again once its write is done.
  const capacity = Math.min(MEMBER_WRITE_BYTES, Math.max(1, header.size ?? 0));
  let staging: Buffer | undefined;
  let staged = 0;
  const writeStaged = async () => {
    if (!staging || staged === 0) return;
    const data = staging.subarray(0, staged);
    staged = 0;
    if ((await file.write(data)) < data.length) throw new FsError('ENOSPC');
  };
  return {
    async write(chunk) {
      for (let offset = 0; offset < chunk.length; ) {
        staging ??= Buffer.allocUnsafe(capacity);
        const take = Math.min(chunk.length - offset, capacity - staged);
        chunk.copy(staging, staged, offset, offset + take);
        staged += take;
        offset += take;
        if (staged === capacity) await writeStaged();
      }
    },
    async close() {
      try {
        await writeStaged();
      } finally {
        await file.close();
      }
      stamp();
    },
  };
}
