// The two workloads a kill trial interrupts: tar writes to the tape in drive 0 (Run Command), and a random mix of API calls.
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateTapesCommand, CreateTapeWithBarcodeCommand, DeleteTapeCommand, ListTapesCommand } from '@aws-sdk/client-storage-gateway';
import { runShellScript, type LabClients } from './awsClients';
import { TAPE_SIZE, type TapeGatewayDeployment } from './deployTapeGateway';
import type { KillTrialModel } from './KillTrialModel';
import type { SeededRandom } from './seededRandom';

export interface LaneContext {
  readonly clients: LabClients;
  readonly deployment: TapeGatewayDeployment;
  readonly model: KillTrialModel;
  readonly random: SeededRandom;
  /** Set just before the SIGKILL: failures after it are interruptions, before it they are bugs. */
  readonly killed: { now: boolean };
  /** A number unique across the whole run (file names, barcodes, stack names). */
  nextWrite(): number;
}

/** Tape files are rewritten from file 0 once this many exist, which also exercises the erase path. */
const MAX_TAPE_FILES = 6;
const SMALL_STACK = JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.9.0.0/16' } } } });

async function attempt<T>(context: LaneContext, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (!context.killed.now) throw error;
    context.model.interruptedOperations += 1;
    return undefined;
  }
}

/** Runs a script of the tape lane; the model knows one is in flight (the tape may then be anywhere it moves it). */
async function tapeScript(context: LaneContext, script: readonly string[]) {
  context.model.tapeScriptPending = true;
  const ran = await attempt(context, () => runShellScript(context.clients.ssm, context.deployment.clientInstanceId, script));
  if (ran) context.model.tapeScriptPending = false;
  return ran;
}

/** Logs in (the restart rebooted the client), then writes one tar archive per tape file until the kill; sometimes unloads and reloads the tape. */
export async function runTapeLane(context: LaneContext, login: readonly string[]): Promise<void> {
  const { model, random } = context;
  // A kill between an acknowledged unload and the next load leaves the tape in slot 1: load it (refused, harmlessly, when the drive is full).
  const loggedIn = await tapeScript(context, [...login, 'sudo mtx -f /dev/sg0 load 1 0', 'true']);
  if (!loggedIn) return;
  if (loggedIn.result.Status !== 'Success') throw new Error(`iSCSI login failed: ${loggedIn.result.StandardErrorContent}`);
  while (!context.killed.now) {
    if (random.chance(0.25)) {
      const reloaded = await tapeScript(context, ['sudo mtx -f /dev/sg0 unload', 'sudo mtx -f /dev/sg0 load 1 0']);
      if (!reloaded) return;
      if (reloaded.result.Status !== 'Success') throw new Error(`unload and load failed: ${reloaded.result.StandardErrorContent}`);
      continue;
    }
    const position = model.tapeFiles.length >= MAX_TAPE_FILES ? 0 : model.tapeFiles.length;
    const file = `/tmp/w${context.nextWrite()}.bin`;
    // A few small members after the checked one: tar yields between members, so a kill can tear the archive mid-write.
    const extras = Array.from({ length: random.int(0, 4) }, (_, k) => `${file}.${k}`);
    const script = [
      'sudo mt -f /dev/nst0 rewind',
      ...(position > 0 ? [`sudo mt -f /dev/nst0 fsf ${position}`] : []),
      `head -c ${random.int(1, 3_000_000)} /dev/urandom > ${file}`,
      ...extras.map((extra) => `head -c ${random.int(1, 200_000)} /dev/urandom > ${extra}`),
      `sha256sum ${file}`,
      `sudo tar -cvf /dev/nst0 --record-size=65536 ${[file, ...extras].join(' ')}`,
    ];
    model.pendingWrite = { position };
    const ran = await tapeScript(context, script);
    if (!ran) return;
    const sha256 = /^([0-9a-f]{64}) {2}/.exec(ran.result.StandardOutputContent ?? '')?.[1];
    if (ran.result.Status !== 'Success' || !sha256) throw new Error(`a tar write failed: ${ran.result.StandardErrorContent}`);
    model.acknowledgeTapeWrite(position, sha256, file.slice(1));
  }
}

