// A lab stopped while a nested stack set is being created: after the restart the root rolls back and takes its
// children with it, with no live child stack or resource left.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { startS3Lab } from '../s3/s3Fixture';

const FOLDER = resolve(__dirname, 'fixtures', 'nested');

function cloudFormation(endpoint: string): CloudFormationClient {
  return new CloudFormationClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

test('an interrupted nested create rolls back the root and deletes its children after a restart', async () => {
  // 15 s per VPC at scale 0.1: the first child is still creating when the lab stops.
  const first = await startS3Lab({ keep: true, timeScale: 0.1 });
  const dir = first.dir;
  for (const args of [['s3', 'mb', 's3://restart'], ['cloudformation', 'package', '--template-file', join(FOLDER, 'root.yaml'), '--s3-bucket', 'restart', '--output-template-file', join(dir, 'packaged.yaml')]]) {
    const result = await first.aws(args);
    assert.equal(result.code, 0, result.stderr);
  }
  let cfn = cloudFormation(first.lab.endpoint);
  const { StackId } = await cfn.send(new CreateStackCommand({ StackName: 'interrupted', TemplateBody: await readFile(join(dir, 'packaged.yaml'), 'utf8') }));
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const summaries = (await cfn.send(new ListStacksCommand({}))).StackSummaries ?? [];
    if (summaries.some((summary) => summary.ParentId === StackId)) break;
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
  cfn.destroy();
  await first.lab.stop();

  const second = await startS3Lab({ dir, timeScale: 0 });
  cfn = cloudFormation(second.lab.endpoint);
  try {
    let status = '';
    for (let attempt = 0; attempt < 400 && status !== 'ROLLBACK_COMPLETE'; attempt += 1) {
      status = (await cfn.send(new DescribeStacksCommand({ StackName: StackId }))).Stacks?.[0]?.StackStatus ?? '';
      await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    }
    assert.equal(status, 'ROLLBACK_COMPLETE');
    const children = ((await cfn.send(new ListStacksCommand({}))).StackSummaries ?? []).filter((summary) => summary.ParentId === StackId);
    assert.ok(children.length > 0, 'the child created before the stop is known');
    assert.deepEqual(children.map((child) => child.StackStatus), children.map(() => 'DELETE_COMPLETE'));
  } finally {
    cfn.destroy();
    await second.close();
  }
});
