// tar -c: packs files from the client's filesystem with tar-stream, streaming their data, and writes the stream as fixed-size records.
import * as tarStream from 'tar-stream';
import { RecordBlocker } from '../../../tape/tarRecords';
import { TapeDeviceError } from '../../library/TapeDeviceError';
import { CommandContext } from '../CommandContext';
import { canRead } from '../filePermissions';
import { openFileReader } from '../fileIo';
import { FsNode, VirtualFileSystem, absolutePath } from '../VirtualFileSystem';
import { ChunkRing } from './ChunkRing';
import { openArchiveForWrite } from './tarArchiveIo';
import { TarOptions } from './tarOptions';

/** Numeric ids of the client's accounts (ssm-user is 1001 on Amazon Linux). */
/** Bytes of a file's data handed to the archive at a time. */
const ENTRY_CHUNK = 1024 * 1024;
/** Reads of a file's data in flight while the archive takes the last one. */
const READS_AHEAD = 2;
/** Chunk buffers one tar -c reads through: those ahead, the one being packed and what the archive still holds. */
const RING_CHUNKS = 6;

export const ACCOUNT_IDS: Readonly<Record<string, number>> = { root: 0, 'ssm-user': 1001 };

interface Member {
  readonly display: string;
  readonly stored: string;
  readonly node: FsNode;
}

function collect(display: string, node: FsNode, into: Member[]): void {
  const stored = display.replace(/^\/+/, '');
  if (node.kind === 'dir') {
    const withSlash = display.endsWith('/') ? display : `${display}/`;
    into.push({ display: withSlash, stored: stored.endsWith('/') ? stored : `${stored}/`, node });
    for (const name of [...node.children.keys()].sort()) collect(`${withSlash}${name}`, node.children.get(name)!, into);
  } else into.push({ display, stored, node });
}

function header(member: Member, linkTo?: string): Partial<tarStream.Header> & { name: string } {
  const { node } = member;
  const base = {
    name: member.stored,
    mode: node.meta.mode & 0o7777,
    uid: ACCOUNT_IDS[node.meta.owner] ?? 0,
    gid: ACCOUNT_IDS[node.meta.group] ?? 0,
    uname: node.meta.owner,
    gname: node.meta.group,
    mtime: node.meta.mtime,
  };
  if (node.kind === 'dir') return { ...base, type: 'directory', size: 0 };
  // A second name of a hard-linked file is a link member naming the first, with no data (GNU tar's `h` entries).
  if (linkTo !== undefined) return { ...base, type: 'link', linkname: linkTo, size: 0 };
  if (node.kind === 'symlink') return { ...base, type: 'symlink', linkname: node.target, size: 0 };
  if (node.kind === 'device') return { ...base, type: 'character-device', size: 0, devmajor: 0, devminor: 0 };
  return { ...base, type: 'file', size: node.size };
}

/** Adds one member; a file's data streams from its blob in ring buffers (reading ahead), waiting whenever the archive side is behind. */
async function addEntry(fs: VirtualFileSystem, pack: tarStream.Pack, member: Member, ring: ChunkRing, linkTo?: string): Promise<void> {
  let finish!: (error?: Error | null) => void;
  const added = new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve())));
  const fields = header(member, linkTo);
  if (member.node.kind !== 'file' || linkTo !== undefined) {
    pack.entry(fields, finish);
    return added;
  }
  const entry = pack.entry(fields, finish);
  const reader = openFileReader(fs, member.node);
  const size = fields.size ?? 0;
  let issued = 0;
  const ahead: Promise<Buffer>[] = [];
  const issue = () => {
    const at = issued;
    const length = Math.min(ENTRY_CHUNK, size - at);
    issued += length;
    const chunk = (async () => {
      const buffer = await ring.take();
      const read = await reader.readInto(buffer, at, length);
      // The file shrank since its header was written: GNU tar pads with zeros to the size it announced.
      if (read < length) buffer.fill(0, read, length);
      return length === buffer.length ? buffer : buffer.subarray(0, length);
    })();
    // Awaited in order below; until then a failed read must not count as unhandled.
    chunk.catch(() => undefined);
    ahead.push(chunk);
  };
  try {
    while (issued < size && ahead.length < READS_AHEAD) issue();
    while (ahead.length > 0) {
      const chunk = await ahead.shift()!;
      if (issued < size) issue();
      if (!entry.write(chunk)) await new Promise<void>((resolve) => entry.once('drain', () => resolve()));
    }
  } finally {
    await Promise.allSettled(ahead);
    await reader.close();
  }
  entry.end(Buffer.alloc(0));
  return added;
}

