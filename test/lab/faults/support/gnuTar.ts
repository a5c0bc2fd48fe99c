// This machine's GNU tar as the oracle for hostile archives: the same member layout and cut made locally, and what tar says.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TarRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a case's archive is made: members of these sizes, then one of the damages. */
export type ArchiveDamage =
  | { readonly kind: 'truncate'; readonly length: number }
  | { readonly kind: 'random'; readonly length: number }
  | { readonly kind: 'zeros'; readonly length: number }
  | { readonly kind: 'garbageAfter'; readonly length: number };

export interface ArchiveCase {
  readonly sizes: readonly number[];
  readonly damage: ArchiveDamage;
}

/** Bytes of a GNU tar archive of the members f0..fN (sizes given, random content) at default blocking (10,240-byte records). */
export function gnuArchiveSize(sizes: readonly number[]): number {
  const blocks = sizes.reduce((sum, size) => sum + 1 + Math.ceil(size / 512), 0) + 2;
  return Math.ceil((blocks * 512) / 10_240) * 10_240;
}

/** Builds the damaged archive with GNU tar and runs `tar -tf` and `tar -xf -C` on it. */
export function gnuTarOn(archiveCase: ArchiveCase, randomBytes: (n: number) => Buffer): { list: TarRun; extract: TarRun } {
  const folder = mkdtempSync(join(tmpdir(), 'gnu-tar-'));
  try {
    const members = join(folder, 'members');
    mkdirSync(members);
    const names = archiveCase.sizes.map((size, index) => {
      writeFileSync(join(members, `f${index}`), randomBytes(size));
      return `f${index}`;
    });
    const archive = join(folder, 'a.tar');
    if (names.length > 0) run(['-cf', archive, '-C', members, ...names], folder);
    const made = names.length > 0 ? readFileSync(archive) : Buffer.alloc(0);
    const damaged = damage(made, archiveCase.damage, randomBytes);
    writeFileSync(join(folder, 't.tar'), damaged);
    const list = run(['-tf', 't.tar'], folder);
    mkdirSync(join(folder, 'x'));
    const extract = run(['-xf', 't.tar', '-C', 'x'], folder);
    return { list, extract };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * `tar -tf` of these bytes as a tape file would read. A tape drive cannot seek, so GNU tar reads past member data
 * there; on a regular file it lseeks instead, and a file cut mid-record then ends with "rmtlseek not stopped at a
 * record boundary" rather than "Unexpected EOF in archive". `--no-seek` makes the copy read like the tape.
 */
export function gnuTarListing(bytes: Buffer): TarRun {
  const folder = mkdtempSync(join(tmpdir(), 'gnu-tar-'));
  try {
    writeFileSync(join(folder, 't.tar'), bytes);
    return run(['--no-seek', '-tf', 't.tar'], folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function damage(archive: Buffer, how: ArchiveDamage, randomBytes: (n: number) => Buffer): Buffer {
  switch (how.kind) {
    case 'truncate':
      return archive.subarray(0, how.length);
    case 'random':
      return randomBytes(how.length);
    case 'zeros':
      return Buffer.alloc(how.length);
    case 'garbageAfter':
      return Buffer.concat([archive, randomBytes(how.length)]);
  }
}

function run(args: readonly string[], cwd: string): TarRun {
  const result = spawnSync('tar', args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The shell commands that make the same damaged archive at `path` on the emulated client, from members in `dir`. */
export function clientCommands(archiveCase: ArchiveCase, dir: string, path: string): string[] {
  const names = archiveCase.sizes.map((_, index) => `f${index}`);
  const make = [`mkdir -p ${dir}`, ...archiveCase.sizes.map((size, index) => `head -c ${size} /dev/urandom > ${dir}/${names[index]}`)];
  if (names.length > 0) make.push(`cd ${dir}`, `tar -cf ${dir}.tar ${names.join(' ')}`, 'cd /');
  const how = archiveCase.damage;
  switch (how.kind) {
    case 'truncate':
      return [...make, names.length > 0 ? `head -c ${how.length} ${dir}.tar > ${path}` : `head -c 0 /dev/zero > ${path}`];
    case 'random':
      return [...make, `head -c ${how.length} /dev/urandom > ${path}`];
    case 'zeros':
      return [...make, `head -c ${how.length} /dev/zero > ${path}`];
    case 'garbageAfter':
      return [...make, `head -c ${how.length} /dev/urandom > ${dir}.garbage`, `cat ${dir}.tar ${dir}.garbage > ${path}`];
  }
}
