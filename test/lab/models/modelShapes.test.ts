// Every new S3 and CloudFormation answer checked against botocore's models; CloudFormation's input constraints enforced.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { sendRaw } from '../faults/support/rawRequests';
import { rawS3, startS3Lab, type S3Lab } from '../s3/s3Fixture';
import { loadModel, outputProblems, requiredInputMembers } from './botocoreModel';

const FOLDER = resolve(__dirname, '..', 'stack', 'fixtures', 'nested');
const s3Model = loadModel('s3');
const cfnModel = loadModel('cloudformation');
let s3: S3Lab;
let templateUrl: string;

before(async () => {
  s3 = await startS3Lab();
  for (const args of [['s3', 'mb', 's3://shapes'], ['cloudformation', 'package', '--template-file', join(FOLDER, 'root.yaml'), '--s3-bucket', 'shapes', '--output-template-file', join(s3.dir, 'packaged.yaml')]]) {
    const result = await s3.aws(args);
    assert.equal(result.code, 0, result.stderr);
  }
  assert.equal((await s3.aws(['s3', 'cp', join(s3.dir, 'packaged.yaml'), 's3://shapes/packaged.yaml'])).code, 0);
  templateUrl = 'https://shapes.s3.amazonaws.com/packaged.yaml';
});
after(() => s3.close());

async function cfn(form: Record<string, string>): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams({ Version: '2010-05-15', ...form }).toString();
  const answer = await sendRaw(s3.lab.endpoint, { method: 'POST', path: '/', body, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, sign: { service: 'cloudformation' } });
  assert.ok(answer);
  return { status: answer.status, text: answer.body.toString('utf8') };
}

async function cfnShaped(form: Record<string, string> & { Action: string }): Promise<string> {
  const answer = await cfn(form);
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(outputProblems(cfnModel, 'query', form.Action, answer.text), [], `${form.Action}: ${answer.text.slice(0, 400)}`);
  return answer.text;
}