/** Random API calls whose effects are recorded when acknowledged; each kind is checked after the kill. */
export async function runApiLane(context: LaneContext): Promise<void> {
  const { clients, deployment, model, random } = context;
  const GatewayARN = deployment.gatewayArn;
  while (!context.killed.now) {
    const n = context.nextWrite();
    switch (random.pick(['createTapes', 'createTapes', 'withBarcode', 'deleteTape', 'listTapes', 'sendCommand', 'createStack', 'describeStacks'] as const)) {
      case 'createTapes': {
        // A prefix of exactly 4 letters per request, so its tapes can be counted: all of them or none.
        const prefix = `Q${[26 * 26, 26, 1].map((unit) => String.fromCharCode(65 + (Math.floor(n / unit) % 26))).join('')}`;
        const record: { prefix: string; count: number; tapeArns?: string[] } = { prefix, count: random.int(1, 4) };
        model.createTapes.push(record);
        const out = await attempt(context, () => clients.sg.send(new CreateTapesCommand({ GatewayARN, TapeSizeInBytes: TAPE_SIZE, ClientToken: `kill-${prefix}`, NumTapesToCreate: record.count, TapeBarcodePrefix: prefix })));
        if (out) record.tapeArns = out.TapeARNs ?? [];
        break;
      }
      case 'withBarcode': {
        const record = { barcode: `FB${String(n).padStart(6, '0')}`, acknowledged: false, deleteSent: false, deleteAcknowledged: false };
        model.barcodeTapes.push(record);
        const out = await attempt(context, () => clients.sg.send(new CreateTapeWithBarcodeCommand({ GatewayARN, TapeSizeInBytes: TAPE_SIZE, TapeBarcode: record.barcode })));
        if (out) record.acknowledged = true;
        break;
      }
      case 'deleteTape': {
        const candidates = model.barcodeTapes.filter((record) => record.acknowledged && !record.deleteSent);
        if (candidates.length === 0) break;
        const record = random.pick(candidates);
        record.deleteSent = true;
        const TapeARN = `${GatewayARN.replace(/:gateway\/.*$/, ':tape/')}${record.barcode}`;
        try {
          if (await attempt(context, () => clients.sg.send(new DeleteTapeCommand({ GatewayARN, TapeARN })))) record.deleteAcknowledged = true;
        } catch (error) {
          // A tape still CREATING cannot be deleted yet: refused, nothing changed.
          if ((error as Error).name !== 'InvalidGatewayRequestException') throw error;
          record.deleteSent = false;
        }
        break;
      }
      case 'listTapes':
        await attempt(context, () => clients.sg.send(new ListTapesCommand({ Limit: 50 })));
        break;
      case 'sendCommand': {
        let record: { commandId: string; successStdout?: string } | undefined;
        const ran = await attempt(context, () =>
          runShellScript(clients.ssm, deployment.clientInstanceId, [`echo fault-${n}`], (commandId) => {
            record = { commandId };
            model.commands.push(record);
          }),
        );
        if (ran && record) {
          if (ran.result.Status !== 'Success') throw new Error(`echo failed: ${JSON.stringify(ran.result)}`);
          record.successStdout = ran.result.StandardOutputContent ?? '';
        }
        break;
      }
      case 'createStack': {
        const stackName = `k${n}`;
        const out = await attempt(context, () => clients.cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: SMALL_STACK })));
        if (out?.StackId) model.stacks.push({ stackName, stackId: out.StackId });
        break;
      }
      case 'describeStacks':
        await attempt(context, () => clients.cfn.send(new DescribeStacksCommand({})));
        break;
    }
  }
}

/**
 * After a restart, reads the tape torn by the last kill through the lab: the acknowledged file before the torn one
 * extracts byte-exact, and `tar -t` of the torn one fails (or not) exactly as GNU tar does on the same bytes.
 */
/** Returns GNU tar's last message on the torn file (also the lab's), or undefined when no file was torn. */
export async function readBackTornFile(context: LaneContext, login: readonly string[], where: string): Promise<string | undefined> {
  const { model } = context;
  const torn = model.tornReadBack;
  if (!torn) return undefined;
  model.tornReadBack = undefined;
  const ssm = (script: readonly string[]) => runShellScript(context.clients.ssm, context.deployment.clientInstanceId, script);
  const seek = (position: number) => ['sudo mt -f /dev/nst0 rewind', ...(position > 0 ? [`sudo mt -f /dev/nst0 fsf ${position}`] : [])];
  // A kill between an unload and a load leaves the tape in slot 1 (the load is refused, harmlessly, when it is already in the drive).
  const prepared = await ssm([...login, 'sudo mtx -f /dev/sg0 load 1 0', 'true']);
  if (prepared.result.Status !== 'Success') throw new Error(`${where}: login before the read-back failed: ${prepared.result.StandardErrorContent}`);
  if (torn.previous) {
    const dir = `/tmp/rb${context.nextWrite()}`;
    const previous = await ssm([...seek(torn.position - 1), `mkdir -p ${dir}`, `sudo tar -xf /dev/nst0 --record-size=65536 -C ${dir}`, `sha256sum ${dir}/${torn.previous.member}`]);
    const sha256 = /^([0-9a-f]{64}) /.exec(previous.result.StandardOutputContent ?? '')?.[1];
    if (sha256 !== torn.previous.sha256) throw new Error(`${where}: acknowledged file ${torn.position - 1} reads back as ${sha256}, not ${torn.previous.sha256}: ${previous.result.StandardErrorContent}`);
  }
  await ssm(seek(torn.position));
  const read = await ssm(['sudo tar -tf /dev/nst0 --record-size=65536']);
  const labLines = (read.result.StandardErrorContent ?? '').split('\n').filter(Boolean);
  const gnuLines = torn.gnu.stderr.split('\n').filter(Boolean);
  const same = read.result.ResponseCode === torn.gnu.status && read.result.StandardOutputContent === torn.gnu.stdout && labLines.every((line) => gnuLines.includes(line)) && labLines.at(-1) === gnuLines.at(-1);
  if (!same) throw new Error(`${where}: the torn file ${torn.position} reads as ${read.result.ResponseCode} ${JSON.stringify(read.result.StandardErrorContent)} ${JSON.stringify(read.result.StandardOutputContent)}; GNU tar: ${torn.gnu.status} ${JSON.stringify(torn.gnu.stderr)} ${JSON.stringify(torn.gnu.stdout)}`);
  return `exit ${torn.gnu.status}${gnuLines.length > 0 ? `, ${gnuLines.at(-2) ?? gnuLines.at(-1)}` : ''}`;
}
