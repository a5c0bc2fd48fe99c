// Metrics follow what happens in the lab: tar writes through a drive show up as WriteBytes and fill the cache and upload buffer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeGatewayInformationCommand, UpdateBandwidthRateLimitCommand } from '@aws-sdk/client-storage-gateway';
import { runVisible } from '../../../src/extension/workflows/runVisible';
import { TapeWorkflows } from '../../../src/extension/workflows/TapeWorkflows';
import { sendCommand } from '../workflows/deployTapeGateway';
import { startWorkflowLab, type TestShell, type WorkflowLab } from '../workflows/workflowLab';

let t: WorkflowLab;
let session: TestShell;
let cloudWatch: CloudWatchClient;

before(async () => {
  t = await startWorkflowLab('AL2');
  session = await t.openShell();
  cloudWatch = new CloudWatchClient({ endpoint: t.lab.endpoint, region: t.lab.region, credentials: { accessKeyId: t.lab.accessKeyId, secretAccessKey: t.lab.secretAccessKey }, maxAttempts: 1 });
});
after(async () => {
  cloudWatch?.destroy();
  await session?.close();
  await t?.close();
});

test('a 3 MiB tar write under a 51,200 bit/s upload limit: WriteBytes counts it, the cache and upload buffer hold it dirty', async () => {
  const info = await t.sg.send(new DescribeGatewayInformationCommand({ GatewayARN: t.gatewayArn }));
  await t.sg.send(new UpdateBandwidthRateLimitCommand({ GatewayARN: t.gatewayArn, AverageUploadRateLimitInBitsPerSec: 51200 }));
  const workflows = new TapeWorkflows((command, timeoutMs) => runVisible(session, command, { timeoutMs }), await t.libraryTargets());
  await workflows.connect([0]);
  const slot = await t.slotOf(t.barcode);
  assert.ok(slot !== undefined, 'the new tape is in a slot');
  await workflows.load(slot, 0);
  const made = await sendCommand(t.ssm, t.clientInstanceId, 'dd if=/dev/urandom of=/home/ssm-user/big.bin bs=1048576 count=3');
  assert.equal(made.code, 0, made.stdout);
  await workflows.write(0, ['/home/ssm-user/big.bin']);

  const dimensions = [{ Name: 'GatewayId', Value: info.GatewayId ?? '' }, { Name: 'GatewayName', Value: info.GatewayName ?? '' }];
  const query = (id: string, name: string, stat: string) => ({ Id: id, MetricStat: { Metric: { Namespace: 'AWS/StorageGateway', MetricName: name, Dimensions: dimensions }, Period: 3600, Stat: stat } });
  const end = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + 3600_000);
  const result = await cloudWatch.send(new GetMetricDataCommand({
    StartTime: new Date(end.getTime() - 3 * 3600_000),
    EndTime: end,
    MetricDataQueries: [query('written', 'WriteBytes', 'Sum'), query('dirty', 'CachePercentDirty', 'Maximum'), query('buffer', 'UploadBufferUsed', 'Maximum'), query('uploaded', 'CloudBytesUploaded', 'Sum')],
  }));
  const total = (id: string) => (result.MetricDataResults ?? []).find((r) => r.Id === id)?.Values?.reduce((a, b) => a + b, 0) ?? 0;
  const peak = (id: string) => Math.max(0, ...((result.MetricDataResults ?? []).find((r) => r.Id === id)?.Values ?? []));
  const written = total('written');
  assert.ok(written >= 3 * 1024 * 1024, `WriteBytes ${written} holds the 3 MiB file and its tar headers`);
  assert.equal(written % 65536, 0, 'tar wrote whole 64 KiB records');
  // 51,200 bit/s uploads 384,000 bytes a minute: most of the write is still dirty.
  assert.ok(peak('dirty') > 0, 'cache holds data not yet uploaded');
  assert.ok(peak('buffer') >= written - 2 * 384_000, `upload buffer ${peak('buffer')} holds what is not uploaded`);
  assert.ok(total('uploaded') <= 2 * 384_000 + 1, 'no more uploaded than the limit allows');
});
