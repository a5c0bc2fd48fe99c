// The services' tables in the storage layer: EC2 power, appliances, CloudWatch traffic, session history and stacks keep
// what they were told across a reopen, answer their index lookups as a scan would, and import an older lab's JSON once.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ApplianceRegistry } from '../../../src/lab/hosts/ApplianceRegistry';
import { createRuntime, type LabRuntime } from '../../../src/lab/LabRuntime';
import type { StackRecord } from '../../../src/lab/services/cloudFormation/StackRecord';
import { StackStore } from '../../../src/lab/services/cloudFormation/StackStore';
import { RETENTION_MS, TrafficHistory } from '../../../src/lab/services/cloudWatch/TrafficHistory';
import { InstancePowerStore } from '../../../src/lab/services/ec2/InstancePowerStore';
import { SESSION_HISTORY_MS, SessionHistory } from '../../../src/lab/services/ssmSessions/SessionHistory';
import { seededRandom } from '../faults/support/seededRandom';

const MINUTE = 60_000;

async function withStateDir(run: (stateDir: string, runtime: LabRuntime) => Promise<void>): Promise<void> {
  const stateDir = await mkdtemp(join(tmpdir(), 'service-stores-'));
  const runtime = createRuntime({ host: '127.0.0.1', port: 0, stateDir, region: 'us-east-1', accountId: '123456789012', accessKeyId: 'test', secretAccessKey: 'test', timeScale: 0, allowedHosts: [], adminToken: 'unused' }, () => new Date('2026-06-01T00:00:00Z'), () => undefined);
  try {
    await run(stateDir, runtime);
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

test('EC2 power records survive a reopen; an older instances.json is imported once and removed', () =>
  withStateDir(async (stateDir) => {
    await mkdir(join(stateDir, 'ec2'), { recursive: true });
    await writeFile(join(stateDir, 'ec2', 'instances.json'), JSON.stringify({ version: 1, instances: { 'i-old': { state: 'stopped', changedAt: 5, reason: 'User initiated' } } }));
    const first = await InstancePowerStore.open(stateDir);
    assert.equal(first.get('i-old')?.state, 'stopped');
    await first.set('i-new', { state: 'stopped', changedAt: 7 });
    await first.set('i-old', { state: 'running', changedAt: 9 });
    await first.forget('i-gone');
    await first.close();
    assert.deepEqual(await readdir(join(stateDir, 'ec2')), ['instances.journal']);
    const second = await InstancePowerStore.open(stateDir);
    assert.deepEqual([second.get('i-old')?.state, second.get('i-new')?.state], ['running', 'stopped']);
    await second.forget('i-new');
    await second.close();
    const third = await InstancePowerStore.open(stateDir);
    assert.equal(third.get('i-new'), undefined);
    await third.close();
  }));

test('gateway traffic adds up per minute, survives a reopen, and minutes past the retention go', () =>
  withStateDir(async (stateDir) => {
    await mkdir(join(stateDir, 'cloudwatch'), { recursive: true });
    const start = Date.parse('2026-06-01T00:00:00Z');
    await writeFile(join(stateDir, 'cloudwatch', 'gateway-traffic.json'), JSON.stringify({ version: 1, gateways: { 'arn:old': { [String(start)]: [1, 2, 3] } } }));
    const first = await TrafficHistory.open(stateDir, () => undefined);
    assert.deepEqual(first.traffic('arn:old').get(start), { writeBytes: 1, readBytes: 2, readMissBytes: 3 });
    first.record('arn:a', start + 10, { writeBytes: 100, readBytes: 0, readMissBytes: 0 });
    first.record('arn:a', start + 20, { writeBytes: 5, readBytes: 7, readMissBytes: 1 });
    first.record('arn:a', start + MINUTE, { writeBytes: 1, readBytes: 0, readMissBytes: 0 });
    first.record('arn:b', start, { writeBytes: 0, readBytes: 9, readMissBytes: 9 });
    await first.flush();
    await first.close();
    assert.deepEqual((await readdir(join(stateDir, 'cloudwatch'))).sort(), ['traffic.journal']);

    const second = await TrafficHistory.open(stateDir, () => undefined);
    assert.deepEqual([...second.traffic('arn:a')], [
      [start, { writeBytes: 105, readBytes: 7, readMissBytes: 1 }],
      [start + MINUTE, { writeBytes: 1, readBytes: 0, readMissBytes: 0 }],
    ]);
    assert.deepEqual([...second.traffic('arn:b').keys()], [start]);
    // Sixteen days later the first minutes of arn:a are past the 15 days CloudWatch keeps.
    second.record('arn:a', start + RETENTION_MS + 2 * MINUTE, { writeBytes: 1, readBytes: 0, readMissBytes: 0 });
    await second.flush();
    assert.deepEqual([...second.traffic('arn:a').keys()], [start + RETENTION_MS + 2 * MINUTE]);
    await second.close();
  }));

test('session history: live sessions read as ended at the restart, old ones go after 30 days', () =>
  withStateDir(async (stateDir) => {
    const started = new Date('2026-06-01T00:00:00Z');
    const summary = (sessionId: string) => ({ sessionId, target: 'i-1', documentName: 'SSM-SessionManagerRunShell', reason: undefined, owner: 'arn:aws:iam::123456789012:user/lab-user', startDate: started, endDate: undefined });
    const first = await SessionHistory.open(stateDir, started);
    assert.deepEqual(first.past, []);
    await first.history.started(summary('s-ended'));
    await first.history.started(summary('s-live'));
    await first.history.ended('s-ended', new Date(started.getTime() + MINUTE));
    await first.history.close();

    const restart = new Date(started.getTime() + 10 * MINUTE);
    const second = await SessionHistory.open(stateDir, restart);
    const ends = new Map(second.past.map((session) => [session.sessionId, session.endDate?.toISOString()]));
    assert.deepEqual(Object.fromEntries(ends), { 's-ended': new Date(started.getTime() + MINUTE).toISOString(), 's-live': restart.toISOString() });
    await second.history.close();

    const third = await SessionHistory.open(stateDir, new Date(restart.getTime() + SESSION_HISTORY_MS - 5 * MINUTE));
    assert.deepEqual(third.past.map((session) => session.sessionId), ['s-live'], 's-ended ended more than 30 days before');
    await third.history.close();
  }));

test('appliances: records, the host counter and the activation state survive a reopen; lookups by address and gateway', () =>
  withStateDir(async (_stateDir, runtime) => {
    const first = await ApplianceRegistry.open(runtime);
    const one = await first.create();
    const two = await first.create();
    assert.notEqual(one.privateIp, two.privateIp);
    const record = first.byAddress(two.privateDnsName.toUpperCase());
    assert.equal(record?.instanceId, two.instanceId);
    if (record) await first.markActivated(record, 'arn:gw-two');
    await first.close();

    const second = await ApplianceRegistry.open(runtime);
    try {
      assert.equal(second.byInstanceId(two.instanceId)?.gatewayArn, 'arn:gw-two');
      assert.equal(second.byAddress(one.privateIp)?.instanceId, one.instanceId);
      const three = await second.create();
      assert.ok(![one.privateIp, two.privateIp].includes(three.privateIp), 'the host counter carried on after the reopen');
      await second.release('arn:gw-two');
      assert.equal(second.byInstanceId(two.instanceId)?.gatewayArn, undefined);
    } finally {
      await second.close();
    }
  }));

test('stacks by live name and by region answer what a scan answers, across a reopen', () =>
  withStateDir(async (_stateDir, runtime) => {
    const random = seededRandom(99);
    const regions = ['us-east-1', 'eu-west-1'];
    const names = ['alpha', 'beta', 'gamma'];
    let store = await StackStore.open(runtime);
    const all: StackRecord[] = [];
    for (let i = 0; i < 120; i += 1) {
      const region = regions[random.int(0, 1)] ?? 'us-east-1';
      const stackName = names[random.int(0, 2)] ?? 'alpha';
      // At most one live stack per name and region, as CloudFormation allows: the earlier one is deleted first.
      const live = store.liveByName(region, stackName);
      if (live) {
        live.status = 'DELETE_COMPLETE';
        store.save(live);
      }
      const stack = { stackId: `arn:stack/${region}/${stackName}/${i}`, stackName, region, status: random.int(0, 3) === 0 ? 'DELETE_COMPLETE' : 'CREATE_COMPLETE' } as StackRecord;
      store.save(stack);
      all.push(stack);
      if (i === 60) {
        await store.close();
        store = await StackStore.open(runtime);
        all.splice(0, all.length, ...store.load());
      }
    }
    for (const region of regions) {
      const scan = all.filter((stack) => stack.region === region && stack.status !== 'DELETE_COMPLETE');
      assert.deepEqual(store.liveInRegion(region).map((stack) => stack.stackId), scan.map((stack) => stack.stackId), region);
      for (const stackName of names) assert.equal(store.liveByName(region, stackName)?.stackId, scan.find((stack) => stack.stackName === stackName)?.stackId, `${region} ${stackName}`);
    }
    await store.close();
  }));
