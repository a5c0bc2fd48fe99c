// CSV export of the catalog (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break).
import type { ArchiveRecord } from './catalogRecords';

const CATALOG_CSV_HEADER = ['gateway_arn', 'barcode', 'archive', 'block_size', 'written_at', 'source', 'path', 'type', 'size', 'mtime', 'mode', 'owner', 'sha256'] as const;

export function csvField(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet; a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Lines of the CSV, header first; join them with "" (each ends in CRLF). */
export function* catalogCsvLines(archives: Iterable<ArchiveRecord>): Generator<string> {
  yield `${CATALOG_CSV_HEADER.join(',')}\r\n`;
  for (const archive of archives) {
    for (const member of archive.members) {
      yield `${[
        archive.gatewayArn,
        archive.barcode,
        archive.archive,
        archive.blockSize,
        new Date(archive.writtenAt).toISOString(),
        archive.source,
        member.path,
        member.type,
        member.size,
        new Date(member.mtime).toISOString(),
        member.mode.toString(8).padStart(4, '0'),
        member.owner,
        member.sha256 ?? '',
      ]
        .map(csvField)
        .join(',')}\r\n`;
    }
  }
}
