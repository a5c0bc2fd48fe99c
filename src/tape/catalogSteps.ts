// Shell lines of the catalog workflows (member listing before a write, checksums, extracting chosen members) and their parsers.
import { tarExtractArgs } from './tarCommand';
import { toShellLine } from './shellQuote';

/** Files per sha256sum line, so no command line grows past what a shell accepts. */
export const CHECKSUM_BATCH = 64;

/** What tar will write, listed before writing: `tar -c` to a pipe into `tar -tv` reads the files, not the tape. */
export function memberListingLine(paths: readonly string[]): string {
  return `${toShellLine(['sudo', 'tar', '-cf', '-', ...paths])} | ${toShellLine(['tar', '-tvf', '-'])}`;
}

/** `sudo sha256sum FILE…` lines, at most CHECKSUM_BATCH files each. */
export function checksumLines(files: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < files.length; i += CHECKSUM_BATCH) lines.push(toShellLine(['sudo', 'sha256sum', ...files.slice(i, i + CHECKSUM_BATCH)]));
  return lines;
}

/** sha256sum's "HEX  NAME" lines by name (GNU sha256sum prefixes a name holding "\" or a newline with "\": those are skipped). */
export function parseChecksums(output: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.replace(/\r$/, ''));
    if (match?.[1] && match[2]) sums.set(match[2], match[1]);
  }
  return sums;
}

/** Extracts only the named members of the archive under the head of the no-rewind device. */
export function extractMembersLine(nonRewindingDevice: string, recordSize: number, directory: string, members: readonly string[]): string {
  return toShellLine(['sudo', ...tarExtractArgs(nonRewindingDevice, directory, recordSize), ...members]);
}

/**
 * Where a member lives on the client before it is written: GNU tar strips a leading "/", so a member of an absolute path
 * given to tar is that path again; members of relative paths are relative to the shell's folder.
 */
export function clientPathOf(member: string, writtenPaths: readonly string[]): string {
  const absolute = writtenPaths.some((path) => path.startsWith('/') && (member === path.slice(1) || member.startsWith(`${path.slice(1).replace(/\/$/, '')}/`)));
  return absolute ? `/${member}` : member;
}

/** A restored member's path on the client. */
export function restoredPathOf(directory: string, member: string): string {
  return `${directory.replace(/\/+$/, '')}/${member.replace(/^\/+/, '')}`;
}
