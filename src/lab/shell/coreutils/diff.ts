// diff [-u|-U N] [-q] [-r] [-N] [-s] [-i] [-w] [-b] A B: GNU diffutils' normal and unified formats, folders, and statuses 0/1/2.
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { type LineMatching, editScript, normalFormat, splitLines, unifiedHunks } from './diffFormat';
import { bytesResult, errorText, stdinBytes } from './operands';

type Ctx = Parameters<Command['execute']>[1];

interface DiffOptions extends LineMatching {
  unified?: number;
  brief: boolean;
  recursive: boolean;
  newFile: boolean;
  reportIdentical: boolean;
  /** The option words as typed, for the `diff -r A/x B/x` lines of a folder comparison. */
  readonly typed: string[];
  readonly operands: string[];
}

interface Outcome {
  out: string;
  status: 0 | 1 | 2;
  err: string;
}

function usage(message: string): ExecResult {
  return { stdout: '', stderr: `diff: ${message}\ndiff: Try 'diff --help' for more information.\n`, exitCode: 2 };
}

function parse(args: readonly string[]): DiffOptions | ExecResult {
  const options: DiffOptions = { brief: false, recursive: false, newFile: false, reportIdentical: false, typed: [], operands: [] };
  const mutable = options as { -readonly [K in keyof DiffOptions]: DiffOptions[K] };
  const flags: Readonly<Record<string, () => void>> = {
    u: () => (mutable.unified = 3), q: () => (mutable.brief = true), r: () => (mutable.recursive = true), N: () => (mutable.newFile = true),
    s: () => (mutable.reportIdentical = true), i: () => (mutable.ignoreCase = true), w: () => (mutable.ignoreAllSpace = true),
    b: () => (mutable.ignoreSpaceChange = true), a: () => undefined,
  };
  const long: Readonly<Record<string, string>> = { '--brief': 'q', '--recursive': 'r', '--new-file': 'N', '--report-identical-files': 's', '--ignore-case': 'i', '--ignore-all-space': 'w', '--ignore-space-change': 'b', '--text': 'a', '--unified': 'u' };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--') {
      options.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      options.operands.push(arg);
      continue;
    }
    options.typed.push(arg);
    if (arg.startsWith('--unified=')) mutable.unified = Number(arg.slice('--unified='.length));
    else if (arg.startsWith('--')) {
      const letter = long[arg];
      if (!letter) return usage(`unrecognized option '${arg}'`);
      flags[letter]();
    } else if (arg.startsWith('-U')) {
      const value = arg.length > 2 ? arg.slice(2) : args[++i];
      if (arg.length === 2) options.typed.push(value ?? '');
      mutable.unified = Number(value);
    } else if (/^-\d+$/.test(arg)) mutable.unified = Number(arg.slice(1));
    else {
      for (const letter of arg.slice(1)) {
        if (letter === 'c') return usage('the context format (-c) is not available on this lab host; use -u');
        const set = flags[letter];
        if (!set) return usage(`invalid option -- '${letter}'`);
        set();
      }
    }
  }
  return options;
}

