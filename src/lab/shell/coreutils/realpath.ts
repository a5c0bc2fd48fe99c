// realpath [-e|-m] [-s] [-q] [-z] [--relative-to=DIR] [--relative-base=DIR] FILE..., and readlink -f/-e/-m: GNU's canonical names.
import { posix } from 'node:path';
import { type Command, type ExecResult, defineCommand } from 'just-bash';
import { errorText, missingOperand } from './operands';
import { runShadowed } from './shadowed';

type Ctx = Parameters<Command['execute']>[1];
/** e: every component must exist; f: all but the last; m: none need to. */
type Mode = 'e' | 'f' | 'm';

class ResolveError extends Error {}

function lexical(path: string): string {
  return posix.normalize(path).replace(/(.)\/$/, '$1');
}

/** Follows symlinks component by component, as canonicalize_filename_mode does. */
async function canonical(ctx: Ctx, name: string, mode: Mode, followLinks: boolean): Promise<string> {
  let pending = ctx.fs.resolvePath(ctx.cwd, name).split('/').filter(Boolean);
  if (!followLinks) return lexical(`/${pending.join('/')}`);
  let resolved = '/';
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift() ?? '';
    if (part === '.' || part === '') continue;
    if (part === '..') {
      resolved = posix.dirname(resolved);
      continue;
    }
    const candidate = posix.join(resolved, part);
    let stat;
    try {
      stat = await ctx.fs.lstat(candidate);
    } catch (error) {
      const text = errorText(error);
      const lastMissing = mode === 'f' && pending.length === 0 && text === 'No such file or directory';
      if (mode === 'm' || lastMissing) {
        resolved = candidate;
        continue;
      }
      throw new ResolveError(text);
    }
    if (stat.isSymbolicLink) {
      if (++links > 40) throw new ResolveError('Too many levels of symbolic links');
      const target = await ctx.fs.readlink(candidate);
      pending = [...target.split('/').filter(Boolean), ...pending];
      if (target.startsWith('/')) resolved = '/';
      continue;
    }
    if (!stat.isDirectory && pending.length > 0 && mode !== 'm') throw new ResolveError('Not a directory');
    resolved = candidate;
  }
  return resolved;
}

function relative(from: string, to: string): string {
  return posix.relative(from, to) || '.';
}

export const realpath: Command = defineCommand('realpath', async (args, ctx): Promise<ExecResult> => {
  let mode: Mode = 'f';
  let follow = true;
  let quiet = false;
  let terminator = '\n';
  let relativeTo: string | undefined;
  let relativeBase: string | undefined;
  const names: string[] = [];
  for (const arg of args) {
    if (arg === '-e' || arg === '--canonicalize-existing') mode = 'e';
    else if (arg === '-m' || arg === '--canonicalize-missing') mode = 'm';
    else if (arg === '-s' || arg === '--strip' || arg === '--no-symlinks') follow = false;
    else if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg === '-z' || arg === '--zero') terminator = '\0';
    else if (arg === '-L' || arg === '-P' || arg === '--logical' || arg === '--physical') continue;
    else if (arg.startsWith('--relative-to=')) relativeTo = arg.slice('--relative-to='.length);
    else if (arg.startsWith('--relative-base=')) relativeBase = arg.slice('--relative-base='.length);
    else if (arg.startsWith('-') && arg !== '-') return { stdout: '', stderr: `realpath: invalid option -- '${arg.slice(1, 2)}'\nTry 'realpath --help' for more information.\n`, exitCode: 1 };
    else names.push(arg);
  }
  if (names.length === 0) return { stdout: '', stderr: missingOperand('realpath'), exitCode: 1 };
  const base = async (dir: string | undefined) => (dir === undefined ? undefined : canonical(ctx, dir, mode, follow).catch(() => undefined));
  const [to, under] = [await base(relativeTo), await base(relativeBase)];
  let stdout = '';
  let stderr = '';
  for (const name of names) {
    try {
      const path = await canonical(ctx, name, mode, follow);
      let shown = path;
      const root = to ?? under;
      if (root !== undefined && (under === undefined || path === under || path.startsWith(`${under === '/' ? '' : under}/`))) shown = relative(root, path);
      stdout += shown + terminator;
    } catch (error) {
      if (!(error instanceof ResolveError)) throw error;
      if (!quiet) stderr += `realpath: ${name}: ${error.message}\n`;
    }
  }
  return { stdout, stderr, exitCode: stderr === '' && stdout.split(terminator).length > names.length ? 0 : 1 };
});

/** readlink: -f, -e and -m canonicalize as realpath does (silently, status 1 on failure); the plain form is just-bash's. */
export const readlink: Command = defineCommand('readlink', async (args, ctx): Promise<ExecResult> => {
  const flags = args.filter((arg) => /^-[a-z]+$/.test(arg)).join('');
  const mode: Mode | undefined = flags.includes('e') ? 'e' : flags.includes('m') ? 'm' : flags.includes('f') ? 'f' : undefined;
  if (mode === undefined) return runShadowed('readlink', args, ctx);
  const terminator = flags.includes('z') ? '\0' : flags.includes('n') ? '' : '\n';
  const verbose = flags.includes('v');
  const names = args.filter((arg) => !arg.startsWith('-') || arg === '-');
  let stdout = '';
  let stderr = '';
  let status = 0;
  for (const name of names) {
    try {
      stdout += (await canonical(ctx, name, mode, true)) + terminator;
    } catch (error) {
      if (!(error instanceof ResolveError)) throw error;
      if (verbose) stderr += `readlink: ${name}: ${error.message}\n`;
      status = 1;
    }
  }
  return { stdout, stderr, exitCode: names.length === 0 ? 1 : status };
});
