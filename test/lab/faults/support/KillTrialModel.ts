// What the kill trials were told (acknowledged) and what was in flight at each kill, and the checks that must hold after it.
import assert from 'node:assert/strict';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCommandInvocationCommand } from '@aws-sdk/client-ssm';
import { ListTapesCommand, type TapeInfo } from '@aws-sdk/client-storage-gateway';
import type { LabClients } from './awsClients';
import type { TapeGatewayDeployment } from './deployTapeGateway';
import { readRegionState, readStacks, regionStateProblems, stackProblems } from './labStateFiles';
import { gnuTarListing, type TarRun } from './gnuTar';
import { readTapeFiles } from './tapeFiles';

interface CreateTapesRecord {
  readonly prefix: string;
  readonly count: number;
  /** Set once CreateTapes answered. */
  tapeArns?: string[];
}

interface BarcodeTapeRecord {
  readonly barcode: string;
  acknowledged: boolean;
  /** A DeleteTape was sent (acknowledged or not). */
  deleteSent: boolean;
  deleteAcknowledged: boolean;
}

interface CommandRecord {
  readonly commandId: string;
  /** The stdout of an invocation seen as Success before the kill. */
  successStdout?: string;
}

const TERMINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut']);
const SAMPLE = 4;

/** A tape file torn by the last kill, to read back through the lab once it restarts, with the file acknowledged before it. */
export interface TornReadBack {
  readonly position: number;
  /** What GNU tar says about the torn file's bytes. */
  readonly gnu: TarRun;
  /** The acknowledged file just before it (member name without the leading slash, SHA-256), if any. */
  readonly previous?: { readonly member: string; readonly sha256: string };
}

export class KillTrialModel {
  /** SHA-256 of each acknowledged tape file 0..K-1 on the tape in drive 0. */
  tapeFiles: string[] = [];
  /** The member name in each acknowledged tape file. */
  private tapeMembers: string[] = [];
  /** Set by the offline check when the kill tore a tape file; cleared once read back. */
  tornReadBack: TornReadBack | undefined;
  /** A tar write sent to this file position but not yet acknowledged. */
  pendingWrite: { position: number } | undefined;
  /** A tape-lane script (login, write, unload/load) is in flight; when none is, the tape must be in drive 0. */
  tapeScriptPending = false;
  /** An interrupted write may have left files after the acknowledged ones, until the next write overwrites them. */
  private unacknowledgedTail = false;
  acknowledgedTapeWrites = 0;
  interruptedOperations = 0;
  readonly createTapes: CreateTapesRecord[] = [];
  readonly barcodeTapes: BarcodeTapeRecord[] = [];
  readonly commands: CommandRecord[] = [];
  readonly stacks: { stackName: string; stackId: string }[] = [];
  private checkedCommands = 0;
  private checkedStacks = 0;

  constructor(readonly driveBarcode: string) {}

  acknowledgeTapeWrite(position: number, sha256: string, member: string): void {
    this.tapeFiles = [...this.tapeFiles.slice(0, position), sha256];
    this.tapeMembers = [...this.tapeMembers.slice(0, position), member];
    this.pendingWrite = undefined;
    this.unacknowledgedTail = false;
    this.acknowledgedTapeWrites += 1;
  }

  /** After a kill, with the lab down: the state files parse and hold nothing half-applied; tape files read back. */
  checkOffline(stateDir: string, where: string): void {
    const state = readRegionState(stateDir);
    assert.deepEqual(regionStateProblems(state), [], `${where}: Storage Gateway state`);
    // Every acknowledged tape-lane script ends with the tape loaded; the library move must be as durable as the Success.
    const location = state.tapes[this.driveBarcode]?.vtl?.location;
    const where0 = `${location?.kind}:${location?.index}`;
    if (this.tapeScriptPending) assert.ok(['drive:0', 'slot:1'].includes(where0), `${where0}: ${where} the tape is neither in drive 0 nor in slot 1`);
    else assert.equal(where0, 'drive:0', `${where}: the tape's last acknowledged move was into drive 0`);
    this.tapeScriptPending = false;
    const used = Object.keys(state.usedBarcodes);
    for (const record of this.createTapes) {
      const issued = used.filter((barcode) => barcode.length === record.prefix.length + 6 && barcode.startsWith(record.prefix));
      assert.ok(issued.length === 0 || issued.length === record.count, `${where}: CreateTapes of ${record.count} with prefix ${record.prefix} left ${issued.length} tapes`);
      for (const arn of record.tapeArns ?? []) {
        assert.ok(Object.hasOwn(state.tapes, arn.slice(arn.lastIndexOf('/') + 1)), `${where}: acknowledged tape ${arn} is missing`);
      }
    }
    for (const record of this.barcodeTapes) {
      if (!record.acknowledged) continue;
      const tape = state.tapes[record.barcode];
      if (!record.deleteSent) assert.ok(tape, `${where}: acknowledged tape ${record.barcode} is missing`);
      if (record.deleteAcknowledged) assert.ok(!tape || tape.vtl?.status === 'DELETING', `${where}: deleted tape ${record.barcode} is back as ${tape?.vtl?.status}`);
    }
    const stacks = readStacks(stateDir);
    assert.deepEqual(stackProblems(stacks), [], `${where}: CloudFormation state`);
    for (const { stackId } of this.stacks) assert.ok(stacks.stacks.some((stack) => stack.stackId === stackId), `${where}: acknowledged stack ${stackId} is missing`);
    this.checkTapeFiles(stateDir, where);
  }

