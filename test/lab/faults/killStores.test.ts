// kill -9 of the lab CLI while S3, EC2 and CloudWatch state changes, on one state folder: after every restart each S3 object
// whose PutObject was acknowledged reads back whole and byte-exact (one interrupted by the kill is absent or whole, never
// torn), acknowledged deletes stay deleted, a stop or start acknowledged before the kill holds, and the gateway traffic on
// disk before the kill is what GetMetricData answers after it. Replay a failure with FAULT_SEED=<seed printed in it>.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeGatewayInformationCommand } from '@aws-sdk/client-storage-gateway';
import { startLab } from '../../../src/lab/index';
import { replayJournal } from '../../../src/lab/state/journalFormat';
import { eventually, labClients, runShellScript } from './support/awsClients';
import { deployTapeGateway, loginCommands, waitOnline, type TapeGatewayDeployment } from './support/deployTapeGateway';
import { LabChild, labBundle, type ReadyLine } from './support/labChild';
import { leftoverTempFiles } from './support/labStateFiles';
import { faultSeed, seededRandom, type SeededRandom } from './support/seededRandom';
import { ec2Call, instanceStateName } from './support/signedEc2';

const S3_TRIALS = 8;
const SEED = faultSeed(20_261_202);
const TIME_SCALE = '0.001';
const BUCKET = 'kill-trials';

let stateDir: string;
let deployment: TapeGatewayDeployment;

before(async () => {
  await labBundle();
  stateDir = mkdtempSync(join(tmpdir(), 'lab-kill-stores-'));
  // Prepared once, in-process and stopped cleanly: a deployed stack, an activated gateway, a tape loaded in drive 0.
  const lab = await startLab({ port: 0, stateDir, timeScale: Number(TIME_SCALE) });
  const clients = labClients(lab.endpoint);
  try {
    deployment = await deployTapeGateway(clients, { tapes: 1 });
    const loaded = await runShellScript(clients.ssm, deployment.clientInstanceId, [...loginCommands(deployment), `sudo mtx -f /dev/sg0 load 1601 0`]);
    assert.equal(loaded.result.Status, 'Success', loaded.result.StandardErrorContent);
  } finally {
    clients.destroy();
    await lab.stop();
  }
});

after(() => {
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

function s3Client(ready: ReadyLine): S3Client {
  return new S3Client({ endpoint: ready.endpoint, region: ready.region, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey } });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the test knows of one key: the content it sent and whether S3 acknowledged the put and a later delete. */
interface KeyRecord {
  readonly sha: string;
  putAcknowledged: boolean;
  deleteSent: boolean;
  deleteAcknowledged: boolean;
}

async function readKey(s3: S3Client, key: string): Promise<string | undefined> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return sha256(await answer.Body?.transformToByteArray() ?? new Uint8Array());
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

async function listedKeys(s3: S3Client, prefix: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token, MaxKeys: 50 }));
    for (const object of page.Contents ?? []) keys.add(object.Key ?? '');
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** After a restart: every key reads as what was acknowledged, and a change the kill interrupted is either there whole or absent. */
async function checkKeys(s3: S3Client, keys: ReadonlyMap<string, KeyRecord>, where: string): Promise<void> {
  const listed = await listedKeys(s3, 'trial-');
  for (const [key, record] of keys) {
    const found = await readKey(s3, key);
    if (found !== undefined) assert.equal(found, record.sha, `${where}: ${key} reads back whole and byte-exact`);
    assert.equal(listed.has(key), found !== undefined, `${where}: ListObjectsV2 with a prefix agrees with GetObject on ${key}`);
    if (record.deleteAcknowledged) assert.equal(found, undefined, `${where}: ${key} was deleted (acknowledged)`);
    else if (record.putAcknowledged && !record.deleteSent) assert.notEqual(found, undefined, `${where}: ${key} was acknowledged`);
    // Settle what the kill left open, for the next trial's checks.
    if (!record.putAcknowledged && found !== undefined) record.putAcknowledged = true;
    if (record.deleteSent && !record.deleteAcknowledged && found === undefined) record.deleteAcknowledged = true;
    if (record.deleteSent && found !== undefined) record.deleteSent = false;
  }
}

async function s3Lane(s3: S3Client, random: SeededRandom, keys: Map<string, KeyRecord>, prefix: string, killed: { now: boolean }, acks: { count: number }): Promise<void> {
  for (let n = 0; !killed.now; n += 1) {
    try {
      const acknowledged = [...keys].filter(([, record]) => record.putAcknowledged && !record.deleteSent);
      if (n % 5 === 4 && acknowledged.length > 0) {
        const [key, record] = acknowledged[random.int(0, acknowledged.length - 1)] ?? [];
        if (!key || !record) continue;
        record.deleteSent = true;
        await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
        record.deleteAcknowledged = true;
      } else {
        const body = randomBytes(random.int(0, 3) === 0 ? random.int(0, 64) : random.int(1_000, 300_000));
        const key = `${prefix}/${n}`;
        const record: KeyRecord = { sha: sha256(body), putAcknowledged: false, deleteSent: false, deleteAcknowledged: false };
        keys.set(key, record);
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
        record.putAcknowledged = true;
      }
      acks.count += 1;
    } catch (error) {
      if (killed.now) return;
      throw error;
    }
  }
}

