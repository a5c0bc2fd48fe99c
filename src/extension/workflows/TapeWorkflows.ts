// The tape workflow steps on the client's shell (connect, load, unload, move, write, list, read), each checked by its exit status.
import type { LibraryTargets, DriveTarget } from '../../tape/libraryTargets';
import { parseMtStatus, type MtStatus } from '../../tape/mtStatus';
import type { MarkedResult } from '../../tape/shellMarker';
import { TAR_DEFAULT_RECORD_SIZE } from '../../tape/tarCommand';
import { parseTarListing, type TarListEntry } from '../../tape/tarListing';
import {
  BOOTSTRAP_STATUS_FILE, changerDevice, discoveryLine, driveDevices, ISCSI_ERR_NO_OBJS_FOUND, ISCSI_ERR_SESS_EXISTS, loginLine, logoutLine, missingToolAdvice,
  missingToolInOutput, missingToolsInStatus, mtLine, mtxLoadLine, mtxTransferLine, mtxUnloadLine, startIscsidLine, tarListLine, tarReadLine,
  tarWriteLine, TAPE_BY_PATH_DIR, type TapeTool,
} from '../../tape/workflowSteps';
import { toShellLine } from '../../tape/shellQuote';

/** Runs one shell line visibly and reports what it printed and its exit status. */
type RunCommand = (command: string, timeoutMs?: number) => Promise<MarkedResult>;

/** A step failed; the message is a sentence for the user, `output` what the command printed. */
export class WorkflowError extends Error {
  constructor(message: string, readonly output = '', readonly missingTool?: TapeTool) {
    super(message);
  }
}

export interface ArchiveListing {
  /** The tape file number the archive starts at (0 = first archive after BOT). */
  readonly archive: number;
  readonly entries: TarListEntry[];
}

export class TapeWorkflows {
  constructor(
    private readonly run: RunCommand,
    readonly targets: LibraryTargets,
  ) {}

  get changer(): string {
    return changerDevice(this.targets.changer.iqn, this.targets.changer.portal);
  }

  drive(element: number): DriveTarget {
    const drive = this.targets.drives.find((candidate) => candidate.element === element);
    if (!drive) throw new WorkflowError(`The gateway has no tape drive ${element}. Pick one of drives 0 to ${this.targets.drives.length - 1}.`);
    return drive;
  }

  /** The non-rewinding /dev/tape/by-path device of a drive. */
  driveDevice(element: number): string {
    const drive = this.drive(element);
    return driveDevices(drive.iqn, drive.portal).nonRewinding;
  }

  /** Reads the template's bootstrap status file, if the client has one, and fails on a missing tool. */
  async checkTools(): Promise<void> {
    const result = await this.run(`cat ${BOOTSTRAP_STATUS_FILE} 2>/dev/null`);
    const missing = result.exitCode === 0 ? missingToolsInStatus(result.output) : [];
    if (missing.length > 0) throw new WorkflowError(missing.map(missingToolAdvice).join(' '), result.output, missing[0]);
  }

  /** systemctl start iscsid, discovery, login to the changer and the chosen drives; a second login is harmless. */
  async connect(driveElements: readonly number[]): Promise<void> {
    await this.step(startIscsidLine(), 'Starting iscsid');
    await this.step(discoveryLine(this.targets.changer.portal), 'iSCSI discovery');
    const targets = [this.targets.changer, ...driveElements.map((element) => this.drive(element))];
    for (const target of targets) await this.step(loginLine(target.iqn, target.portal), `Login to ${target.iqn}`, [0, ISCSI_ERR_SESS_EXISTS]);
    const links = await this.step(`ls -l ${TAPE_BY_PATH_DIR}`, 'Listing /dev/tape/by-path');
    if (!links.output.includes(this.changer.slice(TAPE_BY_PATH_DIR.length + 1))) {
      throw new WorkflowError(`The login succeeded but ${this.changer} did not appear. Run \`sudo udevadm trigger\` on the client, or log out and connect again.`, links.output);
    }
  }

  /** Logs out of the given drives (default: all) and the changer; targets without a session are skipped. */
  async disconnect(driveElements?: readonly number[]): Promise<void> {
    const drives = driveElements ? this.targets.drives.filter((drive) => driveElements.includes(drive.element)) : this.targets.drives;
    for (const target of [...drives, this.targets.changer]) {
      await this.step(logoutLine(target.iqn, target.portal), `Logout of ${target.iqn}`, [0, ISCSI_ERR_NO_OBJS_FOUND]);
    }
  }

  async load(slot: number, driveElement: number): Promise<void> {
    this.drive(driveElement);
    await this.step(mtxLoadLine(this.changer, slot, driveElement), `Loading slot ${slot} into drive ${driveElement}`);
  }

  /** Unloads into `slot`, or into the slot mtx reports as the tape's source. */
  async unload(driveElement: number, slot?: number): Promise<void> {
    this.drive(driveElement);
    await this.step(mtxUnloadLine(this.changer, driveElement, slot), `Unloading drive ${driveElement}`);
  }