  /** After a restart, through the API: acknowledged tapes, commands and stacks are served, every command has ended. */
  async checkOnline(clients: LabClients, deployment: TapeGatewayDeployment, where: string): Promise<void> {
    const listed = new Map<string, TapeInfo>();
    let marker: string | undefined;
    do {
      const page = await clients.sg.send(new ListTapesCommand({ Marker: marker, Limit: 100 }));
      for (const info of page.TapeInfos ?? []) {
        assert.ok(!listed.has(info.TapeBarcode ?? ''), `${where}: ListTapes lists ${info.TapeBarcode} twice`);
        listed.set(info.TapeBarcode ?? '', info);
      }
      marker = page.Marker;
    } while (marker);
    assert.ok(listed.has(this.driveBarcode), `${where}: the tape in drive 0 is listed`);
    for (const arn of this.createTapes.flatMap((record) => record.tapeArns ?? [])) assert.ok(listed.has(arn.slice(arn.lastIndexOf('/') + 1)), `${where}: ListTapes lacks ${arn}`);
    for (const record of this.barcodeTapes) if (record.acknowledged && !record.deleteSent) assert.ok(listed.has(record.barcode), `${where}: ListTapes lacks ${record.barcode}`);

    for (const command of this.recentAndSample(this.commands, 'checkedCommands')) {
      const invocation = await clients.ssm.send(new GetCommandInvocationCommand({ CommandId: command.commandId, InstanceId: deployment.clientInstanceId }));
      assert.ok(TERMINAL.has(invocation.Status ?? ''), `${where}: command ${command.commandId} is ${invocation.Status} after a restart`);
      if (command.successStdout !== undefined) {
        assert.equal(invocation.Status, 'Success', `${where}: command ${command.commandId} was Success before the kill`);
        assert.equal(invocation.StandardOutputContent, command.successStdout);
      }
    }
    for (const stack of this.recentAndSample(this.stacks, 'checkedStacks')) {
      const found = (await clients.cfn.send(new DescribeStacksCommand({ StackName: stack.stackId }))).Stacks?.[0];
      assert.equal(found?.StackId, stack.stackId, `${where}: DescribeStacks finds ${stack.stackName}`);
    }
  }

  private checkTapeFiles(stateDir: string, where: string): void {
    const files = readTapeFiles(stateDir, this.driveBarcode);
    // A write in flight erased everything from its position on (tape overwrite): only the files before it must remain.
    const kept = this.pendingWrite ? this.tapeFiles.slice(0, this.pendingWrite.position) : this.tapeFiles;
    kept.forEach((sha256, fileNumber) => {
      const file = files[fileNumber];
      assert.ok(file?.complete, `${where}: acknowledged tape file ${fileNumber} is ${file ? 'missing its filemark' : 'gone'}`);
      assert.equal(file.member?.sha256, sha256, `${where}: acknowledged tape file ${fileNumber} reads back different bytes: ${JSON.stringify(file)}`);
    });
    if (!this.pendingWrite && !this.unacknowledgedTail) assert.equal(files.length, kept.length, `${where}: the tape holds files nobody wrote`);
    if (this.pendingWrite) this.unacknowledgedTail = true;
    const torn = this.pendingWrite ? files[this.pendingWrite.position] : undefined;
    if (torn?.tornBytes && this.pendingWrite) {
      const position = this.pendingWrite.position;
      const previous = position > 0 ? { member: this.tapeMembers[position - 1] ?? '', sha256: kept[position - 1] ?? '' } : undefined;
      this.tornReadBack = { position, gnu: gnuTarListing(torn.tornBytes), previous };
    }
    this.tapeFiles = kept;
    this.tapeMembers = this.tapeMembers.slice(0, kept.length);
    this.pendingWrite = undefined;
  }

  /** Items added since the last check, plus a few older ones (checking all of them every trial would grow quadratically). */
  private recentAndSample<T>(items: readonly T[], cursor: 'checkedCommands' | 'checkedStacks'): T[] {
    const recent = items.slice(this[cursor]);
    const older = items.slice(0, this[cursor]);
    const sample = older.filter((_, index) => index % Math.max(1, Math.ceil(older.length / SAMPLE)) === 0);
    this[cursor] = items.length;
    return [...sample, ...recent];
  }
}
