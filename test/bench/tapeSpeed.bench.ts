// Benchmark: tar of a 1 GiB file to a virtual tape and back as a user runs it (typed in a Session Manager terminal, and
// through Run Command), each run paired with a plain file write (or copy) of the same bytes measured right beside it.
//
// "Plain file write" (test/bench/support/plainFile.ts): the archive's bytes written by Node to a new file on the file
// system of the lab's state folder in 64 KiB writes, then one fsync: the tape is durable at the same point, the
// filemark written when tar closes the drive. Before every pair both sides drop what the last pair wrote (untimed: `mt
// weof` at BOT erases the tape, the plain file is removed), so neither reuses the other's page cache. A pair runs the
// two back to back, in alternating order; the figure is the ratio of the medians over PAIRS pairs (a first pair warms
// up and is not counted). Reading back: tar -x of the archive to a client file beside a plain copy (64 KiB reads and
// writes, no fsync, as GNU tar extracts), in pairs of their own after all the writes.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { DescribeGatewayInformationCommand } from '@aws-sdk/client-storage-gateway';
import { eventually } from '../eventually';
import { activateGateway, createAvailableTape, deployTapeGatewayStack, loginChangerAndDrive, startStackLab, TEMPLATE_PATH, type StackLab } from '../lab/e2e/stackLab';
import { openClientTerminal, type ClientTerminal } from '../lab/e2e/clientTerminal';
import type { BenchFigure } from './BenchFigure';
import { archiveSizedBuffer, dropFile, median, megabytesPerSecond, plainCopy, plainRead, plainWrite } from './support/plainFile';

const FILE_BYTES = 1024 ** 3;
const PAIRS = 7;
/** GNU tar's archive of `data/` holding one FILE_BYTES file: two headers, the data, two zero blocks, padded to whole 64 KiB records (-b 128). */
const ARCHIVE_BYTES = Math.ceil((512 + 512 + FILE_BYTES + 1024) / 65536) * 65536;
const WRITE = 'sudo tar -cf /dev/nst0 -b 128 data';
const READ = 'sudo tar -xf /dev/nst0 -b 128 -C /tmp/back';
/** Untimed before each write pair: the tape erased from BOT (`mt weof` there truncates its data file), positioned at BOT again. */
const ERASE = 'sudo mt -f /dev/nst0 rewind && sudo mt -f /dev/nst0 weof 1 && sudo mt -f /dev/nst0 rewind';
/** Untimed before each read pair: the last extraction removed, the tape at BOT. */
const DROP_EXTRACTED = 'sudo rm -rf /tmp/back && mkdir /tmp/back && sudo mt -f /dev/nst0 rewind';

/** One way of running a line on the client: returns its stdout + stderr, failing on a non-zero status. */
type Runner = (line: string) => Promise<string>;

function typedRunner(terminal: ClientTerminal): Runner {
  return async (line) => {
    const printed = await terminal.type(`${line}; echo "status=$?"`, 300_000);
    assert.match(printed, /status=0\r\n$/, `${line}: ${printed}`);
    return printed;
  };
}