function stamp(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(time.getUTCMilliseconds()).padStart(3, '0')}000000 +0000`;
}

interface Side {
  readonly name: string;
  readonly kind: 'file' | 'dir' | 'missing';
  readonly path: string;
  readonly mtime: Date;
}

async function side(ctx: Ctx, name: string): Promise<Side | string> {
  if (name === '-') return { name, kind: 'file', path: '-', mtime: new Date() };
  const path = ctx.fs.resolvePath(ctx.cwd, name);
  try {
    const stat = await ctx.fs.stat(path);
    return { name, kind: stat.isDirectory ? 'dir' : 'file', path, mtime: stat.mtime };
  } catch (error) {
    const text = errorText(error);
    return text === 'No such file or directory' ? { name, kind: 'missing', path, mtime: new Date(0) } : text;
  }
}

async function content(ctx: Ctx, s: Side): Promise<Buffer> {
  if (s.kind === 'missing') return Buffer.alloc(0);
  return s.path === '-' ? stdinBytes(ctx) : Buffer.from(await ctx.fs.readFileBuffer(s.path));
}

async function compareFiles(ctx: Ctx, a: Side, b: Side, options: DiffOptions, header: string | undefined, into: Outcome): Promise<void> {
  const [x, y] = [await content(ctx, a), await content(ctx, b)];
  if (x.equals(y) && a.kind === b.kind) {
    if (options.reportIdentical) into.out += `Files ${a.name} and ${b.name} are identical\n`;
    return;
  }
  const binary = x.includes(0) || y.includes(0);
  const linesA = splitLines(x.toString('latin1'));
  const linesB = splitLines(y.toString('latin1'));
  const ops = editScript(linesA, linesB, options);
  if (ops.every((op) => op.kind === '=')) {
    if (options.reportIdentical) into.out += `Files ${a.name} and ${b.name} are identical\n`;
    return;
  }
  into.status = Math.max(into.status, 1) as 1 | 2;
  if (options.brief || binary) {
    into.out += `${binary && !options.brief ? 'Binary files' : 'Files'} ${a.name} and ${b.name} differ\n`;
    return;
  }
  if (header !== undefined) into.out += `${header}\n`;
  if (options.unified !== undefined) {
    into.out += `--- ${a.name}\t${stamp(a.mtime)}\n+++ ${b.name}\t${stamp(b.mtime)}\n`;
    into.out += unifiedHunks(linesA, linesB, ops, options.unified);
  } else into.out += normalFormat(linesA, linesB, ops);
}

async function compareFolders(ctx: Ctx, a: Side, b: Side, options: DiffOptions, into: Outcome): Promise<void> {
  const list = async (s: Side) => (s.kind === 'dir' ? await ctx.fs.readdir(s.path) : []);
  const [namesA, namesB] = [await list(a), await list(b)];
  const names = [...new Set([...namesA, ...namesB])].sort();
  for (const name of names) {
    const [childA, childB] = [await side(ctx, `${a.name}/${name}`), await side(ctx, `${b.name}/${name}`)];
    if (typeof childA === 'string' || typeof childB === 'string') continue;
    if ((childA.kind === 'missing' || childB.kind === 'missing') && !options.newFile) {
      const present = childA.kind === 'missing' ? b : a;
      into.out += `Only in ${present.name}: ${name}\n`;
      into.status = Math.max(into.status, 1) as 1 | 2;
    } else if (childA.kind === 'dir' && childB.kind === 'dir') {
      if (options.recursive) await compareFolders(ctx, childA, childB, options, into);
      else into.out += `Common subdirectories: ${childA.name} and ${childB.name}\n`;
    } else if (childA.kind === 'dir' || childB.kind === 'dir') {
      const kind = (s: Side) => (s.kind === 'dir' ? 'directory' : 'regular file');
      into.out += `File ${childA.name} is a ${kind(childA)} while file ${childB.name} is a ${kind(childB)}\n`;
      into.status = Math.max(into.status, 1) as 1 | 2;
    } else await compareFiles(ctx, childA, childB, options, ['diff', ...options.typed, childA.name, childB.name].join(' '), into);
  }
}

async function run(args: string[], ctx: Ctx): Promise<ExecResult> {
  const options = parse(args);
  if (!('operands' in options)) return options;
  if (options.operands.length < 2) return usage(options.operands.length === 0 ? 'missing operand after \'diff\'' : `missing operand after '${options.operands[0]}'`);
  if (options.operands.length > 2) return usage(`extra operand '${options.operands[2]}'`);
  const into: Outcome = { out: '', status: 0, err: '' };
  let [a, b] = [await side(ctx, options.operands[0]), await side(ctx, options.operands[1])];
  for (const [s, name] of [[a, options.operands[0]], [b, options.operands[1]]] as const) {
    if (typeof s === 'string') return { stdout: '', stderr: `diff: ${name}: ${s}\n`, exitCode: 2 };
    if (s.kind === 'missing' && !options.newFile) into.err += `diff: ${name}: No such file or directory\n`;
  }
  if (into.err !== '') return { stdout: '', stderr: into.err, exitCode: 2 };
  if (typeof a === 'string' || typeof b === 'string') return { stdout: '', stderr: '', exitCode: 2 };
  // A file against a folder compares it with the file of the same name in that folder.
  if (a.kind === 'dir' && b.kind !== 'dir') a = (await side(ctx, `${a.name}/${b.name.split('/').pop() ?? b.name}`)) as Side;
  else if (b.kind === 'dir' && a.kind !== 'dir') b = (await side(ctx, `${b.name}/${a.name.split('/').pop() ?? a.name}`)) as Side;
  for (const s of [a, b]) if (s.kind === 'missing' && !options.newFile) return { stdout: '', stderr: `diff: ${s.name}: No such file or directory\n`, exitCode: 2 };
  if (a.kind === 'dir' && b.kind === 'dir') await compareFolders(ctx, a, b, options, into);
  else await compareFiles(ctx, a, b, options, undefined, into);
  // Lines were read as bytes (latin1), so they go out as the same bytes.
  return bytesResult(Buffer.from(into.out, 'latin1'), into.err, into.status);
}

export const diff: Command = defineCommand('diff', run);