  async move(fromSlot: number, toSlot: number): Promise<void> {
    await this.step(mtxTransferLine(this.changer, fromSlot, toSlot), `Moving the tape from slot ${fromSlot} to slot ${toSlot}`);
  }

  async driveStatus(driveElement: number): Promise<MtStatus> {
    const result = await this.step(mtLine(this.driveDevice(driveElement), 'status'), `Reading drive ${driveElement}'s status (mt status)`);
    const status = parseMtStatus(result.output);
    if (!status) throw new WorkflowError(`mt status printed something this extension cannot read. Look at the terminal for drive ${driveElement}.`, result.output);
    return status;
  }

  /** The drive's block size as `mt status` reports it; fails when no tape is loaded. */
  async blockSize(driveElement: number): Promise<number> {
    const status = await this.driveStatus(driveElement);
    if (status.bits.includes('DR_OPEN') || status.fileNumber < 0) throw new WorkflowError(`Drive ${driveElement} has no tape. Load a tape into it first.`);
    // Variable-block mode (0): every write() is one tape block, so tar's default record size reads back what it wrote.
    return status.blockSize > 0 ? status.blockSize : TAR_DEFAULT_RECORD_SIZE;
  }

  /** Appends one archive after the last one on the tape (eod on the no-rewind device); returns its file number. */
  async write(driveElement: number, paths: readonly string[]): Promise<number> {
    if (paths.length === 0) throw new WorkflowError('Pick at least one file or folder to write.');
    const recordSize = await this.blockSize(driveElement);
    const device = this.driveDevice(driveElement);
    await this.step(mtLine(device, 'eod'), 'Positioning at the end of data (mt eod)');
    const before = await this.driveStatus(driveElement);
    await this.step(tarWriteLine(device, recordSize, paths), 'Writing with tar', [0], 600_000);
    return Math.max(0, before.fileNumber);
  }

  /** Rewinds and spaces forward `archive` filemarks. */
  async position(driveElement: number, archive: number): Promise<void> {
    const device = this.driveDevice(driveElement);
    await this.step(mtLine(device, 'rewind'), 'Rewinding (mt rewind)');
    if (archive > 0) await this.step(mtLine(device, 'fsf', archive), `Spacing to archive ${archive} (mt fsf ${archive})`);
  }

  async list(driveElement: number, archive: number): Promise<ArchiveListing> {
    const recordSize = await this.blockSize(driveElement);
    await this.position(driveElement, archive);
    const result = await this.step(tarListLine(this.driveDevice(driveElement), recordSize), `Listing archive ${archive}`);
    return { archive, entries: parseTarListing(result.output) };
  }

  /** Every archive on the tape, from BOT until the first file that is not a tar archive (the end of data). */
  async listAll(driveElement: number, limit = 100): Promise<ArchiveListing[]> {
    const recordSize = await this.blockSize(driveElement);
    const device = this.driveDevice(driveElement);
    await this.step(mtLine(device, 'rewind'), 'Rewinding (mt rewind)');
    const archives: ArchiveListing[] = [];
    for (let archive = 0; archive < limit; archive += 1) {
      if (archive > 0) {
        const spaced = await this.run(mtLine(device, 'fsf', 1));
        if (spaced.exitCode !== 0) break;
      }
      const result = await this.run(tarListLine(device, recordSize));
      this.failOnMissingTool(result);
      if (result.exitCode !== 0) break;
      archives.push({ archive, entries: parseTarListing(result.output) });
    }
    return archives;
  }

  /** Extracts one archive into `directory` on the client; returns the names tar printed. */
  async read(driveElement: number, archive: number, directory: string): Promise<string[]> {
    const recordSize = await this.blockSize(driveElement);
    await this.position(driveElement, archive);
    await this.step(toShellLine(['mkdir', '-p', directory]), `Creating ${directory}`);
    const result = await this.step(tarReadLine(this.driveDevice(driveElement), recordSize, directory), `Reading archive ${archive}`, [0], 600_000);
    return result.output.split('\n').filter((line) => line.length > 0 && !line.startsWith('tar: '));
  }

  /** Runs any line visibly and returns what it printed, whatever its exit status. */
  exec(command: string): Promise<MarkedResult> {
    return this.run(command);
  }

  /** Runs a line and turns a failure into a WorkflowError that says what to do. */
  async step(command: string, what: string, okCodes: readonly number[] = [0], timeoutMs?: number): Promise<MarkedResult> {
    const result = await this.run(command, timeoutMs);
    this.failOnMissingTool(result);
    if (!okCodes.includes(result.exitCode)) {
      const lastLine = result.output.trim().split('\n').pop() ?? '';
      throw new WorkflowError(`${what} failed (exit status ${result.exitCode})${lastLine ? `: ${lastLine}` : ''}. See the terminal for the full output.`, result.output);
    }
    return result;
  }

  private failOnMissingTool(result: MarkedResult): void {
    if (result.exitCode === 0) return;
    const tool = missingToolInOutput(result.output);
    if (tool) throw new WorkflowError(missingToolAdvice(tool), result.output, tool);
  }
}
