// ls [-l] [-a|-A] [-d] [-h] [-R] [-t|-S] [-r] [-1] [PATH...]: coreutils layout (total, aligned columns, "Mon dd HH:MM" dates, "-> target", `path:` headers).
import { CommandContext } from '../CommandContext';
import { FsNode } from '../VirtualFileSystem';
import { canRead } from '../filePermissions';
import { humanSize } from '../coreutils/humanSize';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TYPE_CHARS = { dir: 'd', file: '-', symlink: 'l', device: 'c' } as const;

export function modeString(node: FsNode): string {
  const m = node.meta.mode;
  const bits = [0o400, 0o200, 0o100, 0o040, 0o020, 0o010, 0o004, 0o002, 0o001];
  const chars = 'rwxrwxrwx';
  let text = TYPE_CHARS[node.kind];
  bits.forEach((bit, i) => (text += m & bit ? chars[i] : '-'));
  if (m & 0o1000) text = text.slice(0, 9) + (m & 0o001 ? 't' : 'T');
  return text;
}

/** coreutils: "Mon dd HH:MM" within six months of now, otherwise "Mon dd  YYYY" (UTC is the host's time zone). */
function dateString(time: Date, now: Date): string {
  const day = String(time.getUTCDate()).padStart(2, ' ');
  const recent = Math.abs(now.getTime() - time.getTime()) < 182.5 * 24 * 3600 * 1000;
  const tail = recent ? `${String(time.getUTCHours()).padStart(2, '0')}:${String(time.getUTCMinutes()).padStart(2, '0')}` : ` ${time.getUTCFullYear()}`;
  return `${MONTHS[time.getUTCMonth()]} ${day} ${tail}`;
}

function byteSize(node: FsNode): number {
  if (node.kind === 'file') return node.size;
  if (node.kind === 'symlink') return Buffer.byteLength(node.target);
  return node.kind === 'dir' ? 4096 : 0;
}

function sizeField(node: FsNode, human: boolean): string {
  if (node.kind !== 'device') return human ? humanSize(byteSize(node)) : String(byteSize(node));
  const device = node.device;
  // Linux majors: st 9 (nst = minor + 128), sg 21.
  if (device.kind === 'tape') return `9, ${device.minor}`;
  if (device.kind === 'sg') return `21, ${device.minor}`;
  return `1, ${{ null: 3, zero: 5, urandom: 9 }[device.kind]}`;
}

function blocks(node: FsNode): number {
  return node.kind === 'file' ? Math.ceil(node.size / 4096) * 4 : node.kind === 'dir' ? 4 : 0;
}

export function ls(context: CommandContext): number {
  const args = context.argv.slice(1);
  const longNames: Readonly<Record<string, string>> = { '--recursive': 'R', '--all': 'a', '--almost-all': 'A', '--directory': 'd', '--human-readable': 'h', '--reverse': 'r' };
  const flags = args.filter((arg) => arg.startsWith('-') && arg !== '-').map((arg) => (arg.startsWith('--') ? (longNames[arg] ?? '') : arg.slice(1))).join('');
  const long = /[lgno]/.test(flags);
  const all = flags.includes('a');
  const almostAll = all || flags.includes('A');
  const directoryItself = flags.includes('d');
  const human = flags.includes('h');
  // The last of -t / -S / -U wins, as with coreutils' sort options.
  const sortKey = [...flags].reverse().find((flag) => 'tSU'.includes(flag));
  const reverse = flags.includes('r');
  const paths = args.filter((arg) => !arg.startsWith('-') || arg === '-');
  const order = (entries: [string, FsNode][]): [string, FsNode][] => {
    const byName = ([a]: [string, FsNode], [b]: [string, FsNode]) => (a < b ? -1 : a > b ? 1 : 0);
    const compare = (x: [string, FsNode], y: [string, FsNode]): number => {
      if (sortKey === 't') return y[1].meta.mtime.getTime() - x[1].meta.mtime.getTime() || byName(x, y);
      if (sortKey === 'S') return byteSize(y[1]) - byteSize(x[1]) || byName(x, y);
      return byName(x, y);
    };
    const sorted = sortKey === 'U' ? [...entries] : [...entries].sort(compare);
    return reverse ? sorted.reverse() : sorted;
  };
  const now = context.host.now();
  let status = 0;
  const format = (entries: [string, FsNode][]): string[] => {
    if (!long) return entries.map(([name]) => name);
    const cells = entries.map(([name, node]) => ({
      mode: modeString(node),
      links: String(context.host.fs.linkCount(node)),
      owner: node.meta.owner,
      group: node.meta.group,
      size: sizeField(node, human),
      date: dateString(node.meta.mtime, now),
      name: node.kind === 'symlink' ? `${name} -> ${node.target}` : name,
    }));
    const width = (key: 'links' | 'owner' | 'group' | 'size') => Math.max(0, ...cells.map((cell) => cell[key].length));
    const [links, owner, group, size] = [width('links'), width('owner'), width('group'), width('size')];
    return cells.map((c) => `${c.mode} ${c.links.padStart(links)} ${c.owner.padEnd(owner)} ${c.group.padEnd(group)} ${c.size.padStart(size)} ${c.date} ${c.name}`);
  };
  const targets = paths.length > 0 ? paths : ['.'];
  const files: [string, FsNode][] = [];
  const dirs: [string, FsNode & { kind: 'dir' }][] = [];
  for (const path of targets) {
    const found = context.host.fs.tryResolve(path, context.cwd, !long || path.endsWith('/'));
    if (!found) {
      context.stderr.write(`ls: cannot access '${path}': No such file or directory\n`);
      status = 2;
    } else if (found.node.kind === 'dir' && !directoryItself) dirs.push([path, found.node]);
    else if (found.node.kind === 'symlink' && !long) files.push([path, found.node]);
    else files.push([path, found.node]);
  }
  const out: string[] = format(order(files));
  // -R lists every folder under each one named, depth first, each under its `path:` line.
  const recursive = flags.includes('R');
  const listFolder = (path: string, dir: FsNode & { kind: 'dir' }, first: boolean): void => {
    if (!canRead(context.user, dir)) {
      // coreutils 8.22 (AL2) prints the name bare; newer releases quote it.
      context.stderr.write(`ls: cannot open directory ${context.host.os === 'al2' ? path : `'${path}'`}: Permission denied\n`);
      status = 2;
      return;
    }
    if (out.length > 0 || !first) out.push('');
    if (targets.length > 1 || recursive) out.push(`${path}:`);
    const dots: [string, FsNode][] = [];
    if (all) {
      const parent = context.host.fs.tryResolve(`${path.replace(/\/+$/, '')}/..`, context.cwd);
      dots.push(['.', dir], ['..', parent?.node ?? dir]);
    }
    const entries = order([...dots, ...[...dir.children.entries()].filter(([name]) => almostAll || !name.startsWith('.'))]);
    if (long) out.push(`total ${entries.reduce((sum, [, node]) => sum + blocks(node), 0)}`);
    out.push(...format(entries));
    if (!recursive) return;
    for (const [name, node] of entries) {
      if (node.kind === 'dir' && name !== '.' && name !== '..') listFolder(`${path === '/' ? '' : path.replace(/\/+$/, '')}/${name}`, node, false);
    }
  };
  dirs.forEach(([path, dir], index) => listFolder(path, dir, index === 0));
  if (out.length > 0) context.stdout.write(`${out.join('\n')}\n`);
  return status;
}
