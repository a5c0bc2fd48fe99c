// The catalog in memory: tapes and their archives from the journal's records, and a flat path index searched in milliseconds.
import type { ArchiveRecord, CatalogMember, CatalogRecord } from './catalogRecords';
import { parsePathQuery } from './pathQuery';

export interface TapeEntry {
  readonly barcode: string;
  /** By tape file number. */
  readonly archives: Map<number, ArchiveRecord>;
}

export interface CatalogHit {
  readonly barcode: string;
  readonly gatewayArn: string;
  readonly archive: number;
  readonly blockSize: number;
  readonly writtenAt: number;
  readonly member: CatalogMember;
}

export interface SearchResult {
  readonly hits: CatalogHit[];
  /** More members matched than `limit`. */
  readonly truncated: boolean;
}

/**
 * Every member path lives once in one lowercased string ("\n"-separated), so a substring search is a run of indexOf
 * calls over contiguous memory instead of a million string tests; `starts` maps a match back to its member.
 */
export class CatalogIndex {
  private readonly tapes = new Map<string, TapeEntry>();
  private haystack = '';
  private starts = new Uint32Array(0);
  private owners: { archive: ArchiveRecord; member: number }[] = [];
  private stale = true;

  apply(record: CatalogRecord): void {
    this.stale = true;
    if (record.kind === 'forgetTape') {
      this.tapes.delete(record.barcode);
      return;
    }
    let tape = this.tapes.get(record.barcode);
    if (!tape) {
      tape = { barcode: record.barcode, archives: new Map() };
      this.tapes.set(record.barcode, tape);
    }
    // Writing at file N ends the data there: a newer archive N replaces N and everything after it.
    if (record.source === 'write') for (const number of [...tape.archives.keys()]) if (number > record.archive) tape.archives.delete(number);
    tape.archives.set(record.archive, record);
  }

  tape(barcode: string): TapeEntry | undefined {
    return this.tapes.get(barcode);
  }

  allTapes(): TapeEntry[] {
    return [...this.tapes.values()].sort((a, b) => a.barcode.localeCompare(b.barcode));
  }

  /** Archive records still in force, tape by tape and archive by archive (what a compacted journal holds). */
  liveRecords(): ArchiveRecord[] {
    return this.allTapes().flatMap((tape) => [...tape.archives.values()].sort((a, b) => a.archive - b.archive));
  }

  memberCount(): number {
    let count = 0;
    for (const tape of this.tapes.values()) for (const archive of tape.archives.values()) count += archive.members.length;
    return count;
  }

  /** Members whose path contains the text (or matches it as a glob), at most `limit`, in catalog order. */
  search(text: string, limit = 1000): SearchResult {
    this.build();
    const query = parsePathQuery(text);
    const hits: CatalogHit[] = [];
    const find = this.finder(query.literal);
    let from = 0;
    for (;;) {
      const at = find(from);
      if (at < 0) return { hits, truncated: false };
      const line = this.lineAt(at);
      const start = this.starts[line] ?? 0;
      const end = this.starts[line + 1] ?? this.haystack.length + 1;
      from = end;
      if (query.test && !query.test(this.haystack.slice(start, end - 1))) continue;
      if (hits.length === limit) return { hits, truncated: true };
      const owner = this.owners[line];
      const member = owner?.archive.members[owner.member];
      if (!owner || !member) continue;
      hits.push({ barcode: owner.archive.barcode, gatewayArn: owner.archive.gatewayArn, archive: owner.archive.archive, blockSize: owner.archive.blockSize, writtenAt: owner.archive.writtenAt, member });
    }
  }

  /**
   * indexOf's cost depends less on how often the needle occurs than on how often its tail half-matches ("/batch-1000/"
   * in a catalog where every path has "/batch-"). So the needle, and each of its 5- and 8-character pieces, is timed on
   * three 32 KiB slices of the index; the search runs on the cheapest (a piece's hits are checked against the needle).
   */
  private finder(needle: string): (from: number) => number {
    const haystack = this.haystack;
    if (needle === '') return (from) => (from < haystack.length ? from : -1);
    if (needle.length <= 5 || haystack.length < 1_000_000) return (from) => haystack.indexOf(needle, from);
    const slice = 32_768;
    const middle = Math.floor(haystack.length / 2);
    const sample = [haystack.slice(0, slice), haystack.slice(middle, middle + slice), haystack.slice(-slice)].join('\n');
    const candidates: [number, number][] = [[0, needle.length]];
    for (const width of [8, 5]) for (let offset = 0; offset + width < needle.length; offset += 1) candidates.push([offset, width]);
    let best: [number, number] = [0, needle.length];
    let cheapest = Infinity;
    for (const [offset, width] of candidates) {
      const piece = needle.slice(offset, offset + width);
      const started = performance.now();
      for (let at = sample.indexOf(piece), hits = 0; at >= 0 && hits < 10_000; at = sample.indexOf(piece, at + 1)) hits += 1;
      const cost = performance.now() - started;
      if (cost < cheapest) {
        cheapest = cost;
        best = [offset, width];
      }
    }
    const [anchorAt, width] = best;
    if (width === needle.length) return (from) => haystack.indexOf(needle, from);
    const anchor = needle.slice(anchorAt, anchorAt + width);
    return (from) => {
      for (let at = haystack.indexOf(anchor, from + anchorAt); at >= 0; at = haystack.indexOf(anchor, at + 1)) {
        if (haystack.startsWith(needle, at - anchorAt)) return at - anchorAt;
      }
      return -1;
    };
  }

  /** Rebuilds the flat index after changes (O(members)); searches between changes reuse it. */
  build(): void {
    if (!this.stale) return;
    const parts: string[] = [];
    const owners: { archive: ArchiveRecord; member: number }[] = [];
    for (const archive of this.liveRecords()) {
      archive.members.forEach((member, index) => {
        // A newline inside a name would split its line: it cannot match across it anyway.
        parts.push(member.path.toLowerCase().replace(/\n/g, ' '));
        owners.push({ archive, member: index });
      });
    }
    const starts = new Uint32Array(parts.length + 1);
    let offset = 0;
    parts.forEach((part, i) => {
      starts[i] = offset;
      offset += part.length + 1;
    });
    starts[parts.length] = offset;
    this.haystack = parts.join('\n');
    this.starts = starts;
    this.owners = owners;
    this.stale = false;
  }

  private lineAt(offset: number): number {
    let low = 0;
    let high = this.owners.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
