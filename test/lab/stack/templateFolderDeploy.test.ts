// The extension's deploy path for a template folder, without VS Code: S3Api uploads the packaged children with the SDK's
// default checksums, CloudFormationApi creates the root, and the stack list shows the children with their parent.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { AwsClients } from '../../../src/aws/AwsClients';
import { CloudFormationApi } from '../../../src/aws/CloudFormationApi';
import { S3Api } from '../../../src/aws/S3Api';
import { labTemplateBucket, packageTemplate } from '../../../src/extension/templateFolder/packageTemplate';
import { startLab, type RunningLab } from '../../../src/lab';

const FOLDER = resolve(__dirname, 'fixtures', 'nested');
let lab: RunningLab;
let dir: string;
let clients: AwsClients;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'template-folder-'));
  lab = await startLab({ port: 0, stateDir: dir, timeScale: 0, region: 'eu-west-1' });
  clients = new AwsClients({ kind: 'lab', endpoint: lab.endpoint, region: 'eu-west-1', accessKeyId: lab.accessKeyId, secretAccessKey: lab.secretAccessKey });
});
after(async () => {
  clients.dispose();
  await lab.stop();
  await rm(dir, { recursive: true, force: true });
});

test('children uploaded to the lab bucket, root deployed, nested stacks listed under their parent', async () => {
  const s3 = new S3Api(clients);
  const bucket = labTemplateBucket('eu-west-1');
  await s3.ensureBucket(bucket);
  await s3.ensureBucket(bucket);
  const packaged = await packageTemplate(join(FOLDER, 'root.yaml'), (path) => readFile(path, 'utf8'), (key, body) => s3.uploadTemplate(bucket, key, body));
  assert.equal(packaged.uploaded.length, 2);
  assert.ok((await s3.listBuckets()).includes(bucket));
  const stacks = new CloudFormationApi(clients);
  const parameters = await stacks.templateParameters(packaged.body);
  assert.deepEqual(parameters.map((parameter) => parameter.key).sort(), ['Prefix', 'VpcCidr']);
  const stackId = await stacks.createStack({ stackName: 'folder', templateBody: packaged.body, parameters: new Map([['Prefix', 'from-folder']]) });
  let status = '';
  for (let attempt = 0; attempt < 200 && status !== 'CREATE_COMPLETE'; attempt += 1) {
    status = (await stacks.describeStack('folder')).status;
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
  assert.equal(status, 'CREATE_COMPLETE');
  const listed = await stacks.listStacks();
  const children = listed.filter((stack) => stack.parentId === stackId);
  assert.deepEqual(children.map((stack) => stack.stackName.replace(/-[A-Z0-9]{12}$/, '')).sort(), ['folder-Network', 'folder-Security']);
  assert.equal(listed.find((stack) => stack.stackId === stackId)?.parentId, undefined);
});

test('a root over the 51,200-byte TemplateBody limit is deployed by its TemplateURL', async () => {
  const s3 = new S3Api(clients);
  const bucket = labTemplateBucket('eu-west-1');
  await s3.ensureBucket(bucket);
  const packaged = await packageTemplate(join(FOLDER, 'root.yaml'), (path) => readFile(path, 'utf8'), (key, body) => s3.uploadTemplate(bucket, key, body));
  const big = `${packaged.body}\n${'# padding to pass the TemplateBody limit\n'.repeat(1500)}`;
  assert.ok(Buffer.byteLength(big) > 51_200);
  const stacks = new CloudFormationApi(clients);
  await assert.rejects(stacks.templateParameters(big), /51200/);
  const url = await s3.uploadTemplate(bucket, 'big-root.template', big);
  assert.deepEqual((await stacks.templateParameters(big, url)).map((parameter) => parameter.key).sort(), ['Prefix', 'VpcCidr']);
  await stacks.createStack({ stackName: 'big-root', templateBody: big, templateUrl: url, parameters: new Map() });
  let status = '';
  for (let attempt = 0; attempt < 200 && status !== 'CREATE_COMPLETE'; attempt += 1) {
    status = (await stacks.describeStack('big-root')).status;
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
  assert.equal(status, 'CREATE_COMPLETE');
});
