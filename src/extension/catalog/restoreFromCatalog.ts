// Restore from the catalog, free of VS Code: retrieve an archived tape, load it into a free drive, space to each archive
// with `mt fsf N` on the no-rewind device, extract only the chosen members with the drive's block size, verify SHA-256.
import type { AwsClients } from '../../aws/AwsClients';
import { StorageGatewayApi, type TapeStateInfo } from '../../aws/StorageGatewayApi';
import { extractMembersLine, restoredPathOf } from '../../tape/catalogSteps';
import type { MtxStatus } from '../../tape/mtxStatus';
import { toShellLine } from '../../tape/shellQuote';
import { WorkflowError, type TapeWorkflows } from '../workflows/TapeWorkflows';
import type { CatalogHit } from './CatalogIndex';
import { checksumsOf } from './catalogWorkflows';

export class RestoreCancelled extends Error {}

export interface RestoreRequest {
  /** Members of one tape, from Find on Tape. */
  readonly hits: readonly CatalogHit[];
  /** Folder on the client; members land at <directory>/<member path>. */
  readonly directory: string;
}

export interface RestoreDeps {
  readonly clients: AwsClients;
  readonly workflows: TapeWorkflows;
  /** The changer's slots and drives now, as the library reader reads them. */
  readonly status: () => Promise<MtxStatus>;
  /** The gateway whose library `workflows` drives (a retrieval goes there). */
  readonly gatewayArn: string;
  /** Drives logged in to; a free one among them is used. */
  readonly drives: readonly number[];
  readonly progress: (message: string) => void;
  readonly isCancelled: () => boolean;
  /** Asked before RetrieveTapeArchive; false ends the restore. */
  readonly confirmRetrieve: (barcode: string) => Promise<boolean>;
  /** Between polls of a retrieval; tests pass a short one. */
  readonly pollMs?: number;
  readonly retrieveTimeoutMs?: number;
}

interface RestoredFile {
  readonly path: string;
  readonly restoredTo: string;
  readonly expected?: string;
  readonly actual?: string;
  /** `verified` when the checksums agree, `mismatch` when not, `unchecked` when the catalog has none. */
  readonly outcome: 'verified' | 'mismatch' | 'unchecked';
}

export interface RestoreReport {
  readonly barcode: string;
  readonly drive: number;
  readonly retrieved: boolean;
  readonly files: readonly RestoredFile[];
}

const MOUNTABLE = new Set(['AVAILABLE', 'RETRIEVED', 'RECOVERED']);