test('CloudFormation answers for TemplateURL, change sets, nested stacks and resources match the model', async () => {
  await cfnShaped({ Action: 'ValidateTemplate', TemplateURL: templateUrl });
  await cfnShaped({ Action: 'GetTemplateSummary', TemplateURL: templateUrl });
  const created = await cfnShaped({ Action: 'CreateChangeSet', StackName: 'shaped', ChangeSetName: 'first', ChangeSetType: 'CREATE', TemplateURL: templateUrl });
  const changeSetId = /<Id>([^<]+)<\/Id>/.exec(created)?.[1] ?? '';
  await cfnShaped({ Action: 'DescribeChangeSet', ChangeSetName: changeSetId });
  await cfnShaped({ Action: 'ListChangeSets', StackName: 'shaped' });
  await cfnShaped({ Action: 'DescribeStacks', StackName: 'shaped' });
  await cfnShaped({ Action: 'ExecuteChangeSet', ChangeSetName: 'first', StackName: 'shaped' });
  let status = '';
  for (let attempt = 0; attempt < 200 && status !== 'CREATE_COMPLETE'; attempt += 1) {
    status = /<StackStatus>([^<]+)</.exec(await cfnShaped({ Action: 'DescribeStacks', StackName: 'shaped' }))?.[1] ?? '';
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  }
  assert.equal(status, 'CREATE_COMPLETE');
  const listed = await cfnShaped({ Action: 'ListStacks' });
  const childId = /<StackId>([^<]*shaped-Network[^<]*)<\/StackId>/.exec(listed)?.[1] ?? '';
  assert.match(await cfnShaped({ Action: 'DescribeStacks', StackName: childId }), /<ParentId>arn:aws:cloudformation:us-east-1:123456789012:stack\/shaped\//);
  await cfnShaped({ Action: 'DescribeStackResources', StackName: childId });
  await cfnShaped({ Action: 'DescribeStackResource', StackName: 'shaped', LogicalResourceId: 'Network' });
  await cfnShaped({ Action: 'ListStackResources', StackName: childId });
  await cfnShaped({ Action: 'DescribeStackEvents', StackName: childId });
  await cfnShaped({ Action: 'GetTemplate', StackName: childId, TemplateStage: 'Original' });
  await cfnShaped({ Action: 'CreateChangeSet', StackName: 'shaped', ChangeSetName: 'second', TemplateURL: templateUrl, 'Parameters.member.1.ParameterKey': 'Prefix', 'Parameters.member.1.ParameterValue': 'changed' });
  await cfnShaped({ Action: 'DescribeChangeSet', ChangeSetName: 'second', StackName: 'shaped' });
  await cfnShaped({ Action: 'DeleteChangeSet', ChangeSetName: 'second', StackName: 'shaped' });
});

test('CloudFormation refuses TimeoutInMinutes < 1, an unknown TemplateStage or StackStatusFilter, and missing required members', async () => {
  const refusals: [Record<string, string>, RegExp][] = [
    [{ Action: 'CreateStack', StackName: 'zero', TemplateURL: templateUrl, TimeoutInMinutes: '0' }, /Value '0' at 'timeoutInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 1/],
    [{ Action: 'CreateStack', StackName: 'word', TemplateURL: templateUrl, TimeoutInMinutes: 'soon' }, /at 'timeoutInMinutes'/],
    [{ Action: 'GetTemplate', StackName: 'shaped', TemplateStage: 'Final' }, /Value 'Final' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: \[Original, Processed\]/],
    [{ Action: 'ListStacks', 'StackStatusFilter.member.1': 'CREATE_COMPLETE', 'StackStatusFilter.member.2': 'DONE' }, /at 'stackStatusFilter' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy enum value set: \[CREATE_IN_PROGRESS/],
    [{ Action: 'CreateStack', StackName: 'both', TemplateURL: templateUrl, TemplateBody: '{}' }, /Exactly one of TemplateBody or TemplateUrl must be specified\./],
    [{ Action: 'ValidateTemplate', TemplateURL: 'ftp://shapes/packaged.yaml' }, /TemplateURL must be a supported URL\./],
  ];
  for (const [form, message] of refusals) {
    const answer = await cfn(form);
    assert.equal(answer.status, 400, answer.text);
    assert.match(answer.text, /<Code>ValidationError<\/Code>/);
    assert.match(answer.text.replace(/&apos;/g, "'").replace(/&quot;/g, '"'), message);
  }
  for (const operation of ['CreateChangeSet', 'DescribeChangeSet', 'ExecuteChangeSet', 'DeleteChangeSet', 'ListChangeSets', 'DescribeStackResource']) {
    for (const missing of requiredInputMembers(cfnModel, operation)) {
      const form: Record<string, string> = { Action: operation, StackName: 'shaped', ChangeSetName: 'x', LogicalResourceId: 'Network' };
      delete form[missing];
      const answer = await cfn(form);
      assert.equal(answer.status, 400, `${operation} without ${missing}: ${answer.text}`);
      assert.match(answer.text, /<Code>ValidationError<\/Code>/, `${operation} without ${missing}`);
    }
  }
  const stacks = await cfn({ Action: 'ListStacks' });
  assert.doesNotMatch(stacks.text, /<StackName>(zero|word|both)<\/StackName>/, 'refused requests create nothing');
});

test('S3 answers match the model: listings, multipart, copies, deletes, tags', async () => {
  const shaped = async (operation: string, request: Parameters<typeof rawS3>[1]) => {
    const answer = await rawS3(s3.lab, request);
    assert.ok(answer.status < 300, `${operation}: ${answer.status} ${answer.body}`);
    assert.deepEqual(outputProblems(s3Model, 'rest-xml', operation, answer.body), [], `${operation}: ${answer.body.slice(0, 400)}`);
    return answer.body;
  };
  await shaped('ListBuckets', { method: 'GET', path: '/' });
  await shaped('ListObjectsV2', { method: 'GET', path: '/shapes?list-type=2&delimiter=%2F&fetch-owner=true&encoding-type=url' });
  await shaped('ListObjects', { method: 'GET', path: '/shapes?max-keys=1' });
  const initiated = await shaped('CreateMultipartUpload', { method: 'POST', path: '/shapes/multi.txt?uploads' });
  const uploadId = /<UploadId>([^<]+)</.exec(initiated)?.[1] ?? '';
  const part = await rawS3(s3.lab, { method: 'PUT', path: `/shapes/multi.txt?partNumber=1&uploadId=${uploadId}`, body: 'one part' });
  await shaped('ListParts', { method: 'GET', path: `/shapes/multi.txt?uploadId=${uploadId}` });
  await shaped('ListMultipartUploads', { method: 'GET', path: '/shapes?uploads' });
  await shaped('CompleteMultipartUpload', { method: 'POST', path: `/shapes/multi.txt?uploadId=${uploadId}`, body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${String(part.headers.etag)}</ETag></Part></CompleteMultipartUpload>` });
  await shaped('CopyObject', { method: 'PUT', path: '/shapes/copy.txt', headers: { 'x-amz-copy-source': '/shapes/multi.txt' } });
  await shaped('GetObjectTagging', { method: 'GET', path: '/shapes/copy.txt?tagging' });
  const deleteBody = '<Delete><Object><Key>copy.txt</Key></Object><Object><Key>never-there</Key></Object></Delete>';
  await shaped('DeleteObjects', { method: 'POST', path: '/shapes?delete', body: deleteBody, headers: { 'content-md5': (await import('node:crypto')).createHash('md5').update(deleteBody).digest('base64') } });
});
