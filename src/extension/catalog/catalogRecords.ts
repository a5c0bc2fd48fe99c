// The catalog's record format: one JSON object per journal line, followed by a tab and its CRC-32, so a torn line is detected.
import { crc32 } from 'node:zlib';

type MemberType = 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';

/** One member of a tar archive as the catalog keeps it. */
export interface CatalogMember {
  /** The name tar stored (GNU tar strips a leading "/"). */
  readonly path: string;
  readonly type: MemberType;
  readonly size: number;
  /** Modification time, epoch ms. */
  readonly mtime: number;
  /** Permission bits, e.g. 0o644. */
  readonly mode: number;
  /** "user/group" as tar lists it. */
  readonly owner: string;
  /** Hex SHA-256 of a regular file's content, taken on the client before it was written; absent when not taken. */
  readonly sha256?: string;
}

/** One tar archive on a tape: tape file number `archive`, counted from BOT. */
export interface ArchiveRecord {
  readonly kind: 'archive';
  /** The gateway the tape was in when this was written or read. */
  readonly gatewayArn: string;
  readonly barcode: string;
  readonly archive: number;
  /** The drive's block size (tar's record size) in bytes. */
  readonly blockSize: number;
  /** Epoch ms. */
  readonly writtenAt: number;
  /** Written through the extension, or read back from the tape by Rebuild Catalog from Tape. */
  readonly source: 'write' | 'rebuild';
  readonly members: readonly CatalogMember[];
}

/** Everything known about a tape is dropped (before a rebuild, or when the tape is deleted). */
interface ForgetTapeRecord {
  readonly kind: 'forgetTape';
  readonly barcode: string;
  readonly at: number;
}

export type CatalogRecord = ArchiveRecord | ForgetTapeRecord;

const FORMAT_VERSION = 1;

export function encodeRecord(record: CatalogRecord): string {
  const json = JSON.stringify({ v: FORMAT_VERSION, ...record });
  return `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`;
}

/** The record on one journal line, or undefined when the line is torn, damaged or from a newer format. */
export function decodeRecord(line: string): CatalogRecord | undefined {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return undefined;
  const json = line.slice(0, tab);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(tab + 1)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  return isRecord(value) ? stripVersion(value) : undefined;
}

function stripVersion(value: CatalogRecord & { v?: number }): CatalogRecord {
  const { v: _version, ...record } = value;
  return record as CatalogRecord;
}

function isRecord(value: unknown): value is CatalogRecord & { v: number } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { [K in keyof ArchiveRecord]?: unknown } & { at?: unknown; v?: unknown };
  if (candidate.v !== FORMAT_VERSION || typeof candidate.barcode !== 'string') return false;
  if (candidate.kind === 'forgetTape') return typeof candidate.at === 'number';
  return (
    candidate.kind === 'archive' &&
    typeof candidate.gatewayArn === 'string' &&
    typeof candidate.archive === 'number' &&
    typeof candidate.blockSize === 'number' &&
    typeof candidate.writtenAt === 'number' &&
    Array.isArray(candidate.members) &&
    candidate.members.every((m) => typeof m === 'object' && m !== null && typeof (m as CatalogMember).path === 'string' && typeof (m as CatalogMember).size === 'number')
  );
}
