// Builds catalog records from what the client printed: a `tar -tv` listing and sha256sum output.
import type { TarListEntry } from '../../tape/tarListing';
import type { ArchiveRecord, CatalogMember } from './catalogRecords';

export interface ArchiveFacts {
  readonly gatewayArn: string;
  readonly barcode: string;
  readonly archive: number;
  readonly blockSize: number;
  readonly writtenAt: number;
  readonly source: ArchiveRecord['source'];
}

/** `checksumOf(member path)` gives the SHA-256 of a regular file, when one was taken. */
export function toArchiveRecord(facts: ArchiveFacts, entries: readonly TarListEntry[], checksumOf: (path: string) => string | undefined = () => undefined): ArchiveRecord {
  const members = entries.map((entry): CatalogMember => {
    const sha256 = entry.type === 'file' ? checksumOf(entry.name) : undefined;
    return {
      path: entry.name,
      type: entry.type,
      size: entry.size,
      mtime: entry.mtime.getTime(),
      mode: entry.mode,
      owner: `${entry.uname}/${entry.gname}`,
      ...(sha256 ? { sha256 } : {}),
    };
  });
  return { kind: 'archive', ...facts, members };
}
