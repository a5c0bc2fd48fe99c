// stat [-L] [-c FORMAT | --printf=FORMAT] FILE...: GNU coreutils' directives (%a %A %s %F %h %i %U %y %Y …) and its default layout.
import { CommandContext } from '../CommandContext';
import { FsError, FsNode, absolutePath } from '../VirtualFileSystem';
import { canSearch } from '../filePermissions';
import { STRERROR } from '../strerror';
import { modeString } from './ls';

const IDS: Readonly<Record<string, number>> = { root: 0, 'ssm-user': 1001 };
/** The root volume's device number (259:1 as the kernel packs it, as on a Nitro instance's nvme0n1p1). */
const DEVICE = 66305;

function typeName(node: FsNode, size: number): string {
  if (node.kind === 'file') return size === 0 ? 'regular empty file' : 'regular file';
  if (node.kind === 'dir') return 'directory';
  if (node.kind === 'symlink') return 'symbolic link';
  return 'character special file';
}

function sizeOf(node: FsNode): number {
  if (node.kind === 'file') return node.size;
  if (node.kind === 'symlink') return Buffer.byteLength(node.target);
  return node.kind === 'dir' ? 4096 : 0;
}

/** `2021-02-03 04:05:06.000000000 +0000` (the host's zone is UTC). */
function humanTime(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(time.getUTCMilliseconds()).padStart(3, '0')}000000 +0000`;
}

function quoted(name: string): string {
  return `'${name.replace(/'/g, `'\\''`)}'`;
}

interface Subject {
  readonly name: string;
  readonly node: FsNode;
}

function directive(letter: string, subject: Subject, context: CommandContext, dereference: boolean): string | undefined {
  const { node, name } = subject;
  const size = sizeOf(node);
  const seconds = Math.floor(node.meta.mtime.getTime() / 1000);
  const blocks = node.kind === 'file' ? Math.ceil(size / 4096) * 8 : node.kind === 'dir' ? 8 : 0;
  switch (letter) {
    case 'a': return (node.meta.mode & 0o7777).toString(8);
    case 'A': return modeString(node);
    case 'b': return String(blocks);
    case 'B': return '512';
    case 'd': return String(DEVICE);
    case 'D': return DEVICE.toString(16);
    case 'f': return ({ file: 0o100000, dir: 0o40000, symlink: 0o120000, device: 0o20000 }[node.kind] | (node.meta.mode & 0o7777)).toString(16);
    case 'F': return typeName(node, size);
    case 'g': return String(IDS[node.meta.group] ?? 0);
    case 'G': return node.meta.group;
    case 'h': return String(context.host.fs.linkCount(node));
    case 'i': return String(context.host.fs.inodeOf(node));
    case 'm': return '/';
    case 'n': return name;
    case 'N': return node.kind === 'symlink' && !dereference ? `${quoted(name)} -> ${quoted(node.target)}` : quoted(name);
    case 'o': return '4096';
    case 's': return String(size);
    case 't': return '0';
    case 'T': return '0';
    case 'u': return String(IDS[node.meta.owner] ?? 0);
    case 'U': return node.meta.owner;
    case 'w': return '-';
    case 'W': return '0';
    case 'x': case 'y': case 'z': return humanTime(node.meta.mtime);
    case 'X': case 'Y': case 'Z': return String(seconds);
    default: return undefined;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v', '"': '"' };

function expand(format: string, subject: Subject, context: CommandContext, dereference: boolean, escapes: boolean): string {
  let out = '';
  for (let i = 0; i < format.length; i += 1) {
    const char = format[i];
    if (char === '\\' && escapes && i + 1 < format.length) {
      i += 1;
      out += ESCAPES[format[i]] ?? `\\${format[i]}`;
    } else if (char === '%' && i + 1 < format.length) {
      i += 1;
      if (format[i] === '%') out += '%';
      else out += directive(format[i], subject, context, dereference) ?? `?`;
    } else out += char;
  }
  return out;
}

function defaultLayout(subject: Subject, context: CommandContext, dereference: boolean): string {
  const d = (letter: string) => directive(letter, subject, context, dereference) ?? '';
  const file = subject.node.kind === 'symlink' && !dereference ? d('N') : subject.name;
  const inode = `Inode: ${d('i')}`.padEnd(19);
  return [
    `  File: ${file}`,
    `  Size: ${d('s').padEnd(15)}\tBlocks: ${d('b').padEnd(10)} IO Block: 4096   ${d('F')}`,
    `Device: ${d('D')}h/${d('d')}d\t${inode} Links: ${d('h')}`,
    `Access: (${(subject.node.meta.mode & 0o7777).toString(8).padStart(4, '0')}/${d('A')})  Uid: (${d('u').padStart(5)}/${d('U').padStart(8)})   Gid: (${d('g').padStart(5)}/${d('G').padStart(8)})`,
    `Access: ${d('x')}`,
    `Modify: ${d('y')}`,
    `Change: ${d('z')}`,
    ` Birth: -`,
  ].join('\n') + '\n';
}

/** Resolves with search permission on every folder on the way, as stat(2) does. */
function lookUp(context: CommandContext, path: string, follow: boolean): FsNode {
  const fs = context.host.fs;
  const absolute = absolutePath(path, context.cwd);
  const parent = absolute.slice(0, absolute.lastIndexOf('/')) || '/';
  let walked = '';
  for (const part of parent.split('/').filter(Boolean)) {
    walked += `/${part}`;
    const dir = fs.resolve(walked, '/');
    if (dir.node.kind === 'dir' && !canSearch(context.user, dir.node)) throw new FsError('EACCES');
  }
  return fs.resolve(absolute, '/', follow).node;
}

export function stat(context: CommandContext): number {
  let format: string | undefined;
  let escapes = false;
  let dereference = false;
  const names: string[] = [];
  const args = context.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-c' || arg === '--format') format = args[++i];
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('-c') && arg.length > 2) format = arg.slice(2);
    else if (arg.startsWith('--printf=')) {
      format = arg.slice('--printf='.length);
      escapes = true;
    } else if (arg === '-L' || arg === '--dereference') dereference = true;
    else if (arg === '--') names.push(...args.slice(i + 1).splice(0));
    else if (arg.startsWith('-') && arg !== '-') {
      context.stderr.write(`stat: invalid option -- '${arg.slice(1, 2)}'\nTry 'stat --help' for more information.\n`);
      return 1;
    } else names.push(arg);
    if (arg === '--') break;
  }
  if (names.length === 0) {
    context.stderr.write("stat: missing operand\nTry 'stat --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const name of names) {
    let node: FsNode;
    try {
      node = lookUp(context, name, dereference);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      context.stderr.write(`stat: cannot statx ${quoted(name)}: ${STRERROR[error.code]}\n`);
      status = 1;
      continue;
    }
    const subject = { name, node };
    if (format === undefined) context.stdout.write(defaultLayout(subject, context, dereference));
    else context.stdout.write(expand(format, subject, context, dereference, escapes) + (escapes ? '' : '\n'));
  }
  return status;
}