export async function tarCreate(context: CommandContext, options: TarOptions): Promise<number> {
  const fail = (text: string): number => {
    context.stderr.write(`tar: ${text}\ntar: Error is not recoverable: exiting now\n`);
    return 2;
  };
  const sourceDir = options.directory === undefined ? context.cwd : absolutePath(options.directory, context.cwd);
  if (options.directory !== undefined && context.host.fs.tryResolve(sourceDir, '/')?.node.kind !== 'dir') return fail(`${options.directory}: Cannot open: No such file or directory`);
  const opened = openArchiveForWrite(context, options.archive);
  if (!opened.ok) return fail(`${options.archive}: Cannot open: ${opened.error}`);
  const writer = opened.value;
  let writeError: TapeDeviceError | undefined;
  let interrupted = false;
  // Anything but the device's own errno (or a full volume) is reported as EIO: thrown on, it would escape the command.
  const failedWith = (error: unknown) => (writeError = error instanceof TapeDeviceError ? error : new TapeDeviceError('EIO'));
  const blocker = new RecordBlocker(options.recordSize, (record) => {
    if (context.signal?.aborted) interrupted = true;
    if (writeError || interrupted) return;
    try {
      writer.writeRecord(record);
    } catch (error) {
      failedWith(error);
    }
  });
  const flush = () => (writeError ? Promise.resolve() : writer.flush().catch(failedWith));
  const pack = tarStream.pack();
  const ring = new ChunkRing(RING_CHUNKS, ENTRY_CHUNK);
  // Records written to standard output may still be held by whatever reads the pipe: their buffers are never reused.
  // A tape takes each record before its write returns, and an archive file writes a copy.
  if (options.archive === '-') ring.close();
  const consumer = (async () => {
    try {
      for await (const chunk of pack) {
        blocker.push(chunk as Uint8Array);
        await flush();
        ring.giveBack(chunk as Uint8Array);
      }
    } finally {
      ring.close();
    }
  })();
  // Awaited below; until then a failure must not count as an unhandled rejection (which would end the lab process).
  consumer.catch(() => undefined);
  let failed = false;
  let strippedLeadingSlash = false;
  /** Files with more than one name, by the name their first member was stored under. */
  const firstNames = new Map<FsNode, string>();
  try {
    for (let i = 0; i < options.names.length && !writeError && !context.signal?.aborted; i += 1) {
      const name = options.names[i];
      if (name.startsWith('/') && !strippedLeadingSlash) {
        context.stderr.write("tar: Removing leading `/' from member names\n");
        strippedLeadingSlash = true;
      }
      // tar 1.34 prints this before the second name whenever names were stripped (create.c, trivial_link_count).
      if (i === 1 && strippedLeadingSlash) context.stderr.write("tar: Removing leading `/' from hard link targets\n");
      const found = context.host.fs.tryResolve(name, sourceDir, false);
      if (!found) {
        context.stderr.write(`tar: ${name}: Cannot stat: No such file or directory\n`);
        failed = true;
        continue;
      }
      const members: Member[] = [];
      collect(name, found.node, members);
      for (const member of members) {
        if (writeError || context.signal?.aborted) break;
        if (!canRead(context.user, member.node)) {
          context.stderr.write(`tar: ${member.display}: Cannot open: Permission denied\n`);
          failed = true;
          continue;
        }
        // With the archive on stdout, GNU tar lists names on stderr.
        if (options.verbose) (options.archive === '-' ? context.stderr : context.stdout).write(`${member.display}\n`);
        const linkTo = firstNames.get(member.node);
        if (member.node.kind === 'file' && (member.node.links ?? 1) > 1 && linkTo === undefined) firstNames.set(member.node, member.stored);
        await addEntry(context.host.fs, pack, member, ring, linkTo);
      }
    }
    pack.finalize();
    await consumer;
    blocker.finish();
    await flush();
  } finally {
    await writer.close();
  }
  // Ctrl-C: SIGINT ends tar silently with 128 + 2.
  if (interrupted || context.signal?.aborted) return 130;
  if (writeError) return fail(`${options.archive}: Cannot write: ${writeError.strerror}`);
  if (failed) {
    context.stderr.write('tar: Exiting with failure status due to previous errors\n');
    return 2;
  }
  return 0;
}