export async function restoreFromCatalog(request: RestoreRequest, deps: RestoreDeps): Promise<RestoreReport> {
  const barcode = request.hits[0]?.barcode;
  if (!barcode || request.hits.some((hit) => hit.barcode !== barcode)) throw new WorkflowError('Pick files of one tape to restore at a time.');
  const step = (message: string) => {
    if (deps.isCancelled()) throw new RestoreCancelled(`Restore from ${barcode} cancelled before: ${message}`);
    deps.progress(message);
  };
  step(`Looking up tape ${barcode}`);
  let tape = await tapeState(deps.clients, barcode);
  let retrieved = false;
  if (tape.status === 'ARCHIVED') {
    if (!(await deps.confirmRetrieve(barcode))) throw new RestoreCancelled(`Tape ${barcode} is archived; the restore needs it retrieved first.`);
    step(`Retrieving ${barcode} from the archive (RetrieveTapeArchive)`);
    await new StorageGatewayApi(deps.clients).retrieveTapeArchive(tape.tapeArn, deps.gatewayArn);
    retrieved = true;
    tape = await tapeState(deps.clients, barcode);
  }
  const deadline = Date.now() + (deps.retrieveTimeoutMs ?? 6 * 3600_000);
  while (!MOUNTABLE.has(tape.status) || !tape.gatewayArn) {
    if (!['RETRIEVING', 'CREATING', 'IN TRANSIT TO VTS'].includes(tape.status) && !(tape.status === 'ARCHIVED' && retrieved)) {
      throw new WorkflowError(`Tape ${barcode} is ${tape.status}; only AVAILABLE, RETRIEVED or RECOVERED tapes can be read. Wait for it to settle, then try again.`);
    }
    if (Date.now() > deadline) throw new WorkflowError(`Tape ${barcode} is still ${tape.status}. A retrieval takes hours on AWS; run Restore again once the tape is RETRIEVED.`);
    step(`Waiting for ${barcode}: ${tape.status}`);
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 10_000));
    tape = await tapeState(deps.clients, barcode);
  }
  if (tape.gatewayArn !== deps.gatewayArn) throw new WorkflowError(`Tape ${barcode} is in the library of another gateway (${tape.gatewayArn}). Connect that gateway's library, then restore again.`);

  step('Reading the library status (mtx status)');
  const status = await deps.status();
  let drive = status.drives.find((candidate) => candidate.barcode === barcode)?.drive;
  /** Where the tape goes back afterwards: its slot, or a free storage slot when it came from an import/export slot (one it is put back into is exported again). */
  let returnTo: number | undefined;
  if (drive === undefined) {
    drive = status.drives.find((candidate) => !candidate.full && deps.drives.includes(candidate.drive))?.drive;
    if (drive === undefined) throw new WorkflowError(`Every connected drive holds a tape. Unload one (Tape Gateway: Unload Tape) or connect another drive, then restore again.`);
    const slot = status.slots.find((candidate) => candidate.full && candidate.barcode === barcode);
    if (!slot) throw new WorkflowError(`Tape ${barcode} is not in a slot of the library yet. Refresh in a moment and restore again.`);
    returnTo = slot.importExport ? status.slots.find((candidate) => !candidate.full && !candidate.importExport)?.slot : slot.slot;
    step(`Loading ${barcode} from slot ${slot.slot} into drive ${drive} (mtx load)`);
    await deps.workflows.load(slot.slot, drive);
  }
  const blockSize = await deps.workflows.blockSize(drive);
  const device = deps.workflows.driveDevice(drive);
  await deps.workflows.step(toShellLine(['mkdir', '-p', request.directory]), `Creating ${request.directory}`);
  const byArchive = new Map<number, CatalogHit[]>();
  for (const hit of request.hits) byArchive.set(hit.archive, [...(byArchive.get(hit.archive) ?? []), hit]);
  for (const [archive, hits] of [...byArchive].sort((a, b) => a[0] - b[0])) {
    step(`Spacing to archive ${archive} (mt rewind, mt fsf ${archive})`);
    await deps.workflows.position(drive, archive);
    step(`Extracting ${hits.length} file(s) of archive ${archive} with ${blockSize}-byte records`);
    await deps.workflows.step(extractMembersLine(device, blockSize, request.directory, hits.map((hit) => hit.member.path)), `Extracting from archive ${archive}`, [0], 600_000);
  }
  step('Verifying SHA-256 checksums (sha256sum)');
  const files = request.hits.filter((hit) => hit.member.type === 'file');
  const sums = await checksumsOf(deps.workflows, files.map((hit) => restoredPathOf(request.directory, hit.member.path)));
  const report = files.map((hit): RestoredFile => {
    const restoredTo = restoredPathOf(request.directory, hit.member.path);
    const actual = sums.get(restoredTo);
    const expected = hit.member.sha256;
    return { path: hit.member.path, restoredTo, expected, actual, outcome: expected === undefined ? 'unchecked' : expected === actual ? 'verified' : 'mismatch' };
  });
  if (returnTo !== undefined) {
    step(`Unloading drive ${drive} into slot ${returnTo} (mtx unload)`);
    await deps.workflows.unload(drive, returnTo);
  }
  return { barcode, drive, retrieved, files: report };
}

async function tapeState(clients: AwsClients, barcode: string): Promise<TapeStateInfo> {
  const tape = (await new StorageGatewayApi(clients).listTapeStates()).get(barcode);
  if (!tape) throw new WorkflowError(`Tape ${barcode} no longer exists in this account and region; it may have been deleted.`);
  return tape;
}