test(`${S3_TRIALS} kill -9 trials during S3 puts and deletes lose no acknowledged object and tear none (seed ${SEED})`, async () => {
  const random = seededRandom(SEED);
  const keys = new Map<string, KeyRecord>();
  let acknowledged = 0;
  for (let trial = 0; trial <= S3_TRIALS; trial += 1) {
    const where = `trial ${trial} (FAULT_SEED=${SEED})`;
    const lab = await LabChild.start(stateDir, ['--time-scale', TIME_SCALE]);
    const s3 = s3Client(lab.ready);
    try {
      if (trial === 0) await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      else await checkKeys(s3, keys, where);
      if (trial === S3_TRIALS) break;
      const killed = { now: false };
      const acks = { count: 0 };
      const lanes = Promise.allSettled([0, 1, 2].map((lane) => s3Lane(s3, random, keys, `trial-${trial}/lane-${lane}`, killed, acks)));
      // Wait for a few acknowledged changes (bounded, however slow the machine), then kill at a random moment.
      const wanted = random.int(2, 12);
      await eventually('acknowledged S3 changes', () => (acks.count >= wanted ? true : undefined), 30_000, 5);
      await new Promise((resolveDelay) => setTimeout(resolveDelay, random.int(0, 40)));
      killed.now = true;
      await lab.kill9();
      for (const outcome of await lanes) if (outcome.status === 'rejected') throw new Error(`${where}: ${String(outcome.reason)}`);
      acknowledged += acks.count;
    } finally {
      s3.destroy();
      if (trial === S3_TRIALS) await lab.stop();
      else await lab.kill9();
    }
  }
  assert.ok(acknowledged >= S3_TRIALS * 2, `only ${acknowledged} S3 changes were acknowledged`);
  assert.deepEqual(leftoverTempFiles(stateDir), []);
});

/** The WriteBytes sum GetMetricData answers for the gateway over the last three hours. */
async function writeBytes(ready: ReadyLine, gateway: { id: string; name: string }): Promise<number> {
  const cloudWatch = new CloudWatchClient({ endpoint: ready.endpoint, region: ready.region, maxAttempts: 1, credentials: { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey } });
  try {
    const end = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + 3600_000);
    const result = await cloudWatch.send(new GetMetricDataCommand({
      StartTime: new Date(end.getTime() - 3 * 3600_000),
      EndTime: end,
      MetricDataQueries: [{ Id: 'written', MetricStat: { Metric: { Namespace: 'AWS/StorageGateway', MetricName: 'WriteBytes', Dimensions: [{ Name: 'GatewayId', Value: gateway.id }, { Name: 'GatewayName', Value: gateway.name }] }, Period: 3600, Stat: 'Sum' } }],
    }));
    return (result.MetricDataResults?.[0]?.Values ?? []).reduce((sum, value) => sum + value, 0);
  } finally {
    cloudWatch.destroy();
  }
}

/** Bytes written through the gateway's drives, as the traffic journal on disk holds them now. */
function writeBytesOnDisk(gatewayArn: string): number {
  let text: string;
  try {
    text = readFileSync(join(stateDir, 'cloudwatch', 'traffic.journal'), 'utf8');
  } catch {
    return 0;
  }
  let total = 0;
  for (const value of replayJournal(text).get('hours')?.values() ?? []) {
    const hour = value as { gatewayArn: string; minutes: Record<string, [number, number, number]> };
    if (hour.gatewayArn === gatewayArn) for (const bytes of Object.values(hour.minutes)) total += bytes[0];
  }
  return total;
}

test('kill -9 after a stop, a start and a tape write: the power state and the traffic on disk are served after the restart', async () => {
  const clientId = deployment.clientInstanceId;
  let lab = await LabChild.start(stateDir, ['--time-scale', TIME_SCALE]);
  let clients = labClients(lab.ready.endpoint);
  const restart = async () => {
    clients.destroy();
    await lab.kill9();
    lab = await LabChild.start(stateDir, ['--time-scale', TIME_SCALE]);
    clients = labClients(lab.ready.endpoint);
  };
  try {
    await waitOnline(clients, clientId);
    const info = await clients.sg.send(new DescribeGatewayInformationCommand({ GatewayARN: deployment.gatewayArn }));
    const gateway = { id: info.GatewayId ?? '', name: info.GatewayName ?? '' };
    const before = writeBytesOnDisk(deployment.gatewayArn);
    const servedBefore = await writeBytes(lab.ready, gateway);
    const wrote = await runShellScript(clients.ssm, clientId, [...loginCommands(deployment), 'dd if=/dev/urandom of=/tmp/traffic.bin bs=65536 count=16', 'sudo tar -cf /dev/nst0 --record-size=65536 /tmp/traffic.bin']);
    assert.equal(wrote.result.Status, 'Success', wrote.result.StandardErrorContent);
    // The history is saved at most once a second: wait until all the lab counted is on disk, then kill.
    const served = await eventually('the traffic on disk', async () => {
      const counted = await writeBytes(lab.ready, gateway);
      const saved = writeBytesOnDisk(deployment.gatewayArn) - before;
      return saved >= 16 * 65536 && saved === counted - servedBefore ? counted : undefined;
    }, 20_000, 50);
    await restart();
    assert.equal(await writeBytes(lab.ready, gateway), served, 'GetMetricData answers the same WriteBytes after the kill');

    const stopped = await ec2Call(lab.ready, 'StopInstances', { 'InstanceId.1': clientId });
    assert.equal(stopped.status, 200, stopped.text);
    await restart();
    await eventually('the stop to hold after the kill', async () => ((await instanceStateName(lab.ready, clientId)) === 'stopped' ? true : undefined));

    const started = await ec2Call(lab.ready, 'StartInstances', { 'InstanceId.1': clientId });
    assert.equal(started.status, 200, started.text);
    await restart();
    await eventually('the start to hold after the kill', async () => ((await instanceStateName(lab.ready, clientId)) === 'running' ? true : undefined));
    await waitOnline(clients, clientId);
  } finally {
    clients.destroy();
    await lab.stop();
  }
  assert.deepEqual(leftoverTempFiles(stateDir), []);
});
