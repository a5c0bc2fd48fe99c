// Nothing a client runs stops the lab: seeded random and damaged archives fed to tar -t / -x (answered as this machine's
// GNU tar answers the same damage), and random sequences of mt, mtx, dd and tar against drives in every state, all
// through Run Command on the lab CLI. After every case the lab still answers, and it never logged an unhandled error.
// Replay a failure with FAULT_SEED=<seed printed in it>.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ResumeSessionCommand, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { ListTapesCommand } from '@aws-sdk/client-storage-gateway';
import { SessionChannel } from '../../../src/session';
import { collectOutput } from '../session/support/sessionLab';
import { labClients, runShellScript, type LabClients } from './support/awsClients';
import { deployTapeGateway, loginCommands, type TapeGatewayDeployment } from './support/deployTapeGateway';
import { clientCommands, gnuArchiveSize, gnuTarOn, type ArchiveCase, type TarRun } from './support/gnuTar';
import { LabChild } from './support/labChild';
import { faultSeed, seededRandom, type SeededRandom } from './support/seededRandom';

const ARCHIVE_CASES = 48;
const TAPE_SEQUENCES = 60;
const SESSION_COMMANDS = 40;
const SEED = faultSeed(4_242);

let lab: LabChild;
let clients: LabClients;
let stateDir: string;
let deployment: TapeGatewayDeployment;

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'lab-tools-'));
  lab = await LabChild.start(stateDir, ['--time-scale', '0.001']);
  clients = labClients(lab.ready.endpoint);
  deployment = await deployTapeGateway(clients, { tapes: 3 });
  const login = await run([...loginCommands(deployment, ['tapedrive-01', 'tapedrive-02']), 'sudo mtx -f /dev/sg0 load 1601 0']);
  assert.equal(login.status, 'Success', login.stderr);
});

