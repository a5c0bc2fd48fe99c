// Packaging a template folder as `aws cloudformation package` does: local child paths found, uploaded depth first, rewritten in place.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { localTemplateUrls, packageTemplate, TemplatePackagingError } from '../../../src/extension/templateFolder/packageTemplate';

const FOLDER = resolve(__dirname, '../../lab/stack/fixtures/nested');

function memoryFiles(files: Record<string, string>): (path: string) => Promise<string> {
  return (path) => (files[path] === undefined ? Promise.reject(new Error('ENOENT: no such file')) : Promise.resolve(files[path] ?? ''));
}

test('finds literal local TemplateURLs only: not S3 URLs, not intrinsic functions', () => {
  const text = [
    'Resources:',
    '  A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: ./a.yaml } }',
    "  B: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: 'https://s3.amazonaws.com/b/c.yaml' } }",
    '  C: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: !Sub "https://${Bucket}.s3.amazonaws.com/c.yaml" } }',
    '  D: { Type: AWS::EC2::VPC, Properties: { TemplateURL: ./not-a-stack.yaml } }',
    '  E: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: "children/e.yaml" } }',
  ].join('\n');
  assert.deepEqual(localTemplateUrls(text).map((found) => [found.logicalId, found.path]), [['A', './a.yaml'], ['E', 'children/e.yaml']]);
});

test('the fixture folder packages like the CLI: children uploaded as <md5>.template, the rest of the text untouched', async () => {
  const uploads = new Map<string, string>();
  const packaged = await packageTemplate(join(FOLDER, 'root.yaml'), (path) => readFile(path, 'utf8'), (key, body) => {
    uploads.set(key, body);
    return Promise.resolve(`https://s3.us-east-1.amazonaws.com/bucket/${key}`);
  });
  assert.equal(uploads.size, 2);
  for (const key of uploads.keys()) assert.match(packaged.body, new RegExp(`TemplateURL: https://s3\\.us-east-1\\.amazonaws\\.com/bucket/${key}`));
  assert.doesNotMatch(packaged.body, /\.\/children\//);
  const original = await readFile(join(FOLDER, 'root.yaml'), 'utf8');
  assert.equal(packaged.body.replace(/https:\/\/s3[^\s]+/g, 'URL'), original.replace(/\.\/children\/\w+\.yaml/g, 'URL'));
  assert.deepEqual(packaged.uploaded.map((path) => path.slice(FOLDER.length + 1)).sort(), ['children/network.yaml', 'children/security.yaml']);
});

test('grandchildren are uploaded first; JSON templates get JSON strings', async () => {
  const files = {
    '/t/root.json': JSON.stringify({ Resources: { Mid: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'mid/mid.yaml' } } } }, null, 2),
    '/t/mid/mid.yaml': 'Resources:\n  Leaf:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ../leaf.yaml\n',
    '/t/leaf.yaml': 'Resources:\n  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }\n',
  };
  const order: string[] = [];
  const packaged = await packageTemplate('/t/root.json', memoryFiles(files), (key, body) => {
    order.push(body.includes('Leaf') ? 'mid' : 'leaf');
    return Promise.resolve(`https://s3.us-east-1.amazonaws.com/b/${key}`);
  });
  assert.deepEqual(order, ['leaf', 'mid']);
  const parsed = JSON.parse(packaged.body) as { Resources: { Mid: { Properties: { TemplateURL: string } } } };
  assert.match(parsed.Resources.Mid.Properties.TemplateURL, /^https:\/\/s3\.us-east-1\.amazonaws\.com\/b\/[0-9a-f]{32}\.template$/);
});

test('a missing child and a circular reference are refused before anything is uploaded', async () => {
  const uploads: string[] = [];
  const upload = (key: string) => {
    uploads.push(key);
    return Promise.resolve(`https://s3.us-east-1.amazonaws.com/b/${key}`);
  };
  await assert.rejects(packageTemplate('/m/root.yaml', memoryFiles({ '/m/root.yaml': 'Resources:\n  C: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: gone.yaml } }\n' }), upload), (error: Error) => error instanceof TemplatePackagingError && /Cannot read the child template \/m\/gone\.yaml named in \/m\/root\.yaml/.test(error.message));
  const circular = {
    '/c/a.yaml': 'Resources:\n  B: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: b.yaml } }\n',
    '/c/b.yaml': 'Resources:\n  A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: ./a.yaml } }\n',
  };
  await assert.rejects(packageTemplate('/c/a.yaml', memoryFiles(circular), upload), (error: Error) => error instanceof TemplatePackagingError && /\/c\/a\.yaml includes itself through \/c\/b\.yaml → \/c\/a\.yaml/.test(error.message));
  assert.deepEqual(uploads, []);
});
