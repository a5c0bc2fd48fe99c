// CloudWatch in the lab through both real clients: the AWS CLI v2 (query protocol, XML) and the SDK v3 (JSON 1.0), checked against botocore's model.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeGatewayInformationCommand } from '@aws-sdk/client-storage-gateway';
import { GATEWAY_METRICS } from '../../../src/tape/gatewayMetrics';
import { loadModel, outputProblems } from '../botocoreModel';
import { readyGateway, startSgLab, tempStateDir, type SgLab } from '../storageGateway/sgLabFixture';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const model = loadModel('cloudwatch');
let sg: SgLab;
let cloudWatch: CloudWatchClient;
let gatewayId = '';
let env: NodeJS.ProcessEnv;

before(async () => {
  sg = await startSgLab({ timeScale: 0 });
  const gatewayArn = await readyGateway(sg, 'metrics-gw');
  gatewayId = (await sg.client.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn }))).GatewayId ?? '';
  cloudWatch = new CloudWatchClient({ endpoint: sg.lab.endpoint, region: sg.lab.region, credentials: { accessKeyId: sg.lab.accessKeyId, secretAccessKey: sg.lab.secretAccessKey }, maxAttempts: 1 });
  const folder = await tempStateDir();
  const emptyConfig = join(folder, 'aws-config');
  await writeFile(emptyConfig, '');
  env = { PATH: process.env.PATH, HOME: folder, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: emptyConfig, AWS_SHARED_CREDENTIALS_FILE: emptyConfig, AWS_PAGER: '' };
});
after(async () => {
  cloudWatch?.destroy();
  await sg?.lab.stop();
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(AWS, ['cloudwatch', ...args, '--endpoint-url', sg.lab.endpoint, '--output', 'json'], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const dimensions = () => [
  { Name: 'GatewayId', Value: gatewayId },
  { Name: 'GatewayName', Value: 'metrics-gw' },
];

test('ListMetrics: every tape gateway metric with the GatewayId and GatewayName dimensions, on both wires', async () => {
  const viaSdk = await cloudWatch.send(new ListMetricsCommand({ Namespace: 'AWS/StorageGateway' }));
  const names = (viaSdk.Metrics ?? []).map((m) => m.MetricName).sort();
  assert.deepEqual(names, GATEWAY_METRICS.map((m) => m.name).sort());
  for (const metric of viaSdk.Metrics ?? []) assert.deepEqual(metric.Dimensions, dimensions());
  const { $metadata: _metadata, ...body } = viaSdk;
  assert.deepEqual(outputProblems(model, 'ListMetrics', body), []);

  const filtered = await cli(['list-metrics', '--namespace', 'AWS/StorageGateway', '--metric-name', 'CachePercentDirty', '--dimensions', `Name=GatewayId,Value=${gatewayId}`]);
  assert.equal(filtered.code, 0, filtered.stderr);
  const parsed = JSON.parse(filtered.stdout) as { Metrics: { MetricName: string; Namespace: string; Dimensions: unknown[] }[] };
  assert.deepEqual(parsed.Metrics, [{ Namespace: 'AWS/StorageGateway', MetricName: 'CachePercentDirty', Dimensions: dimensions() }]);
  assert.deepEqual(outputProblems(model, 'ListMetrics', parsed, 'iso'), []);
  const none = await cli(['list-metrics', '--namespace', 'AWS/EC2']);
  assert.deepEqual(JSON.parse(none.stdout), { Metrics: [] });
});

test('GetMetricData: a minute series since activation, ascending or descending; shapes per the model on both wires', async () => {
  const end = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
  const start = new Date(end.getTime() - 3600_000);
  const queries = [
    { Id: 'used', MetricStat: { Metric: { Namespace: 'AWS/StorageGateway', MetricName: 'CachePercentUsed', Dimensions: dimensions() }, Period: 60, Stat: 'Average' } },
    { Id: 'writes', MetricStat: { Metric: { Namespace: 'AWS/StorageGateway', MetricName: 'WriteBytes', Dimensions: dimensions() }, Period: 300, Stat: 'Sum' }, Label: 'Written' },
    { Id: 'other', MetricStat: { Metric: { Namespace: 'AWS/StorageGateway', MetricName: 'CachePercentUsed', Dimensions: [{ Name: 'GatewayId', Value: 'sgw-00000000' }] }, Period: 60, Stat: 'Average' } },
  ];
  const viaSdk = await cloudWatch.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending' }));
  const [used, writes, other] = viaSdk.MetricDataResults ?? [];
  assert.equal(used?.StatusCode, 'Complete');
  assert.equal(used?.Label, 'CachePercentUsed');
  assert.ok((used?.Values ?? []).length >= 1, 'the activated gateway publishes every minute');
  assert.ok((used?.Values ?? []).every((v) => v === 0), 'nothing written yet');
  const times = (used?.Timestamps ?? []).map((t) => t.getTime());
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  assert.ok(times.every((t) => t % 60_000 === 0));
  assert.deepEqual(writes?.Values, [], 'byte counters only have points for minutes in which something moved');
  assert.equal(writes?.Label, 'Written');
  assert.deepEqual(other?.Values, [], 'a partial dimension set names another metric');

  const viaCli = await cli(['get-metric-data', '--metric-data-queries', JSON.stringify(queries), '--start-time', start.toISOString(), '--end-time', end.toISOString()]);
  assert.equal(viaCli.code, 0, viaCli.stderr);
  const parsed = JSON.parse(viaCli.stdout) as { MetricDataResults: { Id: string; Timestamps: string[]; Values: number[] }[] };
  assert.deepEqual(outputProblems(model, 'GetMetricData', parsed, 'iso'), []);
  assert.deepEqual(parsed.MetricDataResults.map((r) => r.Id), ['used', 'writes', 'other']);
  const descending = (parsed.MetricDataResults[0]?.Timestamps ?? []).map((t) => Date.parse(t));
  assert.deepEqual(descending, [...descending].sort((a, b) => b - a), 'TimestampDescending is the default');
  assert.equal(descending.length, times.length);
});

test('GetMetricData errors: the CLI sees query error codes, the SDK the modelled exceptions', async () => {
  const now = Date.now();
  const metric = { Namespace: 'AWS/StorageGateway', MetricName: 'CachePercentUsed', Dimensions: dimensions() };
  const badId = await cli(['get-metric-data', '--metric-data-queries', JSON.stringify([{ Id: 'Upper', MetricStat: { Metric: metric, Period: 60, Stat: 'Average' } }]), '--start-time', new Date(now - 3600_000).toISOString(), '--end-time', new Date(now).toISOString()]);
  assert.notEqual(badId.code, 0);
  assert.match(badId.stderr, /\(InvalidParameterValue\)/);
  await assert.rejects(
    cloudWatch.send(new GetMetricDataCommand({ MetricDataQueries: [{ Id: 'm1', MetricStat: { Metric: metric, Period: 60, Stat: 'Average' } }], StartTime: new Date(now), EndTime: new Date(now - 60_000) })),
    (error: Error & { Code?: string }) => error.name === 'InvalidParameterValueException' && error.Code === 'InvalidParameterValue' && /StartTime must be less than/.test(error.message),
  );
  await assert.rejects(
    cloudWatch.send(new GetMetricDataCommand({ MetricDataQueries: [{ Id: 'm1', MetricStat: { Metric: metric, Period: 45, Stat: 'Average' } }], StartTime: new Date(now - 60_000), EndTime: new Date(now) })),
    (error: Error) => error.name === 'InvalidParameterValueException' && /multiple of 60/.test(error.message),
  );
  await assert.rejects(
    cloudWatch.send(new GetMetricDataCommand({ MetricDataQueries: [{ Id: 'm1', MetricStat: { Metric: metric, Period: 60, Stat: 'Average' } }], StartTime: new Date(now - 60_000), EndTime: new Date(now), NextToken: 'garbage' })),
    (error: Error) => error.name === 'InvalidNextToken',
  );
});
