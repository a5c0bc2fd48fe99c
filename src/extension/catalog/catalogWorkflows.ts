// The catalog's tape workflows on the client's shell, free of VS Code: write and catalog, and rebuild a tape's catalog from the tape.
import type { MtxStatus } from '../../tape/mtxStatus';
import { checksumLines, clientPathOf, memberListingLine, parseChecksums, restoredPathOf } from '../../tape/catalogSteps';
import { toShellLine } from '../../tape/shellQuote';
import { parseTarListing } from '../../tape/tarListing';
import { WorkflowError, type TapeWorkflows } from '../workflows/TapeWorkflows';
import { toArchiveRecord } from './catalogFromListing';
import type { ArchiveRecord, CatalogRecord } from './catalogRecords';

/** Where catalog records go (a CatalogJournal). */
export interface CatalogSink {
  append(records: readonly CatalogRecord[]): Promise<void>;
}

/** The client's shell steps and the library status as the library reader reads it (a WorkflowContext has both). */
export interface CatalogLibrary {
  readonly workflows: TapeWorkflows;
  status(): Promise<MtxStatus>;
}

async function barcodeInDrive(library: CatalogLibrary, drive: number): Promise<string> {
  const barcode = (await library.status()).drives.find((candidate) => candidate.drive === drive)?.barcode;
  if (!barcode) throw new WorkflowError(`Drive ${drive} has no tape. Load a tape into it first.`);
  return barcode;
}

/** SHA-256 of client files by the path given to sha256sum. */
export async function checksumsOf(workflows: TapeWorkflows, files: readonly string[]): Promise<Map<string, string>> {
  const sums = new Map<string, string>();
  for (const line of checksumLines(files)) {
    for (const [name, sum] of parseChecksums((await workflows.step(line, 'Taking SHA-256 checksums (sha256sum)')).output)) sums.set(name, sum);
  }
  return sums;
}

/**
 * Lists what tar will write and takes each file's SHA-256 on the client, writes the archive after the last one on the
 * tape, then appends its record to the catalog. Returns the archive's tape file number and the record.
 */
export async function writeCataloged(library: CatalogLibrary, catalog: CatalogSink, gatewayArn: string, drive: number, paths: readonly string[], now = Date.now): Promise<{ archive: number; record: ArchiveRecord }> {
  const { workflows } = library;
  const barcode = await barcodeInDrive(library, drive);
  const blockSize = await workflows.blockSize(drive);
  const entries = parseTarListing((await workflows.step(memberListingLine(paths), 'Listing the files to write (tar -c | tar -tv)')).output);
  const sums = await checksumsOf(workflows, entries.filter((entry) => entry.type === 'file').map((entry) => clientPathOf(entry.name, paths)));
  const archive = await workflows.write(drive, paths);
  const record = toArchiveRecord({ gatewayArn, barcode, archive, blockSize, writtenAt: now(), source: 'write' }, entries, (name) => sums.get(clientPathOf(name, paths)));
  try {
    await catalog.append([record]);
  } catch (error) {
    throw new WorkflowError(`The files were written to ${barcode} as archive ${archive}, but the catalog could not record them (${(error as Error).message}). Run Tape Gateway: Rebuild Catalog from Tape to catalog the tape.`);
  }
  return { archive, record };
}

export interface RebuildOptions {
  /** Extract each archive into `scratchDirectory` on the client to take SHA-256 checksums (reads every byte). */
  readonly withChecksums: boolean;
  readonly scratchDirectory: string;
  readonly now?: () => number;
}

/** Reads the tape in a drive archive by archive (`tar -tv` until the end of data) and replaces its catalog with what it holds. */
export async function rebuildFromTape(library: CatalogLibrary, catalog: CatalogSink, gatewayArn: string, drive: number, options: RebuildOptions): Promise<ArchiveRecord[]> {
  const { workflows } = library;
  const barcode = await barcodeInDrive(library, drive);
  const blockSize = await workflows.blockSize(drive);
  const now = options.now ?? Date.now;
  const listings = await workflows.listAll(drive, 10_000);
  const records: ArchiveRecord[] = [];
  for (const listing of listings) {
    let sums = new Map<string, string>();
    if (options.withChecksums && listing.entries.some((entry) => entry.type === 'file')) {
      const scratch = `${options.scratchDirectory.replace(/\/+$/, '')}/archive-${listing.archive}`;
      await workflows.read(drive, listing.archive, scratch);
      const files = listing.entries.filter((entry) => entry.type === 'file').map((entry) => restoredPathOf(scratch, entry.name));
      sums = await checksumsOf(workflows, files);
      await workflows.step(toShellLine(['sudo', 'rm', '-rf', scratch]), `Removing ${scratch}`);
      sums = new Map([...sums].map(([path, sum]) => [path.slice(scratch.length + 1), sum]));
    }
    records.push(toArchiveRecord({ gatewayArn, barcode, archive: listing.archive, blockSize, writtenAt: now(), source: 'rebuild' }, listing.entries, (name) => sums.get(name.replace(/^\/+/, ''))));
  }
  await catalog.append([{ kind: 'forgetTape', barcode, at: now() }, ...records]);
  return records;
}
