// The walkthrough on the nested template set (templates/nested/) in eu-west-1: children packaged into the lab's S3,
// the root created from them, then activation through the client, cache, upload buffer and a tape; and a file on tape.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsClients } from '../../../src/aws/AwsClients';
import { templateUrl } from '../../../src/aws/S3Api';
import { SsmApi } from '../../../src/aws/SsmApi';
import { StorageGatewayApi } from '../../../src/aws/StorageGatewayApi';
import { LibraryReader } from '../../../src/extension/explorer/library/LibraryReader';
import { startNativeSession } from '../../../src/extension/shell/startNativeSession';
import type { ShellChannel } from '../../../src/extension/workflows/ShellChannel';
import { runVisible } from '../../../src/extension/workflows/runVisible';
import { TapeWorkflows } from '../../../src/extension/workflows/TapeWorkflows';
import { packageTemplate } from '../../../src/extension/templateFolder/packageTemplate';
import { startLab, type RunningLab } from '../../../src/lab';
import { parseSha256, sha256Line } from '../../../src/tape/workflowSteps';
import { deployTapeGateway, type DeployedGateway } from './deployTapeGateway';

const ROOT = resolve(__dirname, '../../../templates/nested/tape-gateway.yaml');
const REGION = 'eu-west-1';
let dir: string;
let lab: RunningLab;
let deployed: DeployedGateway | undefined;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nested-walkthrough-'));
  lab = await startLab({ port: 0, stateDir: join(dir, 'state'), timeScale: 0.0005 });
});
after(async () => {
  deployed?.destroy();
  await lab.stop();
  await rm(dir, { recursive: true, force: true });
});

test('the nested set deploys from S3 in eu-west-1 and a file goes to tape and back', async () => {
  const sdk = { endpoint: lab.endpoint, region: REGION, credentials: { accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey } };
  const s3 = new S3Client({ ...sdk, forcePathStyle: true });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'walkthrough-templates', CreateBucketConfiguration: { LocationConstraint: REGION } }));
    const packaged = await packageTemplate(ROOT, (path) => readFile(path, 'utf8'), async (key, body) => {
      await s3.send(new PutObjectCommand({ Bucket: 'walkthrough-templates', Key: key, Body: body }));
      return templateUrl('walkthrough-templates', key, REGION);
    });
    assert.equal(packaged.uploaded.length, 4);
    deployed = await deployTapeGateway(sdk, 'AL2', packaged.body);
  } finally {
    s3.destroy();
  }
  assert.match(deployed.gatewayArn, /^arn:aws:storagegateway:eu-west-1:123456789012:gateway\/sgw-/);
  const children = ((await deployed.cfn.send(new ListStacksCommand({}))).StackSummaries ?? []).filter((stack) => stack.ParentId !== undefined);
  assert.deepEqual(children.map((stack) => stack.StackName?.replace(/-[A-Z0-9]{12}$/, '')).sort(), ['tapegw-Ec2Stack', 'tapegw-EndpointStack', 'tapegw-StorageGatewayStack', 'tapegw-VpcStack']);
  assert.ok(children.every((stack) => stack.StackId?.startsWith('arn:aws:cloudformation:eu-west-1:')));
  const clients = new AwsClients({ kind: 'lab', endpoint: lab.endpoint, region: REGION, accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey });
  const { channel } = await startNativeSession(new SsmApi(clients), { target: deployed.clientInstanceId, size: { columns: 400, rows: 40 }, log: () => undefined });
  await channel.open();
  const session: ShellChannel = {
    sendText: (text) => channel.sendInput(text),
    onOutput: (listener) => channel.onOutput(listener),
    onEnd: (listener) => channel.onEnd((end) => listener(end.message)),
  };
  try {
    const gatewayArn = deployed.gatewayArn;
    const clientInstanceId = deployed.clientInstanceId;
    const workflows = new TapeWorkflows((command, timeoutMs) => runVisible(session, command, { timeoutMs }), await new StorageGatewayApi(clients).describeLibraryTargets(gatewayArn));
    await workflows.checkTools();
    await workflows.connect([0]);
    const reading = await LibraryReader.over(clients, () => clientInstanceId).read(gatewayArn, AbortSignal.timeout(60_000));
    const slot = reading.status?.slots.find((candidate) => candidate.full && candidate.barcode === deployed?.barcode)?.slot;
    assert.ok(slot !== undefined, `the new tape is in a slot (${reading.problem ?? 'mtx status read'})`);
    await workflows.load(slot, 0);
    await runVisible(session, `echo 'nested' > /home/ssm-user/nested.txt`);
    assert.equal(await workflows.write(0, ['/home/ssm-user/nested.txt']), 0);
    assert.deepEqual(await workflows.read(0, 0, '/home/ssm-user/restore'), ['home/ssm-user/nested.txt']);
    const restored = await runVisible(session, sha256Line('/home/ssm-user/restore/home/ssm-user/nested.txt'));
    assert.equal(parseSha256(restored.output), createHash('sha256').update('nested\n').digest('hex'));
  } finally {
    await channel.close();
    clients.dispose();
  }
});