function runCommandRunner(lab: StackLab, instanceId: string): Runner {
  return async (line) => {
    const sent = await lab.ssm.send(new SendCommandCommand({ InstanceIds: [instanceId], DocumentName: 'AWS-RunShellScript', Parameters: { commands: ['cd /tmp', line] } }));
    const CommandId = sent.Command?.CommandId ?? '';
    const result = await eventually(
      `Run Command "${line}"`,
      async () => {
        const invocation = await lab.ssm.send(new GetCommandInvocationCommand({ CommandId, InstanceId: instanceId }));
        return invocation.Status === 'Pending' || invocation.Status === 'InProgress' || invocation.Status === 'Delayed' ? undefined : invocation;
      },
      300_000,
      5,
    );
    assert.equal(result.Status, 'Success', `${line}: ${result.StandardErrorContent}`);
    return `${result.StandardOutputContent ?? ''}${result.StandardErrorContent ?? ''}`;
  };
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

interface Series {
  readonly tarWrite: number[];
  readonly plainWrite: number[];
  readonly tarRead: number[];
  readonly plainCopy: number[];
  readonly plainRead: number[];
}

/**
 * PAIRS + 1 pairs of (tar -c, plain write), then PAIRS + 1 pairs of (tar -x, plain copy) of the last archive, in MB/s of
 * the archive's bytes; the first pair of each kind warms up and is not counted. Reads come after all the writes: what
 * tar -x and the copy leave unsynced is dropped before it can be written back under a later pair's fsync.
 */
async function measure(run: Runner, scratch: string): Promise<Series> {
  const series: Series = { tarWrite: [], plainWrite: [], tarRead: [], plainCopy: [], plainRead: [] };
  const data = archiveSizedBuffer(ARCHIVE_BYTES);
  const written = join(scratch, 'plain-write.bin');
  const copied = join(scratch, 'plain-copy.bin');
  for (let pair = 0; pair <= PAIRS; pair += 1) {
    await run(ERASE);
    dropFile(written);
    const tarFirst = pair % 2 === 0;
    let plainMs = tarFirst ? 0 : plainWrite(written, data);
    const tarMs = await timed(() => run(WRITE));
    if (tarFirst) plainMs = plainWrite(written, data);
    if (pair === 0) continue;
    series.tarWrite.push(megabytesPerSecond(ARCHIVE_BYTES, tarMs));
    series.plainWrite.push(megabytesPerSecond(ARCHIVE_BYTES, plainMs));
  }
  for (let pair = 0; pair <= PAIRS; pair += 1) {
    await run(DROP_EXTRACTED);
    dropFile(copied);
    const tarFirst = pair % 2 === 0;
    let copyMs = tarFirst ? 0 : plainCopy(written, copied);
    const readMs = await timed(() => run(READ));
    if (tarFirst) copyMs = plainCopy(written, copied);
    const readOnlyMs = plainRead(written);
    assert.match(await run('stat -c %s /tmp/back/data/payload'), new RegExp(`^${FILE_BYTES}\\b`));
    if (pair === 0) continue;
    series.tarRead.push(megabytesPerSecond(ARCHIVE_BYTES, readMs));
    series.plainCopy.push(megabytesPerSecond(ARCHIVE_BYTES, copyMs));
    series.plainRead.push(megabytesPerSecond(ARCHIVE_BYTES, readOnlyMs));
  }
  await run(DROP_EXTRACTED);
  dropFile(written);
  dropFile(copied);
  return series;
}

/** A stack with an activated gateway, one tape in drive 0 and /tmp/data/payload (FILE_BYTES of zeros) on the client. */
async function setUp(lab: StackLab): Promise<{ terminal: ClientTerminal; instanceId: string }> {
  const outputs = await deployTapeGatewayStack(lab, 'tapespeed', await readFile(TEMPLATE_PATH, 'utf8'));
  const gatewayArn = await activateGateway(lab, outputs, 'tapespeed-gw');
  await createAvailableTape(lab, gatewayArn, 'SPEED00001');
  const gatewayId = (await lab.sg.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn }))).GatewayId ?? '';
  const instanceId = outputs.ClientInstanceId ?? '';
  const changer = await loginChangerAndDrive(lab, instanceId, outputs.GatewayPrivateIp ?? '', gatewayId);
  const terminal = await openClientTerminal(lab, instanceId);
  await terminal.type(`sudo mtx -f ${changer} load 1601 0`);
  assert.match(await terminal.type(`mkdir -p /tmp/data && dd if=/dev/zero of=/tmp/data/payload bs=1M count=${FILE_BYTES / 2 ** 20}`, 120_000), /1024\+0 records out/);
  await terminal.type('cd /tmp');
  return { terminal, instanceId };
}

function ratio(a: readonly number[], b: readonly number[]): string {
  return `${(median(a) / median(b)).toFixed(2)}x`;
}

function figures(way: string, s: Series): BenchFigure[] {
  const size = `${(ARCHIVE_BYTES / 2 ** 20).toFixed(0)} MiB archive of a 1 GiB file`;
  return [
    { name: `${way}: \`${WRITE}\` (${size})`, unit: 'MB/s', samples: s.tarWrite, note: `${ratio(s.tarWrite, s.plainWrite)} plain file write (goal >= 0.5x); ratio of medians over ${PAIRS} interleaved pairs` },
    { name: `${way}: plain file write of the same bytes beside it (64 KiB writes, one fsync)`, unit: 'MB/s', samples: s.plainWrite },
    { name: `${way}: \`${READ}\` (the archive back to a client file)`, unit: 'MB/s', samples: s.tarRead, note: `${ratio(s.tarRead, s.plainCopy)} plain copy, ${ratio(s.tarRead, s.plainRead)} plain read` },
    { name: `${way}: plain copy of the same bytes beside it (64 KiB reads and writes to a new file, no fsync, as tar -x)`, unit: 'MB/s', samples: s.plainCopy },
    { name: `${way}: plain read of the same bytes (64 KiB reads)`, unit: 'MB/s', samples: s.plainRead },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  const lab = await startStackLab();
  try {
    const { terminal, instanceId } = await setUp(lab);
    const scratch = dirname(lab.stateDir);
    const typed = await measure(typedRunner(terminal), scratch);
    await terminal.close();
    const runCommand = await measure(runCommandRunner(lab, instanceId), scratch);
    return [...figures('Typed in a Session Manager terminal', typed), ...figures('Run Command (AWS-RunShellScript)', runCommand)];
  } finally {
    await lab.stop();
  }
}
