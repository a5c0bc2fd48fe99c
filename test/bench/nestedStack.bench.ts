// Bench: the tape gateway environment created as the nested set (templates/nested/, children read from the lab's S3)
// against the flat templates/tape-gateway.yaml, at --time-scale 0 (engine, S3 reads and simulation cost only).
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { templateUrl } from '../../src/aws/S3Api';
import { packageTemplate } from '../../src/extension/templateFolder/packageTemplate';
import { startLab } from '../../src/lab';
import type { BenchFigure } from './BenchFigure';

const ROOT = resolve(__dirname, '..', '..');
const RUNS = 10;

async function untilComplete(cfn: CloudFormationClient, stackName: string): Promise<void> {
  for (;;) {
    const status = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]?.StackStatus;
    if (status === 'CREATE_COMPLETE') return;
    if (!status?.endsWith('IN_PROGRESS')) throw new Error(`bench stack ${stackName} ended ${status}`);
  }
}

export async function run(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nested-bench-'));
  const lab = await startLab({ port: 0, stateDir: dir, timeScale: 0 });
  const config = { endpoint: lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const cfn = new CloudFormationClient(config);
  const nested: number[] = [];
  const flat: number[] = [];
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'bench-templates' }));
    const packaged = await packageTemplate(join(ROOT, 'templates', 'nested', 'tape-gateway.yaml'), (path) => readFile(path, 'utf8'), async (key, body) => {
      await s3.send(new PutObjectCommand({ Bucket: 'bench-templates', Key: key, Body: body }));
      return templateUrl('bench-templates', key, 'us-east-1');
    });
    const flatBody = readFileSync(join(ROOT, 'templates', 'tape-gateway.yaml'), 'utf8');
    for (let index = 0; index < RUNS; index += 1) {
      for (const [samples, body, name] of [[nested, packaged.body, `nested-${index}`], [flat, flatBody, `flat-${index}`]] as const) {
        const start = performance.now();
        await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Capabilities: ['CAPABILITY_IAM'] }));
        await untilComplete(cfn, name);
        samples.push(performance.now() - start);
      }
    }
  } finally {
    s3.destroy();
    cfn.destroy();
    await lab.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  return [
    { name: 'templates/nested/ (root + 4 child stacks from S3) to CREATE_COMPLETE, time scale 0', unit: 'ms', samples: nested, note: `median ${(median(nested) / median(flat)).toFixed(2)}× the flat template in the same run` },
    { name: 'templates/tape-gateway.yaml (flat, same resources) to CREATE_COMPLETE, time scale 0', unit: 'ms', samples: flat },
  ];
}
