// Brings an older lab's saved /home and /root (<stateDir>/client-homes/<instanceId>.json) into the instance's disk-backed files, once.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeWholeFile } from './fileIo';
import type { VirtualFileSystem } from './VirtualFileSystem';

interface LegacyEntry {
  readonly path: string;
  readonly kind: 'dir' | 'file' | 'symlink';
  readonly mode: number;
  readonly owner: string;
  readonly group: string;
  readonly mtime: number;
  readonly data?: string;
  readonly target?: string;
}

function isEntry(value: unknown): value is LegacyEntry {
  const entry = value as LegacyEntry;
  return typeof entry === 'object' && entry !== null && typeof entry.path === 'string' && /^\/(home|root)(\/|$)/.test(entry.path) && ['dir', 'file', 'symlink'].includes(entry.kind) && typeof entry.mode === 'number' && typeof entry.owner === 'string';
}

/** Applies the old snapshot over the tree (parents come before children in it), then deletes it. */
export async function importLegacyHomes(fs: VirtualFileSystem, stateDir: string, instanceId: string, log: (line: string) => void): Promise<void> {
  const path = join(stateDir, 'client-homes', `${instanceId}.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`lab: the saved home folders of ${instanceId} could not be read and were left out: ${(error as Error).message}`);
    return;
  }
  const entries = (parsed as { entries?: unknown }).entries;
  for (const entry of Array.isArray(entries) ? entries.filter(isEntry) : []) {
    const existing = fs.tryResolve(entry.path, '/', false)?.node;
    if (existing && existing.kind !== entry.kind) fs.remove(entry.path, '/');
    if (entry.kind === 'dir' && existing?.kind !== 'dir') fs.mkdir(entry.path, '/', entry.owner, entry.mode);
    else if (entry.kind === 'file') await writeWholeFile(fs, entry.path, '/', Buffer.from(entry.data ?? '', 'base64'), entry.owner, { mode: entry.mode });
    else if (entry.kind === 'symlink') fs.symlink(entry.path, entry.target ?? '', entry.owner);
    const node = fs.tryResolve(entry.path, '/', false);
    if (!node) continue;
    Object.assign(node.node.meta, { mode: entry.mode, owner: entry.owner, group: entry.group ?? entry.owner, mtime: new Date(entry.mtime) });
    fs.touch(node.path, node.node);
  }
  await fs.settle();
  await rm(path, { force: true });
}
