// Bench: the lab's CloudFormation engine on templates/tape-gateway.yaml (instant resource delays, so engine cost only).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand, ValidateTemplateCommand } from '@aws-sdk/client-cloudformation';
import { startLab } from '../../src/lab';
import { parseTemplate } from '../../src/lab/services/cloudFormation/template/parseTemplate';
import type { BenchFigure } from './BenchFigure';

const TEMPLATE = readFileSync(resolve(__dirname, '../../templates/tape-gateway.yaml'), 'utf8');
const RUNS = 10;

export async function run(): Promise<BenchFigure[]> {
  const parse: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const start = performance.now();
    parseTemplate(TEMPLATE);
    parse.push(performance.now() - start);
  }
  const dir = await mkdtemp(join(tmpdir(), 'stack-bench-'));
  const lab = await startLab({ port: 0, stateDir: dir, timeScale: 0 });
  const cfn = new CloudFormationClient({ endpoint: lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const validate: number[] = [];
  const create: number[] = [];
  try {
    for (let index = 0; index < RUNS; index += 1) {
      let start = performance.now();
      await cfn.send(new ValidateTemplateCommand({ TemplateBody: TEMPLATE }));
      validate.push(performance.now() - start);
      start = performance.now();
      await cfn.send(new CreateStackCommand({ StackName: `bench-${index}`, TemplateBody: TEMPLATE, Capabilities: ['CAPABILITY_IAM'] }));
      for (;;) {
        const status = (await cfn.send(new DescribeStacksCommand({ StackName: `bench-${index}` }))).Stacks?.[0]?.StackStatus;
        if (status === 'CREATE_COMPLETE') break;
        if (!status?.endsWith('IN_PROGRESS')) throw new Error(`bench stack ended ${status}`);
      }
      create.push(performance.now() - start);
    }
  } finally {
    cfn.destroy();
    await lab.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return [
    { name: 'parse templates/tape-gateway.yaml (14 KB, short tags)', unit: 'ms', samples: parse },
    { name: 'ValidateTemplate round-trip (SDK, tape-gateway.yaml)', unit: 'ms', samples: validate },
    { name: 'CreateStack to CREATE_COMPLETE at --time-scale 0 (17 resources, polled)', unit: 'ms', samples: create },
  ];
}