after(async () => {
  clients.destroy();
  await lab.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

interface Ran {
  readonly status: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(commands: readonly string[]): Promise<Ran> {
  const { result } = await runShellScript(clients.ssm, deployment.clientInstanceId, commands);
  return { status: result.Status ?? '', code: result.ResponseCode ?? -99, stdout: result.StandardOutputContent ?? '', stderr: result.StandardErrorContent ?? '' };
}

/** The lab process is up, answers an API call, and logged no error it did not handle. */
async function assertLabAlive(where: string): Promise<void> {
  const exited = await Promise.race([lab.exited.then(() => true), new Promise<boolean>((resolveNow) => setImmediate(() => resolveNow(false)))]);
  assert.equal(exited, false, `${where}: the lab process ended:\n${lab.stderrLines.slice(-20).join('\n')}`);
  await clients.sg.send(new ListTapesCommand({ Limit: 1 }));
  const stray = lab.stderrLines.filter((line) => /unhandled|handler failed|unexpected failure/.test(line));
  assert.deepEqual(stray, [], `${where}: the lab logged an error it did not handle`);
}

function randomCase(random: SeededRandom): ArchiveCase {
  const sizes = Array.from({ length: random.int(1, 3) }, () => random.pick([0, 1, 511, 512, 513, random.int(0, 30_000)]));
  const full = gnuArchiveSize(sizes);
  // Cuts on block boundaries and anywhere, inside headers, data, the end-of-archive blocks and the record padding.
  const cut = random.chance(0.5) ? random.int(0, full / 512) * 512 : random.int(0, full);
  switch (random.pick(['truncate', 'truncate', 'truncate', 'random', 'zeros', 'garbageAfter'] as const)) {
    case 'truncate':
      return { sizes, damage: { kind: 'truncate', length: cut } };
    case 'random':
      return { sizes: [], damage: { kind: 'random', length: random.int(1, 20_000) } };
    case 'zeros':
      return { sizes: [], damage: { kind: 'zeros', length: random.pick([0, 512, 1024, 10_240, random.int(1, 20_000)]) } };
    case 'garbageAfter':
      return { sizes, damage: { kind: 'garbageAfter', length: random.int(1, 5000) } };
  }
}

/**
 * Random bytes that do not open with a compressor's magic number. GNU tar reading a file sniffs those (gzip 1f 8b,
 * compress 1f 9d, bzip2 "BZh", xz, zstd, lzip, lzop) and hands the file to the decompressor, which fails with its own
 * words; the client's random bytes are other bytes, so the two sides would then disagree by chance alone.
 */
function plainRandomBytes(length: number): Buffer {
  const magics = ['1f8b', '1f9d', '1fa0', '425a68', 'fd377a585a00', '28b52ffd', '4c5a4950', '894c5a4f', '5d000080'];
  for (;;) {
    const bytes = randomBytes(length);
    const head = bytes.subarray(0, 6).toString('hex');
    if (head === '' || !magics.some((magic) => head.startsWith(magic.slice(0, Math.min(magic.length, head.length))))) return bytes;
  }
}

/** The lab's tar fails as GNU tar fails: same status, and it says nothing GNU tar does not, ending on the same line. */
function unlikeGnuTar(lab: Ran, gnu: TarRun, compareStdout: boolean): string | undefined {
  if (lab.status !== 'Success' && lab.status !== 'Failed') return `invocation ${lab.status}`;
  const gnuLines = gnu.stderr.split('\n').filter(Boolean);
  const labLines = lab.stderr.split('\n').filter(Boolean);
  const differs =
    lab.code !== gnu.status ||
    (compareStdout && lab.stdout !== gnu.stdout) ||
    labLines.some((line) => !gnuLines.includes(line)) ||
    labLines.at(-1) !== gnuLines.at(-1);
  return differs ? `lab tar: ${lab.code} ${JSON.stringify(lab.stderr)}${compareStdout ? ` ${JSON.stringify(lab.stdout)}` : ''}; GNU tar: ${gnu.status} ${JSON.stringify(gnu.stderr)}${compareStdout ? ` ${JSON.stringify(gnu.stdout)}` : ''}` : undefined;
}

test(`${ARCHIVE_CASES} random, truncated and padded archives: tar -t and -x fail alone, as GNU tar does (seed ${SEED})`, async (t) => {
  const random = seededRandom(SEED);
  const kinds = new Map<string, number>();
  const problems: string[] = [];
  for (let n = 0; n < ARCHIVE_CASES; n += 1) {
    const archiveCase = randomCase(random);
    const where = `archive case ${n} ${JSON.stringify(archiveCase)} (FAULT_SEED=${SEED})`;
    kinds.set(archiveCase.damage.kind, (kinds.get(archiveCase.damage.kind) ?? 0) + 1);
    const gnu = gnuTarOn(archiveCase, plainRandomBytes);
    const made = await run(clientCommands(archiveCase, `/tmp/c${n}`, `/tmp/t${n}.tar`));
    assert.equal(made.status, 'Success', `${where}: ${made.stderr}`);
    const listed = unlikeGnuTar(await run([`tar -tf /tmp/t${n}.tar`]), gnu.list, true);
    if (listed) problems.push(`${where} tar -t: ${listed}`);
    const extracted = unlikeGnuTar(await run([`mkdir -p /tmp/x${n}`, `tar -xf /tmp/t${n}.tar -C /tmp/x${n}`]), gnu.extract, false);
    if (extracted) problems.push(`${where} tar -x: ${extracted}`);
    await assertLabAlive(where);
  }
  t.diagnostic(`archive cases by damage: ${JSON.stringify(Object.fromEntries(kinds))}`);
  assert.deepEqual(problems, []);
});

/** One random command against the changer or a drive; arguments are often out of range or nonsense. */
function randomTapeCommand(random: SeededRandom, n: number): string {
  const drive = random.pick(['/dev/nst0', '/dev/st0', '/dev/nst1', '/dev/st1', '/dev/nst9', '/dev/sg1']);
  const count = random.pick(['', '0', '1', '2', '5', '-1', '99999', 'x', '1k']);
  const slot = random.pick(['1', '2', '3', '1601', '1602', '1603', '0', '3201', '-5', 'abc']);
  const driveIndex = random.pick(['0', '1', '2', '9', '10', '-1']);
  const bs = random.pick(['512', '10240', '65536', '1k', '0', '3', '1M', 'x']);
  switch (random.int(0, 9)) {
    case 0:
      return `sudo mtx -f /dev/sg0 ${random.pick(['load', 'unload'])} ${slot} ${driveIndex}`;
    case 1:
      return `sudo mtx -f ${random.pick(['/dev/sg0', '/dev/sg0', '/dev/nst0', '/dev/sg7'])} ${random.pick(['status', 'inquiry', 'transfer', 'unload', 'next', 'eject'])} ${random.chance(0.5) ? `${slot} ${slot}` : ''}`;
    case 2:
    case 3:
      return `sudo mt -f ${drive} ${random.pick(['status', 'rewind', 'fsf', 'bsf', 'eod', 'tell', 'weof', 'setblk', 'offline', 'fsr', 'bsr', 'erase', 'seek', 'load', 'lock', 'nonsense'])} ${count}`;
    case 4:
    case 5:
      return `sudo dd if=/dev/urandom of=${drive} bs=${bs} count=${random.pick(['1', '2', '3', '0', 'x'])}`;
    case 6:
      return `sudo dd if=${drive} of=/tmp/dd${n} bs=${bs} count=${random.pick(['1', '4', '100'])}`;
    case 7:
      return `head -c ${random.int(0, 40_000)} /dev/urandom > /tmp/w${n}; sudo tar -cf ${drive} ${random.chance(0.5) ? '--record-size=65536 ' : ''}/tmp/w${n}`;
    case 8:
      return `sudo tar -t${random.pick(['', 'v'])}f ${drive} ${random.chance(0.5) ? `--record-size=${random.pick(['512', '10240', '65536', '1000'])}` : ''}`;
    default:
      return `mkdir -p /tmp/xx${n}; sudo tar -xf ${drive} -C /tmp/xx${n} ${random.chance(0.5) ? '-b 128' : ''}`;
  }
}

test(`${TAPE_SEQUENCES} random mt, mtx, dd and tar sequences against drives in every state leave the lab serving (seed ${SEED})`, async (t) => {
  const random = seededRandom(SEED + 1);
  let commands = 0;
  let failedCommands = 0;
  for (let n = 0; n < TAPE_SEQUENCES; n += 1) {
    const script = Array.from({ length: random.int(2, 6) }, (_, k) => randomTapeCommand(random, n * 10 + k));
    const where = `sequence ${n} ${JSON.stringify(script)} (FAULT_SEED=${SEED})`;
    // Each command runs on its own so each reports its status; `|| true` keeps the script going as a user's shell would.
    const ran = await run(script.map((command) => `${command} || echo "exit=$?" >&2`));
    commands += script.length;
    failedCommands += (ran.stderr.match(/^exit=\d+$/gm) ?? []).length;
    assert.ok(ran.status === 'Success' || ran.status === 'Failed', `${where}: ${ran.status}`);
    // Messages are the tools' own: never a JavaScript error or stack frame.
    assert.doesNotMatch(`${ran.stdout}\n${ran.stderr}`, /(TypeError|RangeError|ReferenceError|Error:|undefined|NaN|\bat .*\.(ts|js):\d+)/, where);
    await assertLabAlive(where);
  }
  t.diagnostic(`${commands} tape commands, ${failedCommands} of them failing`);
  assert.ok(failedCommands > commands / 5, 'the sequences exercise failure paths');
});

test(`${SESSION_COMMANDS} damaged archives and random tape commands typed in a Session Manager terminal end alone (seed ${SEED})`, async (t) => {
  const random = seededRandom(SEED + 2);
  const { SessionId = '', StreamUrl = '', TokenValue = '' } = await clients.ssm.send(new StartSessionCommand({ Target: deployment.clientInstanceId }));
  const channel = new SessionChannel({
    sessionId: SessionId,
    streamUrl: StreamUrl,
    tokenValue: TokenValue,
    resume: async () => (await clients.ssm.send(new ResumeSessionCommand({ SessionId }))).TokenValue,
    terminate: async () => {
      await clients.ssm.send(new TerminateSessionCommand({ SessionId }));
    },
  });
  const output = collectOutput(channel);
  try {
    await channel.open();
    for (let n = 0; n < SESSION_COMMANDS; n += 1) {
      // Archives made by the first test: damaged in every way it knows.
      const command = random.chance(0.5) ? `tar -${random.pick(['t', 'x'])}f /tmp/t${random.int(0, ARCHIVE_CASES - 1)}.tar -C /tmp` : randomTapeCommand(random, 1000 + n);
      // The quotes keep the marker out of the echoed input line, so only the shell's output matches it.
      channel.sendInput(`${command}; echo "done"-${n}\r`);
      await output.waitFor(new RegExp(`^done-${n}\\r?$`, 'm'), 20_000);
      await assertLabAlive(`session command ${n} ${JSON.stringify(command)} (FAULT_SEED=${SEED})`);
    }
    assert.doesNotMatch(output.text(), /(TypeError|RangeError|ReferenceError|\bat .*\.(ts|js):\d+)/);
    t.diagnostic(`${SESSION_COMMANDS} commands typed in one session`);
  } finally {
    await channel.close();
  }
});
